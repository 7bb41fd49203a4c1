/*
 * wasi_calls: a fixed script of raw preview1 calls that wasi-libc does not
 * expose well (fd_renumber, fdstat flags and rights, rights narrowing through
 * path_open, fd_readdir buffers and cookies, prestat with a zero-length buffer,
 * fd_advise, fd_allocate, poll_oneoff with mixed subscriptions, sched_yield,
 * sock_*, proc_raise).
 *
 *   wasi_calls [PREOPEN_NAME] [--raise]
 *
 * PREOPEN_NAME selects the preopened directory by its name (e.g. /sandbox);
 * without it fd 3 is used. The directory must be writable: the script creates
 * wasi_calls.tmp, wasi_calls.2 and wasi_calls.d/{a,bb,ccc} and removes them.
 * --raise calls proc_raise(SIGABRT=6) as the very last step.
 *
 * Output: one line per case, "NAME errno=N" or "NAME ok[ VALUE...]".
 * Exit code 0 unless the preopen cannot be found or used (then 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include "wasi_raw.h"

#define R_(x) __WASI_RIGHTS_##x
static const __wasi_rights_t FILE_RIGHTS =
    R_(FD_DATASYNC) | R_(FD_READ) | R_(FD_SEEK) | R_(FD_FDSTAT_SET_FLAGS) | R_(FD_SYNC) |
    R_(FD_TELL) | R_(FD_WRITE) | R_(FD_ADVISE) | R_(FD_ALLOCATE) | R_(FD_FILESTAT_GET) |
    R_(FD_FILESTAT_SET_SIZE) | R_(FD_FILESTAT_SET_TIMES) | R_(POLL_FD_READWRITE);
static const __wasi_rights_t ALL_RIGHTS = (((__wasi_rights_t)1) << 30) - 1; /* bits 0..29 */
/* What wasi-libc asks for when it opens a directory: everything but the write-ish fd rights. */
static const __wasi_rights_t DIR_RIGHTS =
    ALL_RIGHTS & ~(R_(FD_DATASYNC) | R_(FD_WRITE) | R_(FD_ALLOCATE) | R_(FD_FILESTAT_SET_SIZE));

static __wasi_fd_t dirfd_;            /* the preopen under test */
static __wasi_rights_t dir_inheriting; /* its inheriting rights, to size path_open requests */

static void line_errno(const char *name, __wasi_errno_t e) {
    if (e) printf("%s errno=%d\n", name, e);
    else printf("%s ok\n", name);
}

static __wasi_errno_t open_at(__wasi_fd_t dir, const char *path, __wasi_oflags_t oflags,
                              __wasi_rights_t base, __wasi_rights_t inh, __wasi_fdflags_t fdflags,
                              __wasi_fd_t *out) {
    return __wasi_path_open(dir, 0, path, oflags, base, inh, fdflags, out);
}

/* Opens a file under the preopen with the rights wasi-libc would ask for. */
static __wasi_errno_t open_file(const char *path, __wasi_oflags_t oflags, __wasi_fd_t *out) {
    return open_at(dirfd_, path, oflags, FILE_RIGHTS & dir_inheriting, dir_inheriting, 0, out);
}

static __wasi_errno_t write_str(__wasi_fd_t fd, const char *s, __wasi_size_t *n) {
    __wasi_ciovec_t iov = {(const uint8_t *)s, strlen(s)};
    return __wasi_fd_write(fd, &iov, 1, n);
}

/* Prints "NAME ok "CONTENT"" with the whole file read through pread, or the errno. */
static void show_content(const char *name, __wasi_fd_t fd) {
    char buf[128];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
    __wasi_size_t n;
    __wasi_errno_t e = __wasi_fd_pread(fd, &iov, 1, 0, &n);
    if (e) { line_errno(name, e); return; }
    buf[n] = '\0';
    printf("%s ok \"%s\"\n", name, buf);
}

static int find_preopen(const char *want) {
    for (__wasi_fd_t fd = 3; fd < 1024; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        char name[256] = {0};
        if (ps.u.dir.pr_name_len >= sizeof name) continue;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, ps.u.dir.pr_name_len) != 0) continue;
        if (!strcmp(name, want)) return (int)fd;
    }
    return -1;
}

/* ---- cases ------------------------------------------------------------------------- */

static void prestat_cases(void) {
    __wasi_prestat_t ps;
    __wasi_errno_t e = __wasi_fd_prestat_get(dirfd_, &ps);
    if (e) line_errno("prestat_get", e);
    else printf("prestat_get ok tag=%d name_len=%lu\n", ps.tag, (unsigned long)ps.u.dir.pr_name_len);

    char name[256];
    if (!e && ps.u.dir.pr_name_len < sizeof name) {
        memset(name, 0, sizeof name);
        __wasi_errno_t e2 = __wasi_fd_prestat_dir_name(dirfd_, (uint8_t *)name, ps.u.dir.pr_name_len);
        if (e2) line_errno("prestat_dir_name", e2);
        else printf("prestat_dir_name ok %s\n", name);
    }
    /* zero-length buffer: must fail (NAMETOOLONG) and write nothing */
    memset(name, '#', sizeof name);
    line_errno("prestat_dir_name_zero", __wasi_fd_prestat_dir_name(dirfd_, (uint8_t *)name, 0));
    printf("prestat_dir_name_zero_canary ok %s\n", name[0] == '#' ? "intact" : "clobbered");
    line_errno("prestat_get_stdout", __wasi_fd_prestat_get(1, &ps));
    line_errno("prestat_get_closed", __wasi_fd_prestat_get(1000, &ps));
}

static void fdstat_cases(void) {
    __wasi_fdstat_t st;
    __wasi_errno_t e = __wasi_fd_fdstat_get(dirfd_, &st);
    if (e) line_errno("fdstat_get_preopen", e);
    else printf("fdstat_get_preopen ok filetype=%d flags=%d base=0x%llx inheriting=0x%llx\n",
                st.fs_filetype, st.fs_flags, (unsigned long long)st.fs_rights_base,
                (unsigned long long)st.fs_rights_inheriting);
    e = __wasi_fd_fdstat_get(1, &st);
    if (e) line_errno("fdstat_get_stdout", e);
    else printf("fdstat_get_stdout ok filetype=%d flags=%d\n", st.fs_filetype, st.fs_flags);
    line_errno("fdstat_get_closed", __wasi_fd_fdstat_get(1000, &st));
}

static void flags_cases(__wasi_fd_t f) {
    __wasi_fdstat_t st;
    __wasi_size_t n;
    line_errno("fdstat_set_flags_append", __wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_APPEND));
    __wasi_errno_t e = __wasi_fd_fdstat_get(f, &st);
    if (e) line_errno("fdstat_flags_after_append", e);
    else printf("fdstat_flags_after_append ok flags=%d\n", st.fs_flags);
    /* with APPEND in force, a write after seeking to 0 must land at the end */
    __wasi_filesize_t pos;
    line_errno("seek_0", __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &pos));
    line_errno("write_X", write_str(f, "X", &n));
    show_content("append_effect", f);
    line_errno("fdstat_set_flags_nonblock", __wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_NONBLOCK));
    line_errno("fdstat_set_flags_clear", __wasi_fd_fdstat_set_flags(f, 0));
    e = __wasi_fd_fdstat_get(f, &st);
    if (e) line_errno("fdstat_flags_after_clear", e);
    else printf("fdstat_flags_after_clear ok flags=%d\n", st.fs_flags);
    line_errno("fdstat_set_flags_dir_nonblock", __wasi_fd_fdstat_set_flags(dirfd_, __WASI_FDFLAGS_NONBLOCK));
}

/* D05: dropping FD_WRITE then writing; trying to take it back. */
static void rights_cases(__wasi_fd_t f) {
    __wasi_fdstat_t st;
    __wasi_size_t n;
    if (__wasi_fd_fdstat_get(f, &st) != 0) { printf("fdstat_set_rights_drop_write errno=fdstat\n"); return; }
    __wasi_rights_t base = st.fs_rights_base, inh = st.fs_rights_inheriting;
    line_errno("fdstat_set_rights_drop_write",
               __wasi_fd_fdstat_set_rights(f, base & ~R_(FD_WRITE), inh & ~R_(FD_WRITE)));
    __wasi_errno_t e = write_str(f, "W", &n);
    if (e) line_errno("write_after_drop", e);
    else printf("write_after_drop ok %lu\n", (unsigned long)n);
    line_errno("fdstat_set_rights_regrant", __wasi_fd_fdstat_set_rights(f, base | R_(FD_WRITE), inh));
    e = __wasi_fd_fdstat_get(f, &st);
    if (e) line_errno("rights_after_regrant", e);
    else printf("rights_after_regrant ok write=%d\n", (st.fs_rights_base & R_(FD_WRITE)) ? 1 : 0);
}

/* D04: a directory fd whose inheriting rights exclude FD_WRITE and PATH_OPEN. */
static void narrowing_cases(void) {
    __wasi_fd_t sub, g;
    __wasi_errno_t e = open_at(dirfd_, ".", __WASI_OFLAGS_DIRECTORY,
                               R_(PATH_OPEN) | R_(FD_READDIR), R_(FD_READ) | R_(FD_SEEK), 0, &sub);
    line_errno("path_open_narrow_dir", e);
    if (e) return;
    e = open_at(sub, "wasi_calls.tmp", 0, R_(FD_READ) | R_(FD_WRITE), 0, 0, &g);
    line_errno("path_open_narrow_rw", e);
    if (!e) {
        /* intersecting hosts succeed: the new fd must not carry FD_WRITE */
        __wasi_fdstat_t st;
        __wasi_size_t n;
        if (__wasi_fd_fdstat_get(g, &st) == 0)
            printf("narrow_rw_rights ok write=%d\n", (st.fs_rights_base & R_(FD_WRITE)) ? 1 : 0);
        e = write_str(g, "N", &n);
        if (e) line_errno("narrow_rw_write", e);
        else printf("narrow_rw_write ok %lu\n", (unsigned long)n);
        (void)__wasi_fd_close(g);
    }
    e = open_at(sub, "wasi_calls.tmp", 0, R_(FD_READ), 0, 0, &g);
    line_errno("path_open_narrow_ro", e);
    if (!e) (void)__wasi_fd_close(g);
    e = open_at(sub, ".", __WASI_OFLAGS_DIRECTORY, R_(PATH_OPEN), 0, 0, &g);
    line_errno("path_open_narrow_subdir", e);
    if (!e) {
        /* if it opened, it must not be able to open anything further */
        __wasi_fd_t h;
        __wasi_errno_t e2 = open_at(g, "wasi_calls.tmp", 0, R_(FD_READ), 0, 0, &h);
        line_errno("path_open_narrow_subdir_open", e2);
        if (!e2) (void)__wasi_fd_close(h);
        (void)__wasi_fd_close(g);
    }
    (void)__wasi_fd_close(sub);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Parses entries from buf[0..used) into names; returns count, sets *next to the last cookie. */
static int parse_dirents(const uint8_t *buf, size_t used, char **names, int max, __wasi_dircookie_t *next) {
    int k = 0;
    size_t off = 0;
    while (off + sizeof(__wasi_dirent_t) <= used && k < max) {
        __wasi_dirent_t de;
        memcpy(&de, buf + off, sizeof de);
        off += sizeof de;
        if (off + de.d_namlen > used) break; /* truncated name */
        names[k] = strndup((const char *)buf + off, de.d_namlen);
        k++;
        off += de.d_namlen;
        *next = de.d_next;
    }
    return k;
}

static void print_names(const char *case_name, char **names, int n) {
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    printf("%s ok names=", case_name);
    for (int i = 0; i < n; i++) {
        printf("%s%s", i ? "," : "", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void readdir_cases(__wasi_fd_t file) {
    static uint8_t buf[4096];
    __wasi_size_t used;
    __wasi_fd_t d, f;
    __wasi_errno_t e = __wasi_path_create_directory(dirfd_, "wasi_calls.d");
    line_errno("mkdir_fixture", e);
    const char *files[] = {"wasi_calls.d/a", "wasi_calls.d/bb", "wasi_calls.d/ccc"};
    for (int i = 0; i < 3; i++)
        if (open_file(files[i], __WASI_OFLAGS_CREAT, &f) == 0) (void)__wasi_fd_close(f);
    e = open_at(dirfd_, "wasi_calls.d", __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS & dir_inheriting,
                dir_inheriting, 0, &d);
    line_errno("open_fixture_dir", e);
    if (e) return;

    e = __wasi_fd_readdir(d, buf, 0, 0, &used);
    if (e) line_errno("readdir_buf0", e); else printf("readdir_buf0 ok bufused=%lu\n", (unsigned long)used);
    memset(buf, 0xAA, 64);
    e = __wasi_fd_readdir(d, buf, 1, 0, &used);
    if (e) line_errno("readdir_buf1", e);
    else printf("readdir_buf1 ok bufused=%lu canary=%s\n", (unsigned long)used, buf[1] == 0xAA ? "intact" : "clobbered");
    e = __wasi_fd_readdir(d, buf, sizeof(__wasi_dirent_t), 0, &used);
    if (e) line_errno("readdir_buf24", e); else printf("readdir_buf24 ok bufused=%lu\n", (unsigned long)used);

    /* whole listing in one call */
    char *names[64];
    __wasi_dircookie_t last = 0;
    e = __wasi_fd_readdir(d, buf, sizeof buf, 0, &used);
    if (e) line_errno("readdir_full", e);
    else print_names("readdir_full", names, parse_dirents(buf, used, names, 64, &last));

    /* one entry per call with a 32-byte buffer, re-reading from each d_next cookie */
    int n = 0, calls = 0;
    __wasi_dircookie_t cookie = 0;
    for (;;) {
        e = __wasi_fd_readdir(d, buf, 32, cookie, &used);
        if (e || used == 0 || ++calls > 100) break;
        __wasi_dirent_t de;
        if (used < sizeof de) { e = __WASI_ERRNO_INVAL; break; }
        memcpy(&de, buf, sizeof de);
        if (sizeof de + de.d_namlen > used) {
            /* name did not fit: read the same cookie again with a big buffer */
            e = __wasi_fd_readdir(d, buf, sizeof buf, cookie, &used);
            if (e) break;
        }
        names[n++] = strndup((const char *)buf + sizeof de, de.d_namlen);
        cookie = de.d_next;
        if (n == 64) break;
    }
    if (e) line_errno("readdir_cookie_walk", e);
    else print_names("readdir_cookie_walk", names, n);

    e = __wasi_fd_readdir(d, buf, sizeof buf, last, &used);
    if (e) line_errno("readdir_cookie_end", e); else printf("readdir_cookie_end ok bufused=%lu\n", (unsigned long)used);
    e = __wasi_fd_readdir(d, buf, sizeof buf, 0x7FFFFFFFFFFFFFFFull, &used);
    if (e) line_errno("readdir_cookie_bogus", e); else printf("readdir_cookie_bogus ok bufused=%lu\n", (unsigned long)used);
    e = __wasi_fd_readdir(file, buf, sizeof buf, 0, &used);
    if (e) line_errno("readdir_on_file", e); else printf("readdir_on_file ok bufused=%lu\n", (unsigned long)used);
    (void)__wasi_fd_close(d);
}

static void advise_allocate_times(__wasi_fd_t f) {
    __wasi_filestat_t fs;
    line_errno("fd_advise", __wasi_fd_advise(f, 0, 100, __WASI_ADVICE_NORMAL));
    line_errno("fd_advise_bad", raw_fd_advise(f, 0, 100, 99));
    line_errno("fd_allocate", __wasi_fd_allocate(f, 0, 4096));
    __wasi_errno_t e = __wasi_fd_filestat_get(f, &fs);
    if (e) line_errno("size_after_allocate", e);
    else printf("size_after_allocate ok %llu\n", (unsigned long long)fs.size);
    line_errno("fd_filestat_set_times",
               __wasi_fd_filestat_set_times(f, 1000000000000ull, 2000000000000ull,
                                            __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    e = __wasi_fd_filestat_get(f, &fs);
    if (e) line_errno("filestat_times", e);
    else printf("filestat_times ok atim=%llu mtim=%llu\n", (unsigned long long)fs.atim,
                (unsigned long long)fs.mtim);
}

static void sub_clock(__wasi_subscription_t *s, uint64_t ud, __wasi_clockid_t id, uint64_t timeout) {
    memset(s, 0, sizeof *s);
    s->userdata = ud;
    s->u.tag = __WASI_EVENTTYPE_CLOCK;
    s->u.u.clock.id = id;
    s->u.u.clock.timeout = timeout;
}

static void sub_fd(__wasi_subscription_t *s, uint64_t ud, __wasi_eventtype_t type, __wasi_fd_t fd) {
    memset(s, 0, sizeof *s);
    s->userdata = ud;
    s->u.tag = type;
    if (type == __WASI_EVENTTYPE_FD_READ) s->u.u.fd_read.file_descriptor = fd;
    else s->u.u.fd_write.file_descriptor = fd;
}

static int cmp_event(const void *a, const void *b) {
    const __wasi_event_t *x = a, *y = b;
    return x->userdata < y->userdata ? -1 : x->userdata > y->userdata;
}

/* Prints "NAME ok nevents=N events=U:T:E,..." (userdata:type:error, sorted by userdata). */
static void do_poll(const char *name, __wasi_subscription_t *subs, int n) {
    __wasi_event_t ev[8];
    __wasi_size_t nev = 0;
    __wasi_errno_t e = __wasi_poll_oneoff(subs, ev, (__wasi_size_t)n, &nev);
    if (e) { line_errno(name, e); return; }
    qsort(ev, nev, sizeof *ev, cmp_event);
    printf("%s ok nevents=%lu events=", name, (unsigned long)nev);
    for (__wasi_size_t i = 0; i < nev; i++)
        printf("%s%llu:%d:%d", i ? "," : "", (unsigned long long)ev[i].userdata, ev[i].type, ev[i].error);
    printf("\n");
}

static void poll_cases(__wasi_fd_t f) {
    __wasi_subscription_t s[4];
    /* regular files are always ready: the two fd events come back, the 500 ms clock does not */
    sub_clock(&s[0], 1, __WASI_CLOCKID_MONOTONIC, 500000000ull);
    sub_fd(&s[1], 2, __WASI_EVENTTYPE_FD_READ, f);
    sub_fd(&s[2], 3, __WASI_EVENTTYPE_FD_WRITE, f);
    do_poll("poll_mixed", s, 3);
    sub_clock(&s[0], 1, __WASI_CLOCKID_MONOTONIC, 1000000ull);
    do_poll("poll_clock", s, 1);
    sub_fd(&s[0], 9, __WASI_EVENTTYPE_FD_READ, 1000);
    do_poll("poll_bad_fd", s, 1);
    sub_clock(&s[0], 7, 99, 1000000ull);
    do_poll("poll_bad_clock", s, 1);
    __wasi_event_t ev;
    __wasi_size_t nev = 12345;
    __wasi_errno_t e = __wasi_poll_oneoff(s, &ev, 0, &nev);
    if (e) line_errno("poll_zero", e); else printf("poll_zero ok nevents=%lu\n", (unsigned long)nev);
    line_errno("sched_yield", __wasi_sched_yield());
    uint8_t b;
    line_errno("random_get_zero", __wasi_random_get(&b, 0));
}

static void sock_cases(void) {
    __wasi_fd_t nfd;
    uint8_t data[4] = "abc";
    __wasi_iovec_t iov = {data, 3};
    __wasi_ciovec_t ciov = {data, 3};
    __wasi_size_t n;
    __wasi_roflags_t rof;
    line_errno("sock_accept", __wasi_sock_accept(dirfd_, 0, &nfd));
    line_errno("sock_recv", __wasi_sock_recv(dirfd_, &iov, 1, 0, &n, &rof));
    line_errno("sock_send", __wasi_sock_send(dirfd_, &ciov, 1, 0, &n));
    line_errno("sock_shutdown", __wasi_sock_shutdown(dirfd_, __WASI_SDFLAGS_RD | __WASI_SDFLAGS_WR));
    line_errno("sock_accept_closed", __wasi_sock_accept(1000, 0, &nfd));
}

/* fd_renumber: self, to/from a closed fd, and over the preopen (which is lost). */
static void renumber_cases(__wasi_fd_t f, __wasi_fd_t *backup) {
    __wasi_fd_t g;
    __wasi_prestat_t ps;
    __wasi_fdstat_t st;
    line_errno("fd_renumber_self", __wasi_fd_renumber(f, f));
    line_errno("fd_renumber_to_closed", __wasi_fd_renumber(f, 1000));
    line_errno("fd_renumber_from_closed", __wasi_fd_renumber(1000, f));
    line_errno("fd_renumber_to_max", raw_fd_renumber((int32_t)f, -1));
    /* keep a second handle on the directory before the preopen number is overwritten */
    __wasi_errno_t e = open_at(dirfd_, ".", __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS & dir_inheriting,
                               dir_inheriting, 0, backup);
    line_errno("open_backup_dir", e);
    if (e) { *backup = dirfd_; return; }
    e = open_file("wasi_calls.2", __WASI_OFLAGS_CREAT, &g);
    line_errno("open_second_file", e);
    if (e) return;
    line_errno("fd_renumber_over_preopen", __wasi_fd_renumber(g, dirfd_));
    line_errno("prestat_after_renumber", __wasi_fd_prestat_get(dirfd_, &ps));
    e = __wasi_fd_fdstat_get(dirfd_, &st);
    if (e) line_errno("fdstat_after_renumber", e);
    else printf("fdstat_after_renumber ok filetype=%d\n", st.fs_filetype);
    line_errno("fd_renumber_source_closed", __wasi_fd_fdstat_get(g, &st));
}

int main(int argc, char **argv) {
    int raise_last = 0;
    const char *want = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--raise")) raise_last = 1;
        else want = argv[i];
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    int fd = want ? find_preopen(want) : 3;
    if (fd < 0) { fprintf(stderr, "wasi_calls: no preopen named %s\n", want); return 1; }
    dirfd_ = (__wasi_fd_t)fd;
    __wasi_fdstat_t st;
    if (__wasi_fd_fdstat_get(dirfd_, &st) != 0) { fprintf(stderr, "wasi_calls: fd %d is not open\n", fd); return 1; }
    dir_inheriting = st.fs_rights_inheriting;

    prestat_cases();
    fdstat_cases();

    __wasi_fd_t f;
    __wasi_errno_t e = open_file("wasi_calls.tmp", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, &f);
    line_errno("path_open_create", e);
    if (e) return 1;
    __wasi_size_t n;
    e = write_str(f, "hello", &n);
    if (e) line_errno("fd_write", e); else printf("fd_write ok %lu\n", (unsigned long)n);

    flags_cases(f);
    narrowing_cases();
    readdir_cases(f);
    advise_allocate_times(f);
    poll_cases(f);
    sock_cases();
    rights_cases(f);

    __wasi_fd_t backup;
    renumber_cases(f, &backup);
    (void)__wasi_fd_close(f);
    /* clean up through the backup directory handle */
    e = 0;
    const char *rm[] = {"wasi_calls.tmp", "wasi_calls.2", "wasi_calls.d/a", "wasi_calls.d/bb", "wasi_calls.d/ccc"};
    for (int i = 0; i < 5; i++) {
        __wasi_errno_t e2 = __wasi_path_unlink_file(backup, rm[i]);
        if (e2 && !e) e = e2;
    }
    __wasi_errno_t e2 = __wasi_path_remove_directory(backup, "wasi_calls.d");
    line_errno("cleanup", e ? e : e2);

    if (raise_last) {
        fflush(stdout);
        line_errno("proc_raise", raw_proc_raise(6));
    }
    return 0;
}
