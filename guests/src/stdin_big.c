/*
 * stdin_big: reads all of stdin with read(0, buf, 64 KiB) and prints
 * "bytes=N fnv1a64=HHHHHHHHHHHHHHHH\n" (FNV-1a 64-bit over all bytes, 16 lowercase
 * hex digits; empty input gives cbf29ce484222325). Exit 0; on a read error
 * "stdin_big: errno=N" on stderr and exit 1.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    static unsigned char buf[65536];
    uint64_t h = 0xcbf29ce484222325ull, total = 0;
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            fprintf(stderr, "stdin_big: errno=%d\n", errno);
            return 1;
        }
        if (n == 0) break;
        for (ssize_t i = 0; i < n; i++) {
            h ^= buf[i];
            h *= 0x100000001b3ull;
        }
        total += (uint64_t)n;
    }
    printf("bytes=%llu fnv1a64=%016llx\n", (unsigned long long)total, (unsigned long long)h);
    return 0;
}
