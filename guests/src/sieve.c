// native: yes
/*
 * sieve (benchmark): counts primes below N (default 20000000) with a byte-array
 * Sieve of Eratosthenes. Output: "sieve N=N primes=P\n". Exit 0 (1 if malloc fails).
 * Portable C11.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 20000000;
    if (n < 0) n = 0;
    unsigned char *composite = calloc((size_t)n + 1, 1);
    if (!composite) { fprintf(stderr, "sieve: out of memory\n"); return 1; }
    /* 64-bit indices: on wasm32 `long` is 32 bits and i * i would overflow */
    long count = 0;
    for (int64_t i = 2; i < n; i++) {
        if (composite[i]) continue;
        count++;
        for (int64_t j = i * i; j < n; j += i) composite[j] = 1;
    }
    printf("sieve N=%ld primes=%ld\n", n, count);
    free(composite);
    return 0;
}
