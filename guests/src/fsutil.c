/*
 * fsutil: multi-call file tool exercising the path and fd functions through
 * wasi-libc's POSIX layer (open, read, write, mkdir, rename, link, symlink,
 * readlink, stat, lstat, truncate, utimensat, opendir/readdir, lseek, pread,
 * pwrite, ftruncate, fsync, fdatasync, posix_fallocate, posix_fadvise).
 *
 *   fsutil CMD ARGS... [ ; CMD ARGS... ]...
 *
 * Commands are separated by a ";" argument (write `\;` in a shell) and run in
 * order; the first failure stops the run. See guests/README.md for each command
 * and its exact output.
 *
 * Failure: "fsutil: <cmd> <path>[ <path2>]: <strerror> (errno N)" on stderr,
 * exit 1. N is the WASI errno (wasi-libc errno values are the WASI numbers).
 * Usage error: "fsutil: usage: ..." on stderr, exit 2.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

/* ---- error reporting ------------------------------------------------------------- */

static int fail2(const char *cmd, const char *p1, const char *p2) {
    int e = errno;
    fflush(stdout);
    if (p2)
        fprintf(stderr, "fsutil: %s %s %s: %s (errno %d)\n", cmd, p1, p2, strerror(e), e);
    else
        fprintf(stderr, "fsutil: %s %s: %s (errno %d)\n", cmd, p1, strerror(e), e);
    return 1;
}
static int fail(const char *cmd, const char *p) { return fail2(cmd, p, NULL); }

static int usage(const char *msg) {
    fflush(stdout);
    fprintf(stderr, "fsutil: usage: %s\n", msg);
    return 2;
}

/* ---- helpers ---------------------------------------------------------------------- */

static int write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Copies everything readable from fd to out_fd. */
static int copy_fd(int fd, int out_fd, int *read_failed) {
    char buf[16384];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) { *read_failed = 1; return -1; }
        if (n == 0) return 0;
        if (write_all(out_fd, buf, (size_t)n) < 0) { *read_failed = 0; return -1; }
    }
}

static char type_char(mode_t m) {
    if (S_ISDIR(m)) return 'd';
    if (S_ISREG(m)) return 'f';
    if (S_ISLNK(m)) return 'l';
    if (S_ISCHR(m)) return 'c';
    if (S_ISBLK(m)) return 'b';
    if (S_ISSOCK(m)) return 's';
    if (S_ISFIFO(m)) return 'p';
    return '?';
}

static const char *type_name(mode_t m) {
    if (S_ISDIR(m)) return "dir";
    if (S_ISREG(m)) return "file";
    if (S_ISLNK(m)) return "symlink";
    if (S_ISCHR(m)) return "chardev";
    if (S_ISBLK(m)) return "blockdev";
    if (S_ISSOCK(m)) return "socket";
    if (S_ISFIFO(m)) return "fifo";
    return "unknown";
}

/* d_type in wasi-libc holds the WASI filetype. */
static char dtype_char(unsigned char t) {
    switch (t) {
    case DT_DIR: return 'd';
    case DT_REG: return 'f';
    case DT_LNK: return 'l';
    case DT_CHR: return 'c';
    case DT_BLK: return 'b';
    case __WASI_FILETYPE_SOCKET_DGRAM:
    case __WASI_FILETYPE_SOCKET_STREAM: return 's';
    default: return '?';
    }
}

static char *join(const char *dir, const char *name) {
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p) { perror("fsutil: malloc"); exit(1); }
    memcpy(p, dir, a);
    size_t k = a;
    if (a > 0 && dir[a - 1] != '/') p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads directory names (excluding . and ..), sorted bytewise. NULL + errno on error. */
static char **sorted_names(const char *dir, size_t *count) {
    DIR *d = opendir(dir);
    if (!d) return NULL;
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof *v);
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
        v[n++] = strdup(e->d_name);
        errno = 0;
    }
    int err = errno;
    closedir(d);
    if (err) {
        for (size_t i = 0; i < n; i++) free(v[i]);
        free(v);
        errno = err;
        return NULL;
    }
    qsort(v, n, sizeof *v, cmp_str);
    *count = n;
    return v;
}

static void free_names(char **v, size_t n) {
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Prints bytes C-escaped inside double quotes. */
static void print_quoted(const unsigned char *b, size_t n) {
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = b[i];
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c >= 0x20 && c < 0x7f) putchar(c);
        else printf("\\x%02x", c);
    }
    putchar('"');
}

/* ---- commands ----------------------------------------------------------------------- */

static int cmd_cat(int argc, char **argv) {
    if (argc < 2) return usage("cat FILE...");
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) return fail("cat", argv[i]);
        int rf = 1;
        fflush(stdout);
        if (copy_fd(fd, 1, &rf) < 0) { int e = errno; close(fd); errno = e; return fail("cat", rf ? argv[i] : "<stdout>"); }
        close(fd);
    }
    return 0;
}

static int write_file(const char *cmd, const char *path, const char *text, int flags) {
    int fd = open(path, O_WRONLY | O_CREAT | flags, 0644);
    if (fd < 0) return fail(cmd, path);
    if (write_all(fd, text, strlen(text)) < 0) { int e = errno; close(fd); errno = e; return fail(cmd, path); }
    if (close(fd) < 0) return fail(cmd, path);
    return 0;
}

static int cmd_write(int argc, char **argv) {
    if (argc != 3) return usage("write FILE TEXT");
    return write_file("write", argv[1], argv[2], O_TRUNC);
}

static int cmd_append(int argc, char **argv) {
    if (argc != 3) return usage("append FILE TEXT");
    return write_file("append", argv[1], argv[2], O_APPEND);
}

static int cmd_cp(int argc, char **argv) {
    if (argc != 3) return usage("cp SRC DST");
    int in = open(argv[1], O_RDONLY);
    if (in < 0) return fail("cp", argv[1]);
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) { int e = errno; close(in); errno = e; return fail("cp", argv[2]); }
    int rf = 1;
    if (copy_fd(in, out, &rf) < 0) {
        int e = errno; close(in); close(out); errno = e;
        return fail("cp", rf ? argv[1] : argv[2]);
    }
    close(in);
    if (close(out) < 0) return fail("cp", argv[2]);
    return 0;
}

static int cmd_ls(int argc, char **argv) {
    if (argc != 2) return usage("ls DIR");
    size_t n;
    char **v = sorted_names(argv[1], &n);
    if (!v) return fail("ls", argv[1]);
    for (size_t i = 0; i < n; i++) {
        char *p = join(argv[1], v[i]);
        struct stat st;
        char t = lstat(p, &st) == 0 ? type_char(st.st_mode) : '?';
        printf("%c %s\n", t, v[i]);
        free(p);
    }
    free_names(v, n);
    return 0;
}

static int cmd_ls_raw(int argc, char **argv) {
    if (argc != 2) return usage("ls-raw DIR");
    DIR *d = opendir(argv[1]);
    if (!d) return fail("ls-raw", argv[1]);
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        printf("%c %s\n", dtype_char(e->d_type), e->d_name);
        errno = 0;
    }
    int err = errno;
    closedir(d);
    if (err) { errno = err; return fail("ls-raw", argv[1]); }
    return 0;
}

static int cmd_mkdir(int argc, char **argv) {
    if (argc != 2) return usage("mkdir DIR");
    if (mkdir(argv[1], 0755) < 0) return fail("mkdir", argv[1]);
    return 0;
}

static int cmd_mkdir_p(int argc, char **argv) {
    if (argc != 2) return usage("mkdir-p DIR");
    char *p = strdup(argv[1]);
    size_t len = strlen(p);
    for (size_t i = 1; i <= len; i++) {
        if (p[i] != '/' && p[i] != '\0') continue;
        if (p[i - 1] == '/') continue; /* runs of slashes */
        char saved = p[i];
        p[i] = '\0';
        if (mkdir(p, 0755) < 0) {
            struct stat st;
            int e = errno;
            if (!(e == EEXIST && stat(p, &st) == 0 && S_ISDIR(st.st_mode))) {
                errno = e;
                int r = fail("mkdir-p", p);
                free(p);
                return r;
            }
        }
        p[i] = saved;
    }
    free(p);
    return 0;
}

static int cmd_rm(int argc, char **argv) {
    if (argc != 2) return usage("rm FILE");
    if (unlink(argv[1]) < 0) return fail("rm", argv[1]);
    return 0;
}

static int cmd_rmdir(int argc, char **argv) {
    if (argc != 2) return usage("rmdir DIR");
    if (rmdir(argv[1]) < 0) return fail("rmdir", argv[1]);
    return 0;
}

static int cmd_mv(int argc, char **argv) {
    if (argc != 3) return usage("mv SRC DST");
    if (rename(argv[1], argv[2]) < 0) return fail2("mv", argv[1], argv[2]);
    return 0;
}

static int cmd_ln(int argc, char **argv) {
    if (argc != 3) return usage("ln TARGET LINK");
    if (link(argv[1], argv[2]) < 0) return fail2("ln", argv[1], argv[2]);
    return 0;
}

static int cmd_ln_s(int argc, char **argv) {
    if (argc != 3) return usage("ln-s TARGET LINK");
    if (symlink(argv[1], argv[2]) < 0) return fail2("ln-s", argv[1], argv[2]);
    return 0;
}

static int cmd_readlink(int argc, char **argv) {
    if (argc != 2) return usage("readlink LINK");
    char buf[4097];
    ssize_t n = readlink(argv[1], buf, sizeof buf - 1);
    if (n < 0) return fail("readlink", argv[1]);
    buf[n] = '\0';
    printf("%s\n", buf);
    return 0;
}

static int do_stat(const char *cmd, int argc, char **argv, int follow) {
    if (argc != 2) return usage(follow ? "stat PATH" : "lstat PATH");
    struct stat st;
    if ((follow ? stat(argv[1], &st) : lstat(argv[1], &st)) < 0) return fail(cmd, argv[1]);
    printf("type=%s size=%lld nlink=%llu\n", type_name(st.st_mode), (long long)st.st_size,
           (unsigned long long)st.st_nlink);
    return 0;
}
static int cmd_stat(int argc, char **argv) { return do_stat("stat", argc, argv, 1); }
static int cmd_lstat(int argc, char **argv) { return do_stat("lstat", argc, argv, 0); }

static int parse_ll(const char *s, long long *out) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *s == '\0' || *end != '\0') return -1;
    *out = v;
    return 0;
}

static int cmd_truncate(int argc, char **argv) {
    long long size;
    if (argc != 3 || parse_ll(argv[2], &size) < 0) return usage("truncate FILE SIZE");
    if (truncate(argv[1], (off_t)size) < 0) return fail("truncate", argv[1]);
    return 0;
}

static int cmd_touch(int argc, char **argv) {
    long long sec;
    if (argc != 3 || parse_ll(argv[2], &sec) < 0) return usage("touch FILE SEC");
    struct timespec ts[2] = {{(time_t)sec, 0}, {(time_t)sec, 0}};
    if (utimensat(AT_FDCWD, argv[1], ts, 0) < 0) return fail("touch", argv[1]);
    return 0;
}

/* tree: pre-order, sorted per directory; paths relative to the root argument. */
static int tree_walk(const char *root, const char *rel) {
    char *dir = rel[0] ? join(root, rel) : strdup(root);
    size_t n;
    char **v = sorted_names(dir, &n);
    if (!v) { int r = fail("tree", dir); free(dir); return r; }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *full = join(dir, v[i]);
        char *r = rel[0] ? join(rel, v[i]) : strdup(v[i]);
        struct stat st;
        if (lstat(full, &st) < 0) {
            rc = fail("tree", full);
        } else if (S_ISDIR(st.st_mode)) {
            printf("d %s\n", r);
            rc = tree_walk(root, r);
        } else if (S_ISREG(st.st_mode)) {
            printf("f %s %lld\n", r, (long long)st.st_size);
        } else if (S_ISLNK(st.st_mode)) {
            char buf[4097];
            ssize_t k = readlink(full, buf, sizeof buf - 1);
            if (k < 0) rc = fail("tree", full);
            else { buf[k] = '\0'; printf("l %s -> %s\n", r, buf); }
        } else {
            printf("%c %s\n", type_char(st.st_mode), r);
        }
        free(full);
        free(r);
    }
    free_names(v, n);
    free(dir);
    return rc;
}

static int cmd_tree(int argc, char **argv) {
    if (argc != 2) return usage("tree DIR");
    return tree_walk(argv[1], "");
}

/* seek-test: one line per operation, "NAME RESULT"; failures print errno=N and go on. */
static void st_errno(const char *name) { printf("%s errno=%d\n", name, errno); }

static void st_size(int fd) {
    struct stat st;
    if (fstat(fd, &st) < 0) st_errno("size");
    else printf("size %lld\n", (long long)st.st_size);
}

static void st_lseek(int fd, const char *name, off_t off, int whence) {
    off_t r = lseek(fd, off, whence);
    if (r < 0) st_errno(name);
    else printf("%s %lld\n", name, (long long)r);
}

static void st_tell(int fd) {
    /* fd_tell directly: wasi-libc's lseek(fd,0,SEEK_CUR) goes through fd_seek. */
    __wasi_filesize_t pos;
    __wasi_errno_t e = __wasi_fd_tell(fd, &pos);
    if (e) printf("tell errno=%d\n", e);
    else printf("tell %llu\n", (unsigned long long)pos);
}

static void st_pread(int fd, const char *name, size_t len, off_t off) {
    unsigned char buf[64];
    ssize_t n = pread(fd, buf, len, off);
    if (n < 0) { st_errno(name); return; }
    printf("%s ", name);
    print_quoted(buf, (size_t)n);
    putchar('\n');
}

static int cmd_seek_test(int argc, char **argv) {
    if (argc != 2) return usage("seek-test FILE");
    int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return fail("seek-test", argv[1]);
    ssize_t n;
    unsigned char buf[16];

    n = write(fd, "0123456789", 10);
    if (n < 0) st_errno("write"); else printf("write %zd\n", n);
    st_lseek(fd, "lseek-set-2", 2, SEEK_SET);
    n = read(fd, buf, 3);
    if (n < 0) st_errno("read-3");
    else { printf("read-3 "); print_quoted(buf, (size_t)n); putchar('\n'); }
    st_tell(fd);
    st_lseek(fd, "lseek-cur+2", 2, SEEK_CUR);
    st_lseek(fd, "lseek-end-3", -3, SEEK_END);
    st_pread(fd, "pread-4@1", 4, 1);
    st_tell(fd);
    n = pwrite(fd, "abc", 3, 0);
    if (n < 0) st_errno("pwrite-3@0"); else printf("pwrite-3@0 %zd\n", n);
    st_tell(fd);
    st_lseek(fd, "lseek-end+5", 5, SEEK_END);
    n = write(fd, "X", 1);
    if (n < 0) st_errno("write-X"); else printf("write-X %zd\n", n);
    st_size(fd);
    st_pread(fd, "pread-16@0", 16, 0);
    st_lseek(fd, "lseek-set-neg", -1, SEEK_SET);
    st_lseek(fd, "lseek-bad-whence", 0, 42);
    if (ftruncate(fd, 4) < 0) st_errno("ftruncate-4"); else printf("ftruncate-4 ok\n");
    st_size(fd);
    st_tell(fd);
    if (fsync(fd) < 0) st_errno("fsync"); else printf("fsync ok\n");
    if (fdatasync(fd) < 0) st_errno("fdatasync"); else printf("fdatasync ok\n");
    int r = posix_fallocate(fd, 0, 100); /* returns the error number, not -1/errno */
    if (r) printf("posix_fallocate-0-100 errno=%d\n", r); else printf("posix_fallocate-0-100 ok\n");
    st_size(fd);
    r = posix_fadvise(fd, 0, 100, POSIX_FADV_SEQUENTIAL);
    if (r) printf("posix_fadvise errno=%d\n", r); else printf("posix_fadvise ok\n");
    r = posix_fadvise(fd, 0, 100, 99);
    if (r) printf("posix_fadvise-bad errno=%d\n", r); else printf("posix_fadvise-bad ok\n");
    st_pread(fd, "pread-8@0", 8, 0);
    if (close(fd) < 0) st_errno("close"); else printf("close ok\n");
    return 0;
}

static int cmd_find_preopens(int argc, char **argv) {
    (void)argv;
    if (argc != 1) return usage("find-preopens");
    for (__wasi_fd_t fd = 3;; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        if (ps.tag != __WASI_PREOPENTYPE_DIR) continue;
        size_t len = ps.u.dir.pr_name_len;
        char *name = calloc(len + 1, 1);
        __wasi_errno_t e = __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, len);
        if (e) printf("%u errno=%d\n", fd, e);
        else printf("%u %s\n", fd, name);
        free(name);
    }
    return 0;
}

/* ---- dispatch ----------------------------------------------------------------------- */

struct command { const char *name; int (*fn)(int, char **); };
static const struct command commands[] = {
    {"cat", cmd_cat}, {"write", cmd_write}, {"append", cmd_append}, {"cp", cmd_cp},
    {"ls", cmd_ls}, {"ls-raw", cmd_ls_raw}, {"mkdir", cmd_mkdir}, {"mkdir-p", cmd_mkdir_p},
    {"rm", cmd_rm}, {"rmdir", cmd_rmdir}, {"mv", cmd_mv}, {"ln", cmd_ln}, {"ln-s", cmd_ln_s},
    {"readlink", cmd_readlink}, {"stat", cmd_stat}, {"lstat", cmd_lstat},
    {"truncate", cmd_truncate}, {"touch", cmd_touch}, {"tree", cmd_tree},
    {"seek-test", cmd_seek_test}, {"find-preopens", cmd_find_preopens},
};

static int run(int argc, char **argv) {
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[0], commands[i].name)) return commands[i].fn(argc, argv);
    fflush(stdout);
    fprintf(stderr, "fsutil: usage: unknown command '%s'\n", argv[0]);
    return 2;
}

int main(int argc, char **argv) {
    if (argc < 2) return usage("fsutil CMD ARGS... [ \\; CMD ARGS... ]...");
    int start = 1;
    for (int i = 1; i <= argc; i++) {
        if (i < argc && strcmp(argv[i], ";") != 0) continue;
        if (i == start) return usage("empty command between ';'");
        char *saved = argv[i]; /* run() sees a NULL-terminated slice */
        argv[i] = NULL;
        int rc = run(i - start, argv + start);
        argv[i] = saved;
        fflush(stdout);
        if (rc) return rc;
        start = i + 1;
    }
    return 0;
}
