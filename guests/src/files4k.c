// native: yes
/*
 * files4k (benchmark): file-system syscall load in DIR (must exist, writable).
 *
 *   files4k DIR [COUNT]        COUNT default 4000
 *
 * Creates DIR/files4k.d, then: create+write COUNT files f00000.. (each 100 bytes:
 * its name and a deterministic fill), stat each, read each back and compare, list
 * the directory, unlink each, remove the directory. Output, one line:
 *   "files4k n=COUNT written=B stat=N read=B listed=N removed=N errors=E\n"
 * Exit 0 if errors=0, else 1 (the first error is also reported on stderr).
 * Portable POSIX C.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static long errors;
static void err(const char *what, const char *path) {
    if (errors++ == 0) fprintf(stderr, "files4k: %s %s: %s\n", what, path, strerror(errno));
}

static void content(char *buf, long i) {
    int k = snprintf(buf, 100, "f%05ld:", i);
    for (int j = k; j < 99; j++) buf[j] = (char)('a' + (i + j) % 26);
    buf[99] = '\n';
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: files4k DIR [COUNT]\n"); return 2; }
    long n = argc > 2 ? atol(argv[2]) : 4000;
    char dir[4096], path[4200], buf[100], back[128];
    snprintf(dir, sizeof dir, "%s/files4k.d", argv[1]);
    if (mkdir(dir, 0755) != 0) { err("mkdir", dir); printf("files4k n=%ld errors=%ld\n", n, errors); return 1; }
    long written = 0, stats = 0, readb = 0, listed = 0, removed = 0;
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/f%05ld", dir, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { err("open", path); continue; }
        content(buf, i);
        ssize_t w = write(fd, buf, sizeof buf);
        if (w != (ssize_t)sizeof buf) err("write", path); else written += w;
        if (close(fd) != 0) err("close", path);
    }
    for (long i = 0; i < n; i++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/f%05ld", dir, i);
        if (stat(path, &st) != 0) err("stat", path);
        else if (st.st_size != 100) { errno = EIO; err("size", path); }
        else stats++;
    }
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/f%05ld", dir, i);
        int fd = open(path, O_RDONLY);
        if (fd < 0) { err("open", path); continue; }
        ssize_t r = read(fd, back, sizeof back);
        content(buf, i);
        if (r != 100 || memcmp(back, buf, 100) != 0) { errno = EIO; err("read", path); }
        else readb += r;
        close(fd);
    }
    DIR *d = opendir(dir);
    if (!d) err("opendir", dir);
    else {
        struct dirent *e;
        while ((e = readdir(d)) != NULL)
            if (e->d_name[0] == 'f') listed++;
        closedir(d);
    }
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/f%05ld", dir, i);
        if (unlink(path) != 0) err("unlink", path); else removed++;
    }
    if (rmdir(dir) != 0) err("rmdir", dir);
    printf("files4k n=%ld written=%ld stat=%ld read=%ld listed=%ld removed=%ld errors=%ld\n",
           n, written, stats, readb, listed, removed, errors);
    return errors ? 1 : 0;
}
