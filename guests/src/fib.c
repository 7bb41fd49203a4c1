// native: yes
/*
 * fib (benchmark): naive recursive Fibonacci. Output: "fib(N)=F\n" (N default 35,
 * F as unsigned 64-bit). Exit 0. Portable C11.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static uint64_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 35;
    if (n < 0) n = 0;
    printf("fib(%ld)=%llu\n", n, (unsigned long long)fib((uint32_t)n));
    return 0;
}
