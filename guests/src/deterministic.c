/*
 * deterministic: everything a run can observe that virtual clocks and a seeded
 * random source should pin down. Two runs under the same deterministic policy
 * must print byte-identical output.
 *
 *   deterministic [DIR]
 *
 * Output:
 *   realtime N        three times (clock_time_get REALTIME, precision 1, ns)
 *   monotonic N       three times
 *   random HEX        16 bytes of random_get as 32 hex digits
 *   mtime N           only with DIR: mtime (ns) of DIR/deterministic.tmp, created
 *                     (O_CREAT|O_TRUNC), written "x", fstat'ed, then removed
 * A failing call prints "NAME errno=N" in place of its line. Exit 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static void reading(const char *name, __wasi_clockid_t id) {
    __wasi_timestamp_t t;
    __wasi_errno_t e = __wasi_clock_time_get(id, 1, &t);
    if (e) printf("%s errno=%d\n", name, e);
    else printf("%s %llu\n", name, (unsigned long long)t);
}

int main(int argc, char **argv) {
    for (int i = 0; i < 3; i++) reading("realtime", __WASI_CLOCKID_REALTIME);
    for (int i = 0; i < 3; i++) reading("monotonic", __WASI_CLOCKID_MONOTONIC);
    uint8_t r[16];
    __wasi_errno_t e = __wasi_random_get(r, sizeof r);
    if (e) printf("random errno=%d\n", e);
    else {
        printf("random ");
        for (int i = 0; i < 16; i++) printf("%02x", r[i]);
        printf("\n");
    }
    if (argc > 1) {
        char path[4096];
        snprintf(path, sizeof path, "%s/deterministic.tmp", argv[1]);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        struct stat st;
        if (fd < 0) printf("mtime errno=%d\n", errno);
        else if (write(fd, "x", 1) != 1 || fstat(fd, &st) != 0) printf("mtime errno=%d\n", errno);
        else printf("mtime %llu\n", (unsigned long long)st.st_mtim.tv_sec * 1000000000ull + (unsigned long long)st.st_mtim.tv_nsec);
        if (fd >= 0) close(fd);
        unlink(path);
    }
    return 0;
}
