/*
 * abi_attack: calls host functions with hostile pointers, lengths and counts.
 * A correct host answers each with an errno (EFAULT=21, sometimes EINVAL=28 or
 * NAMETOOLONG=37) and keeps running; it must never crash, hang, allocate what
 * the guest asks for, or write outside the guest's memory.
 *
 *   abi_attack [CASE...]      CASE: iovec-huge iovec-wrap iovec-count wild-ptr
 *                             readdir-huge random-huge overlap nwritten-oob poll-huge
 *                             result-oob edge all   (default: all)
 *
 * Output (stdout): one line per call, "NAME errno=N" or "NAME ok[ FIELDS]".
 * Hostile fd_write calls target fd 2 (stderr) so that stdout stays parseable.
 * Directory calls use fd 3 (the first preopen); without a preopen they may
 * fail with EBADF=8 before the pointer is looked at.
 * Exit 0 (reaching the end proves the host survived every call).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include "wasi_raw.h"

#define DIRFD 3
#define FAR 0xFFFFFFF0u   /* far beyond any memory this guest has */
#define LOW 0x100u        /* below wasm-ld's data (starts at 1024): unused scratch */

struct iov { uint32_t buf, len; };

static void res(const char *name, int32_t e) {
    if (e) printf("%s errno=%d\n", name, e);
    else printf("%s ok\n", name);
}

static void res_n(const char *name, int32_t e, const char *field, uint32_t n) {
    if (e) printf("%s errno=%d\n", name, e);
    else printf("%s ok %s=%u\n", name, field, n);
}

static uint32_t mem_end(void) {
    uint64_t m = raw_memory_bytes();
    return m > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)m;
}

/* ---- cases --------------------------------------------------------------------------- */

static void iovec_huge(void) {
    static struct iov v;
    uint32_t n = 0;
    v.buf = LOW; v.len = 0x7FFFFFF0u;
    res_n("iovec-huge", raw_fd_write(2, P(&v), 1, P(&n)), "nwritten", n);
    res_n("iovec-huge.read", raw_fd_read(0, P(&v), 1, P(&n)), "nread", n);
    v.buf = LOW; v.len = 0xFFFFFFFFu;
    res_n("iovec-huge.max", raw_fd_write(2, P(&v), 1, P(&n)), "nwritten", n);
}

static void iovec_wrap(void) {
    static struct iov v;
    uint32_t n = 0;
    v.buf = FAR; v.len = 0x100; /* buf + len wraps past 2^32 in 32-bit arithmetic */
    res_n("iovec-wrap", raw_fd_write(2, P(&v), 1, P(&n)), "nwritten", n);
    v.buf = mem_end() - 0x10; v.len = 0x20; /* straddles the end of memory */
    res_n("iovec-wrap.end", raw_fd_write(2, P(&v), 1, P(&n)), "nwritten", n);
    /* two iovecs whose lengths sum past 2^32 */
    static struct iov two[2];
    two[0].buf = LOW; two[0].len = 0x10;
    two[1].buf = LOW; two[1].len = 0xFFFFFFF8u;
    res_n("iovec-wrap.sum", raw_fd_write(2, P(two), 2, P(&n)), "nwritten", n);
}

static void iovec_count(void) {
    static struct iov v = {LOW, 1};
    uint32_t n = 0;
    res_n("iovec-count", raw_fd_write(2, P(&v), 0x10000000, P(&n)), "nwritten", n);
    res_n("iovec-count.max", raw_fd_write(2, P(&v), (int32_t)0xFFFFFFFFu, P(&n)), "nwritten", n);
    res_n("iovec-count.read", raw_fd_read(0, P(&v), 0x10000000, P(&n)), "nread", n);
}

static void wild_ptr(void) {
    uint32_t n = 0, fd = 0;
    static const char data[] = "x";
    res_n("wild-ptr.fd_write", raw_fd_write(2, (int32_t)FAR, 1, P(&n)), "nwritten", n);
    res_n("wild-ptr.fd_write_end", raw_fd_write(2, (int32_t)(mem_end() - 4), 1, P(&n)), "nwritten", n);
    int64_t all = -1;
    res_n("wild-ptr.path_open", raw_path_open(DIRFD, 0, (int32_t)0xFFFFFF00u, 0x100, 0, all, all, 0, P(&fd)), "fd", fd);
    res_n("wild-ptr.path_open_len", raw_path_open(DIRFD, 0, P(data), 0x7FFFFFFF, 0, all, all, 0, P(&fd)), "fd", fd);
    res("wild-ptr.path_filestat_get", raw_path_filestat_get(DIRFD, 0, (int32_t)FAR, 8, P(malloc(64))));
    res("wild-ptr.path_create_directory", raw_path_create_directory(DIRFD, (int32_t)FAR, 0x20));

    uint32_t argc = 0, argbuf = 0;
    if (raw_args_sizes_get(P(&argc), P(&argbuf)) == 0) {
        uint32_t *argv = calloc(argc + 1, 4);
        char *buf = malloc(argbuf + 1);
        res("wild-ptr.args_get_argv", raw_args_get((int32_t)FAR, P(buf)));
        res("wild-ptr.args_get_buf", raw_args_get(P(argv), (int32_t)FAR));
        res("wild-ptr.args_get_buf_end", raw_args_get(P(argv), (int32_t)(mem_end() - 1)));
    } else {
        printf("wild-ptr.args_get_argv errno=sizes\n");
    }
    uint32_t envc = 0, envbuf = 0;
    if (raw_environ_sizes_get(P(&envc), P(&envbuf)) == 0) {
        uint32_t *envv = calloc(envc + 1, 4);
        char *buf = malloc(envbuf + 1);
        /* with an empty environment nothing is written, so 0 is also correct */
        res("wild-ptr.environ_get_ptrs", raw_environ_get((int32_t)FAR, P(buf)));
        res("wild-ptr.environ_get_buf", raw_environ_get(P(envv), (int32_t)FAR));
    }
}

static void readdir_huge(void) {
    uint32_t used = 0;
    res_n("readdir-huge", raw_fd_readdir(DIRFD, LOW, (int32_t)0xFFFFFFF0u, 0, P(&used)), "bufused", used);
    res_n("readdir-huge.far", raw_fd_readdir(DIRFD, (int32_t)FAR, 0x1000, 0, P(&used)), "bufused", used);
}

static void random_huge(void) {
    res("random-huge", raw_random_get(LOW, (int32_t)0xFFFFFFFFu));
    res("random-huge.2g", raw_random_get(LOW, 0x7FFFFFF0));
    res("random-huge.far", raw_random_get((int32_t)FAR, 0x20));
}

/* fd_read whose first buffer overwrites the iovec array itself. A host that copies
 * the iovecs before reading (readv semantics) fills iov area with the first 16
 * input bytes and target with the next 16. */
static void overlap(void) {
    static struct { struct iov v[2]; uint8_t target[16]; } a;
    a.v[0].buf = P(&a.v[0]); a.v[0].len = sizeof a.v; /* 16 bytes: both iovecs */
    a.v[1].buf = P(a.target); a.v[1].len = sizeof a.target;
    memset(a.target, 0, sizeof a.target);
    uint32_t n = 0;
    int32_t e = raw_fd_read(0, P(a.v), 2, P(&n));
    if (e) { printf("overlap errno=%d\n", e); return; }
    const uint8_t *iovb = (const uint8_t *)a.v;
    printf("overlap ok nread=%u iov=", n);
    for (int i = 0; i < 16; i++) printf("%02x", iovb[i]);
    printf(" target=");
    for (int i = 0; i < 16; i++) printf("%02x", a.target[i]);
    printf("\n");
}

static void nwritten_oob(void) {
    static const char msg[] = "nwritten-oob-data\n";
    static struct iov v;
    v.buf = P(msg); v.len = sizeof msg - 1;
    fflush(stdout);
    res("nwritten-oob", raw_fd_write(2, P(&v), 1, (int32_t)0xFFFFFFFCu));
    res("nwritten-oob.end", raw_fd_write(2, P(&v), 1, (int32_t)(mem_end() - 2)));
    res("nwritten-oob.read", raw_fd_read(0, P(&v), 0, (int32_t)FAR));
}

static void poll_huge(void) {
    uint32_t n = 0;
    res_n("poll-huge", raw_poll_oneoff(LOW, 0x200, 0x7FFFFFFF, P(&n)), "nevents", n);
    res_n("poll-huge.max", raw_poll_oneoff(LOW, 0x200, (int32_t)0xFFFFFFFFu, P(&n)), "nevents", n);
    /* 65536 subscriptions * 48 bytes = 3 MiB, starting in bounds, ending beyond */
    res_n("poll-huge.beyond", raw_poll_oneoff(LOW, 0x200, 0x10000, P(&n)), "nevents", n);
}

/* Every result pointer out of bounds. */
static void result_oob(void) {
    uint32_t a = 0;
    int32_t bad = (int32_t)FAR;
    res("result-oob.args_sizes_get", raw_args_sizes_get(bad, P(&a)));
    res("result-oob.environ_sizes_get", raw_environ_sizes_get(P(&a), bad));
    res("result-oob.clock_res_get", raw_clock_res_get(1, bad));
    res("result-oob.clock_time_get", raw_clock_time_get(1, 1, bad));
    res("result-oob.fd_fdstat_get", raw_fd_fdstat_get(1, bad));
    res("result-oob.fd_filestat_get", raw_fd_filestat_get(1, bad));
    res("result-oob.fd_prestat_get", raw_fd_prestat_get(DIRFD, bad));
    /* the full name length: a shorter buffer is ENAMETOOLONG before the pointer is looked at */
    __wasi_prestat_t ps;
    uint32_t name_len = raw_fd_prestat_get(DIRFD, P(&ps)) == 0 && ps.u.dir.pr_name_len > 0 ? ps.u.dir.pr_name_len : 1;
    res("result-oob.fd_prestat_dir_name", raw_fd_prestat_dir_name(DIRFD, bad, (int32_t)name_len));
    res("result-oob.path_filestat_get", raw_path_filestat_get(DIRFD, 0, P("."), 1, bad));
    res("result-oob.path_open", raw_path_open(DIRFD, 0, P("."), 1, 2 /* DIRECTORY */, 0x3fffffff & ~0x42, 0x3fffffff, 0, bad));
    res("result-oob.random_get", raw_random_get(bad, 32));
    static struct iov empty = {LOW, 0};
    res("result-oob.fd_write", raw_fd_write(2, P(&empty), 1, bad));
    static uint8_t sub[48];
    memset(sub, 0, sizeof sub);
    sub[8] = 0;                         /* clock subscription */
    sub[16] = 1;                        /* monotonic */
    res("result-oob.poll_oneoff_out", raw_poll_oneoff(P(sub), bad, 1, P(&a)));
    res("result-oob.poll_oneoff_nevents", raw_poll_oneoff(P(sub), 0x200, 1, bad));
}

/* Exact end-of-memory boundaries: off-by-one checks in the host. */
static void edge(void) {
    uint32_t end = mem_end();
    printf("edge.memory ok bytes=%u\n", end);
    res("edge.random_last16", raw_random_get((int32_t)(end - 16), 16));     /* ok */
    res("edge.random_over1", raw_random_get((int32_t)(end - 16), 17));      /* 21 */
    res("edge.random_zero_at_end", raw_random_get((int32_t)end, 0));        /* ok */
    res("edge.clock_last8", raw_clock_time_get(1, 1, (int32_t)(end - 8)));  /* ok */
    res("edge.clock_over1", raw_clock_time_get(1, 1, (int32_t)(end - 7)));  /* 21 */
    res("edge.args_sizes_last", raw_args_sizes_get((int32_t)(end - 8), (int32_t)(end - 4))); /* ok */
    res("edge.args_sizes_over", raw_args_sizes_get((int32_t)(end - 8), (int32_t)(end - 3))); /* 21 */
}

struct acase { const char *name; void (*fn)(void); };
static const struct acase cases[] = {
    {"iovec-huge", iovec_huge}, {"iovec-wrap", iovec_wrap}, {"iovec-count", iovec_count},
    {"wild-ptr", wild_ptr}, {"readdir-huge", readdir_huge}, {"random-huge", random_huge},
    {"overlap", overlap}, {"nwritten-oob", nwritten_oob}, {"poll-huge", poll_huge},
    {"result-oob", result_oob}, {"edge", edge},
};
#define NCASES (sizeof cases / sizeof *cases)

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int all = argc < 2;
    for (int i = 1; i < argc; i++) if (!strcmp(argv[i], "all")) all = 1;
    if (all) {
        for (size_t k = 0; k < NCASES; k++) cases[k].fn();
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        size_t k = 0;
        while (k < NCASES && strcmp(argv[i], cases[k].name)) k++;
        if (k == NCASES) { fprintf(stderr, "abi_attack: unknown case '%s'\n", argv[i]); return 2; }
        cases[k].fn();
    }
    return 0;
}
