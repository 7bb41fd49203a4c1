// native: yes
/*
 * writes (benchmark): COUNT (default 200000) unbuffered write(1, ..., 16) calls, each
 * writing the 16 bytes "0123456789abcde\n" (one fd_write per call). Nothing else is
 * printed; stdout totals COUNT*16 bytes. A short write is completed and EAGAIN/EINTR
 * retried (Node leaves a stdout pipe non-blocking). Exit 0; 1 on any other error.
 * Portable POSIX C.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long count = argc > 1 ? atol(argv[1]) : 200000;
    static const char line[16] = "0123456789abcde\n";
    for (long i = 0; i < count; i++) {
        size_t done = 0;
        while (done < sizeof line) {
            ssize_t w = write(1, line + done, sizeof line - done);
            if (w < 0) {
                if (errno == EAGAIN || errno == EINTR) continue;
                return 1;
            }
            done += (size_t)w;
        }
    }
    return 0;
}
