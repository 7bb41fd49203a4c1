/*
 * random: prints N bytes from getentropy (random_get underneath) as lowercase hex.
 *
 *   random [N]        N >= 0, default 32
 *
 * Output: one line of 2*N hex digits (an empty line for N=0). getentropy is
 * called in chunks of at most 256 bytes. On failure: "random: errno=N" on
 * stderr, exit 1. Otherwise exit 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 32;
    unsigned char buf[256];
    while (n > 0) {
        size_t k = n > 256 ? 256 : (size_t)n;
        if (getentropy(buf, k) != 0) {
            fflush(stdout);
            fprintf(stderr, "random: errno=%d\n", errno);
            return 1;
        }
        for (size_t i = 0; i < k; i++) printf("%02x", buf[i]);
        n -= (long)k;
    }
    printf("\n");
    return 0;
}
