/*
 * fs_attack: the guest-expressible cases of shared/notes/attack-corpus.md
 * (sections A-E, plus F05/F11/G03 and a LEAK sweep Z01), run against the
 * preopens /sandbox (required, writable, should start empty), /ro, /ov and
 * /other (each optional; cases needing an absent one print "skip").
 *
 *   fs_attack [--expect] [SELECTOR...]
 *
 * SELECTOR is a prefix of case ids ("A", "B1", "C04", "D09"); none = all.
 * Every call is a raw preview1 import with an explicit path length, so NUL
 * bytes, invalid UTF-8 and absolute paths reach the host unchanged.
 *
 * Output: one line per call, "ID RESULT", RESULT one of
 *   ok[ FIELDS]            the call succeeded (fields such as filetype=N size=N)
 *   errno=N[ FIELDS]       WASI errno
 *   read="..."             the call opened a file; its first 200 bytes, C-escaped
 *   names=a,b,c            a directory listing, sorted, without . and ..
 *   skip                   a needed preopen or host-planted fixture is absent
 *   LEAK ...               the string HOST-SECRET was read (always a failure)
 * With --expect each line ends with " expect=ALT1|ALT2": what wasibox must return
 * (DESIGN.md choices). A line passes if RESULT starts with one of the alternatives
 * (on a token boundary); "*" accepts anything. Last line: "END leaks=N".
 *
 * Fixture, rebuilt before every case in /sandbox (everything else in /sandbox is
 * deleted, except host-planted "esc" and "abs"):
 *   file = "hello"; dir/; dir/nested/; dir/nested/file = "nested"; a/b/
 * Host-planted fixtures used when present (see guests/README.md):
 *   /sandbox/esc -> a directory outside every preopen containing secret.txt = "HOST-SECRET"
 *   /sandbox/abs -> "/etc"
 *   /ro: r.txt = "readonly", rdir/x = "x"; optional rlink -> "/etc/passwd",
 *        rrel -> "../../outside/secret.txt", rdir/up -> "../.."
 *   /ov lower: lfile = "lower", ldir/lchild = "lc", lsym -> "lfile"; optional lesc -> outside
 *   the parent directory of a host-backed preopen may hold secret.txt = "HOST-SECRET"
 * Exit 0 unless /sandbox is missing (exit 2).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#include "wasi_raw.h"

/* ---- rights and flags ------------------------------------------------------------------ */

#define R_(x) __WASI_RIGHTS_##x
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define O_CR __WASI_OFLAGS_CREAT
#define O_DIR __WASI_OFLAGS_DIRECTORY
#define O_EX __WASI_OFLAGS_EXCL
#define O_TR __WASI_OFLAGS_TRUNC
static const uint64_t ALLR = (((uint64_t)1) << 30) - 1;
static const uint64_t FR = R_(FD_READ) | R_(FD_SEEK) | R_(FD_TELL) | R_(FD_FILESTAT_GET) |
                           R_(FD_ADVISE) | R_(FD_FDSTAT_SET_FLAGS) | R_(POLL_FD_READWRITE);
static const uint64_t FW_ONLY = R_(FD_WRITE) | R_(FD_DATASYNC) | R_(FD_SYNC) | R_(FD_ALLOCATE) |
                                R_(FD_FILESTAT_SET_SIZE) | R_(FD_FILESTAT_SET_TIMES);
#define FRW (FR | FW_ONLY)
#define DIRR (ALLR & ~(R_(FD_DATASYNC) | R_(FD_WRITE) | R_(FD_ALLOCATE) | R_(FD_FILESTAT_SET_SIZE)))

/* expectations (wasibox, DESIGN.md) */
#define ESC "errno=63"
#define RO "errno=69"
#define OK "ok"

/* ---- state ------------------------------------------------------------------------------ */

static int S = -1, RFD = -1, OV = -1, OTHER = -1; /* /sandbox /ro /ov /other */
static int show_expect;
static int leaks;
static char **selectors;
static int nselectors;

/* ---- output ------------------------------------------------------------------------------ */

static void emit(const char *id, const char *result, const char *exp) {
    if (show_expect) printf("%s %s expect=%s\n", id, result, exp);
    else printf("%s %s\n", id, result);
    fflush(stdout);
}

static void out(const char *id, int32_t e, const char *exp) {
    char b[32];
    if (e) snprintf(b, sizeof b, "errno=%d", e);
    else snprintf(b, sizeof b, "ok");
    emit(id, b, exp);
}

static void skip(const char *id) { emit(id, "skip", "*"); }

static void quote(char *dst, size_t cap, const unsigned char *s, size_t n) {
    size_t k = 0;
    dst[k++] = '"';
    for (size_t i = 0; i < n && k + 6 < cap; i++) {
        unsigned char c = s[i];
        if (c == '"' || c == '\\') { dst[k++] = '\\'; dst[k++] = (char)c; }
        else if (c >= 0x20 && c < 0x7f) dst[k++] = (char)c;
        else k += (size_t)snprintf(dst + k, cap - k, "\\x%02x", c);
    }
    dst[k++] = '"';
    dst[k] = '\0';
}

/* ---- raw helpers (explicit lengths) ------------------------------------------------------ */

#define L(s) (s), strlen(s)           /* C string */
#define N(s) (s), (sizeof(s) - 1)     /* literal that may contain NUL bytes */

static uint64_t inh(int dir) {
    __wasi_fdstat_t st;
    if (raw_fd_fdstat_get(dir, P(&st))) return ALLR;
    return st.fs_rights_inheriting;
}

static int32_t po(int dir, int lf, const char *p, size_t n, int ofl, uint64_t want, int fdflags, int *fd) {
    uint64_t in = inh(dir);
    *fd = -1;
    return raw_path_open(dir, lf, P(p), (int32_t)n, ofl, (int64_t)(want & in), (int64_t)in, fdflags, P(fd));
}

static int32_t pmkdir(int dir, const char *p, size_t n) { return raw_path_create_directory(dir, P(p), (int32_t)n); }
static int32_t punlink(int dir, const char *p, size_t n) { return raw_path_unlink_file(dir, P(p), (int32_t)n); }
static int32_t prmdir(int dir, const char *p, size_t n) { return raw_path_remove_directory(dir, P(p), (int32_t)n); }
static int32_t psym(const char *t, size_t tn, int dir, const char *p, size_t n) {
    return raw_path_symlink(P(t), (int32_t)tn, dir, P(p), (int32_t)n);
}
static int32_t psym_s(const char *t, int dir, const char *p) { return psym(L(t), dir, L(p)); }
static int32_t pren(int d1, const char *a, size_t an, int d2, const char *b, size_t bn) {
    return raw_path_rename(d1, P(a), (int32_t)an, d2, P(b), (int32_t)bn);
}
static int32_t plink(int d1, int lf, const char *a, size_t an, int d2, const char *b, size_t bn) {
    return raw_path_link(d1, lf, P(a), (int32_t)an, d2, P(b), (int32_t)bn);
}
static int32_t pstat(int dir, int lf, const char *p, size_t n, __wasi_filestat_t *st) {
    return raw_path_filestat_get(dir, lf, P(p), (int32_t)n, P(st));
}

static int32_t fwrite_str(int fd, const char *s) {
    struct { uint32_t b, l; } v = {(uint32_t)P(s), (uint32_t)strlen(s)};
    uint32_t n;
    return raw_fd_write(fd, P(&v), 1, P(&n));
}

static int32_t fread_all(int fd, unsigned char *buf, size_t cap, size_t *got) {
    *got = 0;
    while (*got < cap) {
        struct { uint32_t b, l; } v = {(uint32_t)P(buf + *got), (uint32_t)(cap - *got)};
        uint32_t n = 0;
        int32_t e = raw_fd_read(fd, P(&v), 1, P(&n));
        if (e) return e;
        if (n == 0) break;
        *got += n;
    }
    return 0;
}

static int32_t mkfile(int dir, const char *p, const char *content) {
    int fd;
    int32_t e = po(dir, 0, L(p), O_CR | O_TR, FRW, 0, &fd);
    if (e) return e;
    if (content) e = fwrite_str(fd, content);
    raw_fd_close(fd);
    return e;
}

/* Formats a read result; counts and marks leaks. */
static void read_result(char *dst, size_t cap, const unsigned char *buf, size_t n) {
    char q[1024];
    quote(q, sizeof q, buf, n);
    int leak = 0;
    for (size_t i = 0; i + 11 <= n; i++)
        if (!memcmp(buf + i, "HOST-SECRET", 11)) leak = 1;
    if (leak) leaks++;
    snprintf(dst, cap, "%sread=%s", leak ? "LEAK " : "", q);
}

/* Opens (FD_READ rights), reads up to 200 bytes, prints read="..." or errno. */
static void r_read(const char *id, int dir, int lf, const char *p, size_t n, int ofl, const char *exp) {
    int fd;
    int32_t e = po(dir, lf, p, n, ofl, FR, 0, &fd);
    if (e) { out(id, e, exp); return; }
    unsigned char buf[200];
    size_t got;
    e = fread_all(fd, buf, sizeof buf, &got);
    raw_fd_close(fd);
    if (e) { out(id, e, exp); return; }
    char r[1100];
    read_result(r, sizeof r, buf, got);
    emit(id, r, exp);
}

/* Reads a whole file by fd from offset 0 (pread) into a result string. */
static void r_pread_fd(const char *id, int fd, const char *exp) {
    unsigned char buf[200];
    struct { uint32_t b, l; } v = {(uint32_t)P(buf), sizeof buf};
    uint32_t n = 0;
    int32_t e = raw_fd_pread(fd, P(&v), 1, 0, P(&n));
    if (e) { out(id, e, exp); return; }
    char r[1100];
    read_result(r, sizeof r, buf, n);
    emit(id, r, exp);
}

/* path_open with the given oflags and rights; prints ok/errno and closes. */
static void r_open(const char *id, int dir, int lf, const char *p, size_t n, int ofl, uint64_t want, const char *exp) {
    int fd;
    int32_t e = po(dir, lf, p, n, ofl, want, 0, &fd);
    if (!e) raw_fd_close(fd);
    out(id, e, exp);
}

static void r_opendir(const char *id, int dir, int lf, const char *p, size_t n, const char *exp) {
    r_open(id, dir, lf, p, n, O_DIR, DIRR, exp);
}

/* path_filestat_get: "ok filetype=N[ size=N]" (size for files and symlinks only). */
static void r_stat(const char *id, int dir, int lf, const char *p, size_t n, const char *exp) {
    __wasi_filestat_t st;
    int32_t e = pstat(dir, lf, p, n, &st);
    if (e) { out(id, e, exp); return; }
    char b[64];
    if (st.filetype == __WASI_FILETYPE_REGULAR_FILE || st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK)
        snprintf(b, sizeof b, "ok filetype=%d size=%llu", st.filetype, (unsigned long long)st.size);
    else
        snprintf(b, sizeof b, "ok filetype=%d", st.filetype);
    emit(id, b, exp);
}

static int is_symlink(int dir, const char *p) {
    __wasi_filestat_t st;
    return dir >= 0 && pstat(dir, 0, L(p), &st) == 0 && st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Lists a directory fd (sorted, without . and ..) into out as "a,b,c"; returns errno. */
static int32_t list_fd(int dfd, char *outb, size_t cap, int *dups) {
    static unsigned char buf[8192];
    char *names[256];
    int n = 0;
    uint64_t cookie = 0;
    for (;;) {
        uint32_t used = 0;
        int32_t e = raw_fd_readdir(dfd, P(buf), sizeof buf, (int64_t)cookie, P(&used));
        if (e) { for (int i = 0; i < n; i++) free(names[i]); return e; }
        size_t off = 0;
        int progressed = 0;
        while (off + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t de;
            memcpy(&de, buf + off, sizeof de);
            if (off + sizeof de + de.d_namlen > used) break;
            char *nm = strndup((char *)buf + off + sizeof de, de.d_namlen);
            if (strcmp(nm, ".") && strcmp(nm, "..") && n < 256) names[n++] = nm;
            else free(nm);
            off += sizeof de + de.d_namlen;
            cookie = de.d_next;
            progressed = 1;
        }
        if (used < sizeof buf || !progressed) break;
    }
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    size_t k = 0;
    outb[0] = '\0';
    if (dups) *dups = 0;
    for (int i = 0; i < n; i++) {
        if (dups && i > 0 && !strcmp(names[i], names[i - 1])) (*dups)++;
        k += (size_t)snprintf(outb + k, k < cap ? cap - k : 0, "%s%s", i ? "," : "", names[i]);
        free(names[i]);
    }
    return 0;
}

static void r_list(const char *id, int dir, int lf, const char *p, const char *exp) {
    int d;
    int32_t e = po(dir, lf, L(p), O_DIR, DIRR, 0, &d);
    if (e) { out(id, e, exp); return; }
    char names[2048], b[2100];
    int dups = 0;
    e = list_fd(d, names, sizeof names, &dups);
    raw_fd_close(d);
    if (e) { out(id, e, exp); return; }
    if (dups) snprintf(b, sizeof b, "names=%s dups=%d", names, dups);
    else snprintf(b, sizeof b, "names=%s", names);
    emit(id, b, exp);
}

/* ---- fixture ------------------------------------------------------------------------------ */

static int32_t rm_rf(int dir, const char *p) {
    __wasi_filestat_t st;
    int32_t e = pstat(dir, 0, L(p), &st);
    if (e) return e == __WASI_ERRNO_NOENT ? 0 : e;
    if (st.filetype != __WASI_FILETYPE_DIRECTORY) return punlink(dir, L(p));
    int d;
    e = po(dir, 0, L(p), O_DIR, DIRR, 0, &d);
    if (e) return e;
    char names[8192];
    e = list_fd(d, names, sizeof names, NULL);
    raw_fd_close(d);
    if (e) return e;
    char *save = NULL;
    for (char *nm = strtok_r(names, ",", &save); nm; nm = strtok_r(NULL, ",", &save)) {
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", p, nm);
        if ((e = rm_rf(dir, sub)) != 0) return e;
    }
    return prmdir(dir, L(p));
}

static int fixture_ok = 1;

static void reset(void) {
    char names[8192];
    int32_t e = list_fd(S, names, sizeof names, NULL);
    char *save = NULL;
    if (!e)
        for (char *nm = strtok_r(names, ",", &save); nm && !e; nm = strtok_r(NULL, ",", &save))
            if (strcmp(nm, "esc") && strcmp(nm, "abs")) e = rm_rf(S, nm);
    if (!e) e = mkfile(S, "file", "hello");
    if (!e) e = pmkdir(S, L("dir"));
    if (!e) e = pmkdir(S, L("dir/nested"));
    if (!e) e = mkfile(S, "dir/nested/file", "nested");
    if (!e) e = pmkdir(S, L("a"));
    if (!e) e = pmkdir(S, L("a/b"));
    if (e && fixture_ok) {
        char b[32];
        snprintf(b, sizeof b, "errno=%d", e);
        emit("FIXTURE", b, OK);
        fixture_ok = 0;
    }
}

static int selected(const char *id) {
    if (nselectors == 0) return 1;
    for (int i = 0; i < nselectors; i++)
        if (!strncmp(id, selectors[i], strlen(selectors[i]))) return 1;
    return 0;
}

/* ==== A. lexical path attacks ============================================================== */

static void A(void) {
    if (selected("A01")) { reset(); r_read("A01", S, 0, L("/etc/passwd"), 0, ESC); }
    if (selected("A02")) { reset(); r_read("A02", S, 0, L("/sandbox/file"), 0, ESC); }
    if (selected("A03")) { reset(); r_read("A03", S, 0, L("//etc/passwd"), 0, ESC); }
    if (selected("A04")) { reset(); r_opendir("A04", S, 0, L(".."), ESC); }
    if (selected("A05")) { reset(); r_read("A05", S, 0, L("../../etc/passwd"), 0, ESC); }
    if (selected("A06")) { reset(); r_read("A06", S, 0, L("dir/nested/../../../sandbox/dir/nested/file"), 0, ESC); }
    if (selected("A07")) { reset(); r_read("A07", S, 0, L("a/../../x"), 0, ESC); }
    if (selected("A08")) {
        reset();
        r_opendir("A08.1", S, 0, L("./.."), ESC);
        r_opendir("A08.2", S, 0, L(".//.."), ESC);
        r_opendir("A08.3", S, 0, L("dir/../.."), ESC);
    }
    if (selected("A09")) { reset(); r_read("A09", S, 0, L("dir/.//nested/../../dir/nested/../nested///./file"), 0, "read=\"nested\""); }
    if (selected("A10")) {
        reset();
        r_read("A10.1", S, 0, L("file/../file"), 0, "errno=54");
        r_read("A10.2", S, 0, L("file/.."), 0, "errno=54");
        r_read("A10.3", S, 0, L("file/."), 0, "errno=54");
    }
    if (selected("A11")) { reset(); r_read("A11", S, 0, L("missing/../file"), 0, "errno=44"); }
    if (selected("A12")) {
        reset();
        __wasi_filestat_t st;
        r_read("A12.1", S, 0, "", 0, 0, "errno=44");
        out("A12.2", pstat(S, 0, "", 0, &st), "errno=44");
        out("A12.3", punlink(S, "", 0), "errno=44");
    }
    if (selected("A13")) {
        reset();
        r_read("A13.1", S, 0, L("file/"), 0, "errno=54|errno=44");
        r_read("A13.2", S, 0, L("file///"), 0, "errno=54|errno=44");
        r_read("A13.3", S, 0, L("dir/nested/file/"), 0, "errno=54|errno=44");
    }
    if (selected("A14")) { reset(); r_opendir("A14", S, 0, L("dir/nested///"), OK); }
    if (selected("A15")) { reset(); r_read("A15", S, 0, L("file/./"), 0, "errno=54"); }
    if (selected("A16")) { reset(); r_read("A16", S, 0, L("dir//nested////file"), 0, "read=\"nested\""); }
    if (selected("A17")) {
        reset();
        r_read("A17.1", S, 0, N("file\0/../../outside"), 0, "errno=28");
        r_read("A17.2", S, 0, N("dir/nested/file\0"), 0, "errno=28");
        r_read("A17.3", S, 0, N("\0"), 0, "errno=28");
    }
    if (selected("A18")) {
        reset();
        out("A18.1", pmkdir(S, N("x\0y")), "errno=28");
        out("A18.2", psym(N("t\0"), S, L("l")), "errno=28");
        out("A18.3", pren(S, L("file"), S, N("f\0")), "errno=28");
        r_stat("A18.4", S, 0, L("x"), "errno=44");
        r_stat("A18.5", S, 0, L("l"), "errno=44");
        r_stat("A18.6", S, 0, L("f"), "errno=44");
        r_read("A18.7", S, 0, L("file"), 0, "read=\"hello\"");
    }
    if (selected("A19")) {
        reset();
        r_read("A19.1", S, 0, N("\xC0\xAE\xC0\xAE/etc"), 0, "errno=25");
        r_read("A19.2", S, 0, N("\xFF"), 0, "errno=25");
        out("A19.3", pmkdir(S, N("bad\xFE")), "errno=25");
    }
    if (selected("A20")) {
        reset();
        r_read("A20.1", S, 0, L("..."), 0, "errno=44");
        r_read("A20.2", S, 0, L(". ."), 0, "errno=44");
        r_read("A20.3", S, 0, L(".. "), 0, "errno=44");
        r_read("A20.4", S, 0, L("%2e%2e/x"), 0, "errno=44");
        r_read("A20.5", S, 0, L("\xE2\x80\xA5/x"), 0, "errno=44");
        out("A20.6", mkfile(S, "...", "dots"), OK);
        r_read("A20.7", S, 0, L("..."), 0, "read=\"dots\"");
    }
    if (selected("A21")) {
        reset();
        r_read("A21.1", S, 0, L("..\\..\\etc\\passwd"), 0, "errno=44");
        r_read("A21.2", S, 0, L("C:\\Windows\\win.ini"), 0, "errno=44");
        r_read("A21.3", S, 0, L("\\\\host\\share\\x"), 0, "errno=44");
        r_read("A21.4", S, 0, L("sub\\..\\..\\x"), 0, "errno=44");
    }
    if (selected("A22")) {
        reset();
        r_read("A22.1", S, 0, L("CON"), 0, "errno=44");
        r_read("A22.2", S, 0, L("nul.txt"), 0, "errno=44");
        r_read("A22.3", S, 0, L("aux "), 0, "errno=44");
    }
    if (selected("A23")) {
        reset();
        char *p = malloc(5000 * 2 + 5000 * 3 + 8), *q = p;
        for (int i = 0; i < 5000; i++) { memcpy(q, "a/", 2); q += 2; }
        for (int i = 0; i < 5000; i++) { memcpy(q, "../", 3); q += 3; }
        strcpy(q, "file");
        r_read("A23", S, 0, L(p), 0, "errno=37");
        free(p);
    }
    if (selected("A24")) {
        reset();
        size_t n = 1 << 20;
        char *p = malloc(n + 1);
        for (size_t i = 0; i < n; i += 2) { p[i] = 'a'; p[i + 1] = '/'; }
        p[n] = '\0';
        r_read("A24", S, 0, p, n, 0, "errno=37");
        free(p);
    }
    if (selected("A25")) {
        reset();
        char name[300];
        memset(name, 'x', 256);
        name[256] = '\0';
        int fd;
        int32_t e = po(S, 0, name, 256, O_CR, FRW, 0, &fd);
        if (!e) raw_fd_close(fd);
        out("A25.1", e, "errno=37");
        out("A25.2", pmkdir(S, name, 256), "errno=37");
        e = po(S, 0, name, 255, O_CR, FRW, 0, &fd);
        if (!e) raw_fd_close(fd);
        out("A25.3", e, OK);
    }
    if (selected("A26")) {
        reset();
        char *p = malloc(2 * 2000 + 8), *q = p;
        for (int i = 0; i < 2000; i++) { memcpy(q, "./", 2); q += 2; }
        strcpy(q, "file");
        r_read("A26.1", S, 0, L(p), 0, "read=\"hello\"");
        free(p);
        p = malloc(2 * 4096 + 1);
        for (int i = 0; i < 4096; i++) memcpy(p + 2 * i, "d/", 2);
        r_opendir("A26.2", S, 0, p, 2 * 4096, "errno=37");
        free(p);
    }
    if (selected("A27")) {
        reset();
        if (OTHER < 0) { skip("A27.1"); skip("A27.2"); }
        else {
            mkfile(OTHER, "x", "other");
            r_read("A27.1", S, 0, L("../other/x"), 0, ESC);
            r_read("A27.2", OTHER, 0, L("../sandbox/file"), 0, ESC);
            punlink(OTHER, L("x"));
        }
    }
    if (selected("A28")) {
        reset();
        r_stat("A28.1", S, 0, L("/"), ESC);
        r_stat("A28.2", S, 0, L("/etc"), ESC);
        r_stat("A28.3", S, FOLLOW, L("/"), ESC);
    }
    if (selected("A29")) {
        reset();
        int d;
        int32_t e = po(S, 0, L("."), O_DIR, DIRR, 0, &d);
        out("A29.1", e, OK);
        if (e) { skip("A29.2"); skip("A29.3"); }
        else {
            r_opendir("A29.2", d, 0, L(".."), ESC);
            r_read("A29.3", d, 0, L("file"), 0, "read=\"hello\"");
            raw_fd_close(d);
        }
    }
}

/* ==== B. symlink attacks ==================================================================== */

static void B(void) {
    int have_esc = is_symlink(S, "esc"), have_abs = is_symlink(S, "abs");
    if (selected("B01")) {
        reset();
        out("B01.1", psym_s("/etc", S, "l"), ESC);
        if (have_abs) r_read("B01.2", S, FOLLOW, L("abs/passwd"), 0, ESC); else skip("B01.2");
    }
    if (selected("B02")) { reset(); out("B02", psym_s("/", S, "root"), ESC); }
    if (selected("B03")) {
        reset();
        out("B03.1", psym_s("../../outside/secret.txt", S, "l"), "ok|errno=63");
        r_read("B03.2", S, FOLLOW, L("l"), 0, ESC);
    }
    if (selected("B04")) {
        reset();
        out("B04.1", psym_s("../../x", S, "dir/l"), "ok|errno=63");
        r_read("B04.2", S, FOLLOW, L("dir/l"), 0, ESC);
    }
    if (selected("B05")) {
        reset();
        if (have_esc) r_read("B05", S, 0, L("esc/secret.txt"), 0, ESC); else skip("B05");
    }
    if (selected("B06")) {
        reset();
        out("B06.1", psym_s("..", S, "l1"), OK);
        out("B06.2", psym_s("l1", S, "l2"), OK);
        r_read("B06.3", S, 0, L("l2/secret.txt"), 0, ESC);
    }
    if (selected("B07")) {
        reset();
        psym_s("file", S, "l1");
        psym_s("l1", S, "l2");
        r_read("B07", S, FOLLOW, L("l2"), 0, "read=\"hello\"");
    }
    if (selected("B08")) {
        reset();
        out("B08.1", psym_s("l", S, "l"), OK);
        r_read("B08.2", S, FOLLOW, L("l"), 0, "errno=32");
    }
    if (selected("B09")) {
        reset();
        psym_s("m2", S, "m1");
        psym_s("m1", S, "m2");
        r_read("B09.1", S, FOLLOW, L("m1"), 0, "errno=32");
        r_stat("B09.2", S, FOLLOW, L("m1"), "errno=32");
    }
    if (selected("B10")) {
        /* s1 -> s2 -> ... -> s40 -> file: 40 expansions; t1 .. t41 -> file: 41 */
        reset();
        char a[16], b[16];
        for (int i = 1; i <= 40; i++) {
            snprintf(a, sizeof a, "s%d", i);
            if (i < 40) snprintf(b, sizeof b, "s%d", i + 1); else strcpy(b, "file");
            psym_s(b, S, a);
        }
        for (int i = 1; i <= 41; i++) {
            snprintf(a, sizeof a, "t%d", i);
            if (i < 41) snprintf(b, sizeof b, "t%d", i + 1); else strcpy(b, "file");
            psym_s(b, S, a);
        }
        r_read("B10.1", S, FOLLOW, L("s1"), 0, "read=\"hello\"");
        r_read("B10.2", S, FOLLOW, L("t1"), 0, "errno=32");
    }
    if (selected("B11")) {
        /* k0 -> k1/k1/k1/k1, ..., k8 -> k9/k9/k9/k9, k9 -> "." : 4^9 expansions if unbounded */
        reset();
        char a[8], t[32];
        for (int i = 0; i < 9; i++) {
            snprintf(a, sizeof a, "k%d", i);
            snprintf(t, sizeof t, "k%d/k%d/k%d/k%d", i + 1, i + 1, i + 1, i + 1);
            psym_s(t, S, a);
        }
        psym_s(".", S, "k9");
        r_read("B11", S, 0, L("k0/file"), 0, "errno=32");
    }
    if (selected("B12")) {
        reset();
        out("B12.1", psym_s("..", S, "up"), OK);
        r_read("B12.2", S, 0, L("up/x"), 0, ESC);
        r_opendir("B12.3", S, FOLLOW, L("up"), ESC);
    }
    if (selected("B13")) {
        reset();
        out("B13.1", psym_s("..", S, "a/up"), OK);
        r_opendir("B13.2", S, 0, L("a/up/.."), ESC);
        r_read("B13.3", S, 0, L("a/up/file"), 0, "read=\"hello\"");
    }
    if (selected("B14")) {
        reset();
        psym_s("..", S, "dir/nested/up");
        r_read("B14", S, 0, L("dir/nested/up/nested/file"), 0, "read=\"nested\"");
    }
    if (selected("B15")) {
        reset();
        psym_s("..", S, "a/b/c");
        psym_s("../..", S, "a/b/d");
        psym_s("../../..", S, "a/b/e");
        r_opendir("B15.1", S, 0, L("a/b/c/b"), OK);
        r_read("B15.2", S, 0, L("a/b/d/file"), 0, "read=\"hello\"");
        r_read("B15.3", S, 0, L("a/b/e/x"), 0, ESC);
        r_stat("B15.4", S, FOLLOW, L("a/b/e"), ESC);
    }
    if (selected("B16")) {
        /* GHSA-vqjp/hp8f: a symlink whose target ends in "/" pointing at an escaping link */
        reset();
        out("B16.1", psym_s("../../outside", S, "dir/evil"), "ok|errno=63");
        out("B16.2", psym_s("evil/", S, "dir/link1"), OK);
        r_read("B16.3", S, 0, L("dir/link1"), 0, "errno=63|errno=32");
        r_opendir("B16.4", S, 0, L("dir/link1"), "errno=63|errno=32");
        r_read("B16.5", S, FOLLOW, L("dir/link1/secret.txt"), 0, ESC);
        out("B16.6", pmkdir(S, L("dir/link1/pwn")), ESC);
        out("B16.7", punlink(S, L("dir/link1/secret.txt")), ESC);
        out("B16.8", pren(S, L("dir/link1/secret.txt"), S, L("stolen")), ESC);
        r_list("B16.9", S, FOLLOW, "dir/link1", ESC);
        if (have_esc) {
            psym_s("../esc/", S, "dir/link2");
            r_read("B16.10", S, FOLLOW, L("dir/link2/secret.txt"), 0, ESC);
            r_list("B16.11", S, FOLLOW, "dir/link2", ESC);
        } else { skip("B16.10"); skip("B16.11"); }
    }
    if (selected("B17")) {
        reset();
        if (have_esc) r_opendir("B17.1", S, 0, L("esc/"), ESC); else skip("B17.1");
        psym_s("dir", S, "sym_dir");
        r_stat("B17.2", S, 0, L("sym_dir/"), "ok filetype=3");
    }
    if (selected("B18")) {
        reset();
        psym_s("file", S, "l");
        psym_s("dir", S, "ld");
        r_read("B18.1", S, 0, L("l"), 0, "errno=32");
        r_opendir("B18.2", S, 0, L("ld"), "errno=32|errno=54");
        r_opendir("B18.3", S, FOLLOW, L("ld"), OK);
        r_opendir("B18.4", S, FOLLOW, L("l"), "errno=54");
    }
    if (selected("B19")) {
        reset();
        if (have_esc) r_opendir("B19", S, FOLLOW, L("esc"), ESC); else skip("B19");
    }
    if (selected("B20")) {
        reset();
        psym_s("newfile", S, "dl");
        r_open("B20.1", S, FOLLOW, L("dl"), O_CR, FRW, OK);
        r_stat("B20.2", S, 0, L("newfile"), "ok filetype=4");
        psym_s("newfile2", S, "dl2");
        r_open("B20.3", S, 0, L("dl2"), O_CR, FRW, "errno=32");
        r_open("B20.4", S, FOLLOW, L("dl"), O_CR | O_EX, FRW, "errno=20");
        r_stat("B20.5", S, 0, L("newfile2"), "errno=44");
    }
    if (selected("B21")) {
        reset();
        psym_s("../outside/pwned", S, "dl");
        r_open("B21", S, FOLLOW, L("dl"), O_CR, FRW, ESC);
    }
    if (selected("B22")) {
        reset();
        psym_s("../../outside/secret.txt", S, "dir/file2");
        r_open("B22", S, FOLLOW, L("dir/file2"), O_CR, FRW, ESC);
    }
    if (selected("B23")) {
        reset();
        out("B23.1", psym_s("../../etc/passwd", S, "l"), "ok|errno=63");
        char buf[64];
        uint32_t used = 0;
        int32_t e = raw_path_readlink(S, P("l"), 1, P(buf), sizeof buf, P(&used));
        if (e) out("B23.2", e, "read=\"../../etc/passwd\"");
        else { char r[200]; read_result(r, sizeof r, (unsigned char *)buf, used); emit("B23.2", r, "read=\"../../etc/passwd\""); }
    }
    if (selected("B24")) {
        reset();
        if (have_abs) {
            char buf[64];
            uint32_t used = 0;
            out("B24.1", raw_path_readlink(S, P("abs"), 3, P(buf), sizeof buf, P(&used)), ESC);
            r_stat("B24.2", S, 0, L("abs"), "ok filetype=7");
        } else { skip("B24.1"); skip("B24.2"); }
    }
    if (selected("B25")) {
        reset();
        psym_s("abcdefgh", S, "l");
        char buf[16];
        memset(buf, '#', sizeof buf);
        uint32_t used = 0;
        int32_t e = raw_path_readlink(S, P("l"), 1, P(buf), 4, P(&used));
        char b[100];
        if (e) snprintf(b, sizeof b, "errno=%d", e);
        else snprintf(b, sizeof b, "ok bufused=%u data=%.4s canary=%s", used, buf, buf[4] == '#' ? "intact" : "clobbered");
        emit("B25", b, "ok bufused=4 data=abcd canary=intact");
    }
    if (selected("B26")) {
        reset();
        if (have_esc) {
            char buf[64];
            uint32_t used = 0;
            out("B26", raw_path_readlink(S, P("esc/inner_link"), 14, P(buf), sizeof buf, P(&used)), ESC);
        } else skip("B26");
    }
    if (selected("B27")) {
        reset();
        out("B27.1", psym_s("/other/x", S, "l"), ESC);
        psym_s("../other/x", S, "l2");
        r_read("B27.2", S, FOLLOW, L("l2"), 0, ESC);
    }
    if (selected("B28")) { reset(); out("B28", psym("", 0, S, L("e")), "errno=44"); }
    if (selected("B29")) { reset(); out("B29", psym(N("file\0x"), S, L("l")), "errno=28"); }
    if (selected("B30")) {
        reset();
        size_t n = 80000;
        char *t = malloc(n + 1);
        for (size_t i = 0; i < n; i += 2) { t[i] = 'a'; t[i + 1] = '/'; }
        t[n] = '\0';
        int32_t e = psym(t, n, S, L("l"));
        out("B30.1", e, "errno=37");
        if (!e) r_read("B30.2", S, FOLLOW, L("l"), 0, "errno=37");
        else skip("B30.2");
        free(t);
    }
    if (selected("B31")) {
        reset();
        psym_s("..", S, "up");
        r_stat("B31.1", S, 0, L("up"), "ok filetype=7 size=2");
        r_stat("B31.2", S, FOLLOW, L("up"), ESC);
        if (have_esc) { r_stat("B31.3", S, 0, L("esc"), "ok filetype=7"); r_stat("B31.4", S, FOLLOW, L("esc"), ESC); }
        else { skip("B31.3"); skip("B31.4"); }
    }
    if (selected("B32")) {
        reset();
        psym_s("..", S, "up");
        out("B32.1", raw_path_filestat_set_times(S, FOLLOW, P("up"), 2, 1000000000, 1000000000,
                                                 __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), ESC);
        if (have_esc)
            out("B32.2", raw_path_filestat_set_times(S, FOLLOW, P("esc"), 3, 1000000000, 1000000000,
                                                     __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), ESC);
        else skip("B32.2");
    }
    if (selected("B33")) {
        reset();
        psym_s("..", S, "up");
        psym_s("../..", S, "dir/esc2");
        out("B33.1", pmkdir(S, L("up/pwned")), ESC);
        out("B33.2", pmkdir(S, L("dir/esc2/deep")), ESC);
        if (have_esc) out("B33.3", pmkdir(S, L("esc/pwned")), ESC); else skip("B33.3");
    }
    if (selected("B34")) {
        reset();
        psym_s("..", S, "up");
        out("B34.1", punlink(S, L("up/secret.txt")), ESC);
        out("B34.2", prmdir(S, L("up/dir")), ESC);
        out("B34.3", punlink(S, L("up")), OK);
        r_stat("B34.4", S, 0, L("up"), "errno=44");
        if (have_esc) {
            out("B34.5", punlink(S, L("esc/secret.txt")), ESC);
            out("B34.6", prmdir(S, L("esc/dir")), ESC);
        } else { skip("B34.5"); skip("B34.6"); }
    }
}

/* ==== C. namespace mutation ================================================================== */

static void C(void) {
    int have_esc = is_symlink(S, "esc");
    if (selected("C01")) {
        reset();
        psym_s("../file", S, "dir/l");
        out("C01.1", pren(S, L("dir"), S, L("a/b/dir")), OK);
        r_read("C01.2", S, FOLLOW, L("a/b/dir/l"), 0, "errno=44");
        pmkdir(S, L("x"));
        pmkdir(S, L("x/y"));
        psym_s("../../file", S, "x/y/l");
        r_read("C01.3", S, FOLLOW, L("x/y/l"), 0, "read=\"hello\"");
        out("C01.4", pren(S, L("x/y"), S, L("y")), OK);
        r_read("C01.5", S, FOLLOW, L("y/l"), 0, ESC);
    }
    if (selected("C02")) {
        reset();
        psym_s("..", S, "up");
        out("C02.1", pren(S, L("up"), S, L("renamed")), OK);
        r_read("C02.2", S, 0, L("renamed/secret.txt"), 0, ESC);
        out("C02.3", pren(S, L("renamed"), S, L("dir/inner")), OK);
        r_read("C02.4", S, 0, L("dir/inner/file"), 0, "read=\"hello\"");
        if (have_esc) {
            out("C02.5", pren(S, L("esc"), S, L("renamed2")), OK);
            r_read("C02.6", S, 0, L("renamed2/secret.txt"), 0, ESC);
            out("C02.7", pren(S, L("renamed2"), S, L("esc")), OK);
        } else { skip("C02.5"); skip("C02.6"); skip("C02.7"); }
    }
    if (selected("C03")) {
        reset();
        out("C03.1", pren(S, L("../outside/secret.txt"), S, L("stolen")), ESC);
        out("C03.2", pren(S, L("file"), S, L("../escape")), ESC);
        r_read("C03.3", S, 0, L("file"), 0, "read=\"hello\"");
    }
    if (selected("C04")) {
        reset();
        if (OTHER >= 0) { out("C04.1", pren(S, L("file"), OTHER, L("file")), "errno=75"); r_read("C04.2", S, 0, L("file"), 0, "read=\"hello\""); }
        else { skip("C04.1"); skip("C04.2"); }
        if (RFD >= 0) { out("C04.3", pren(RFD, L("r.txt"), S, L("r.txt")), "errno=75|errno=69"); r_read("C04.4", RFD, 0, L("r.txt"), 0, "read=\"readonly\""); }
        else { skip("C04.3"); skip("C04.4"); }
    }
    if (selected("C05")) {
        reset();
        out("C05.1", plink(S, 0, L("../outside/secret.txt"), S, L("hl")), ESC);
        if (have_esc) out("C05.2", plink(S, 0, L("esc/secret.txt"), S, L("hl")), ESC); else skip("C05.2");
    }
    if (selected("C06")) {
        reset();
        psym_s("..", S, "up");
        out("C06.1", plink(S, 0, L("up"), S, L("hl")), "ok|errno=63");
        r_read("C06.2", S, 0, L("hl/secret.txt"), 0, "errno=63|errno=44");
        psym_s("file", S, "lf");
        out("C06.3", plink(S, FOLLOW, L("lf"), S, L("hl3")), "errno=28|ok");
    }
    if (selected("C07")) {
        reset();
        if (RFD >= 0) { out("C07.1", plink(RFD, 0, L("r.txt"), S, L("w")), "errno=75|errno=69"); r_read("C07.2", RFD, 0, L("r.txt"), 0, "read=\"readonly\""); }
        else { skip("C07.1"); skip("C07.2"); }
    }
    if (selected("C08")) { reset(); out("C08", plink(S, 0, L("dir"), S, L("dl")), "errno=63|errno=2"); }
    if (selected("C09")) {
        reset();
        out("C09.1", plink(S, 0, L("file"), S, L("link/")), "errno=44");
        out("C09.2", psym_s("source", S, "target/"), "errno=44");
        out("C09.3", psym_s("s", S, "file/"), "errno=54");
    }
    if (selected("C10")) {
        reset();
        out("C10.1", punlink(S, L(".")), "errno=31|errno=63");
        out("C10.2", prmdir(S, L(".")), "errno=28|errno=10|errno=63");
        out("C10.3", prmdir(S, L("..")), ESC);
        out("C10.4", pren(S, L("."), S, L("moved")), "errno=28|errno=10");
        r_read("C10.5", S, 0, L("file"), 0, "read=\"hello\"");
    }
    if (selected("C11")) {
        reset();
        out("C11.1", prmdir(S, L("file")), "errno=54");
        out("C11.2", prmdir(S, L("file/")), "errno=54");
        out("C11.3", punlink(S, L("dir")), "errno=31");
        out("C11.4", punlink(S, L("dir/")), "errno=31");
        out("C11.5", punlink(S, L("file/")), "errno=54");
    }
    if (selected("C12")) {
        reset();
        out("C12.1", pren(S, L("a"), S, L("dir")), "errno=55");
        out("C12.2", pren(S, L("dir"), S, L("file")), "errno=54");
        out("C12.3", pren(S, L("file"), S, L("dir")), "errno=31");
    }
    if (selected("C13")) {
        reset();
        out("C13.1", pren(S, L("dir"), S, L("dir/nested/dir")), "errno=28");
        r_read("C13.2", S, 0, L("dir/nested/file"), 0, "read=\"nested\"");
    }
    if (selected("C14")) {
        reset();
        if (RFD < 0) { skip("C14"); }
        else {
            r_open("C14.1", RFD, 0, L("new"), O_CR, FRW, RO);
            out("C14.2", pmkdir(RFD, L("d")), RO);
            out("C14.3", psym_s("x", RFD, "s"), RO);
            out("C14.4", plink(RFD, 0, L("r.txt"), RFD, L("h")), RO);
            out("C14.5", pren(RFD, L("r.txt"), RFD, L("s.txt")), RO);
            out("C14.6", punlink(RFD, L("r.txt")), RO);
            out("C14.7", prmdir(RFD, L("rdir")), RO);
            out("C14.8", raw_path_filestat_set_times(RFD, 0, P("r.txt"), 5, 1000000000, 1000000000,
                                                     __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), RO);
            r_read("C14.9", RFD, 0, L("r.txt"), 0, "read=\"readonly\"");
        }
    }
    if (selected("C15")) {
        reset();
        if (RFD < 0) { skip("C15.1"); skip("C15.2"); }
        else {
            r_open("C15.1", RFD, 0, L("r.txt"), O_TR, FR, RO);
            r_read("C15.2", RFD, 0, L("r.txt"), 0, "read=\"readonly\"");
        }
    }
    if (selected("C16")) {
        reset();
        r_open("C16.1", S, 0, L("nd"), O_DIR | O_CR, DIRR, "errno=28");
        r_stat("C16.2", S, 0, L("nd"), "errno=44");
    }
    if (selected("C17")) {
        reset();
        r_open("C17.1", S, 0, L("file"), O_CR | O_EX, FRW, "errno=20");
        out("C17.2", pmkdir(S, L("dir")), "errno=20");
        out("C17.3", pmkdir(S, L(".")), "errno=20");
    }
    if (selected("C18")) {
        reset();
        r_read("C18.1", S, 0, L("../outside/secret.txt"), 0, ESC);
        r_read("C18.2", S, 0, L("../outside/nope"), 0, ESC);
    }
}

/* ==== D. fd and rights ======================================================================== */

static void D(void) {
    if (selected("D01")) {
        reset();
        int fd;
        int32_t e = po(S, 0, L("file"), 0, FR, 0, &fd);
        if (e) { out("D01", e, OK); }
        else {
            static const char x[] = "X";
            struct { uint32_t b, l; } v = {(uint32_t)P(x), 1};
            uint32_t n;
            out("D01.1", raw_fd_write(fd, P(&v), 1, P(&n)), "errno=8|errno=76");
            out("D01.2", raw_fd_pwrite(fd, P(&v), 1, 0, P(&n)), "errno=8|errno=76");
            out("D01.3", raw_fd_filestat_set_size(fd, 0), "errno=8|errno=76");
            out("D01.4", raw_fd_allocate(fd, 0, 100), "errno=8|errno=76");
            raw_fd_close(fd);
            r_read("D01.5", S, 0, L("file"), 0, "read=\"hello\"");
        }
    }
    if (selected("D02")) {
        reset();
        int fd;
        int32_t e = po(S, 0, L("file"), 0, FW_ONLY, 0, &fd);
        if (e) { out("D02", e, OK); }
        else {
            char b[8];
            struct { uint32_t b, l; } v = {(uint32_t)P(b), sizeof b};
            uint32_t n;
            out("D02.1", raw_fd_read(fd, P(&v), 1, P(&n)), "errno=8|errno=76");
            out("D02.2", raw_fd_pread(fd, P(&v), 1, 0, P(&n)), "errno=8|errno=76");
            raw_fd_close(fd);
        }
    }
    if (selected("D03")) {
        reset();
        if (RFD >= 0) r_open("D03", RFD, 0, L("r.txt"), 0, FRW, RO); else skip("D03");
    }
    if (selected("D04")) {
        /* a directory fd whose inheriting rights are FD_READ only */
        reset();
        int sub, g;
        int32_t e = raw_path_open(S, 0, P("dir"), 3, O_DIR, (int64_t)(R_(PATH_OPEN) | R_(FD_READDIR)),
                                  (int64_t)R_(FD_READ), 0, P(&sub));
        out("D04.1", e, OK);
        if (e) return;
        e = raw_path_open(sub, 0, P("nested/file"), 11, 0, (int64_t)(R_(FD_READ) | R_(FD_WRITE)), 0, 0, P(&g));
        out("D04.2", e, "errno=76|ok");
        if (!e) {
            /* a host that intersects instead of refusing must still deny writing */
            out("D04.3", fwrite_str(g, "W"), "errno=76|errno=8");
            raw_fd_close(g);
        } else skip("D04.3");
        e = raw_path_open(sub, 0, P("nested/file"), 11, 0, (int64_t)R_(FD_READ), 0, 0, P(&g));
        out("D04.4", e, OK);
        if (!e) raw_fd_close(g);
        /* two levels: nested dir asking for inheriting rights its parent does not have */
        int sub2;
        e = raw_path_open(sub, 0, P("nested"), 6, O_DIR, (int64_t)R_(PATH_OPEN), (int64_t)(R_(FD_READ) | R_(FD_WRITE)), 0, P(&sub2));
        out("D04.5", e, "errno=76|ok");
        if (!e) {
            e = raw_path_open(sub2, 0, P("file"), 4, 0, (int64_t)(R_(FD_READ) | R_(FD_WRITE)), 0, 0, P(&g));
            out("D04.6", e, "errno=76|ok");
            if (!e) { out("D04.7", fwrite_str(g, "W"), "errno=76|errno=8"); raw_fd_close(g); }
            else skip("D04.7");
            raw_fd_close(sub2);
        } else { skip("D04.6"); skip("D04.7"); }
        raw_fd_close(sub);
        r_read("D04.8", S, 0, L("dir/nested/file"), 0, "read=\"nested\"");
    }
    if (selected("D05")) {
        reset();
        int fd;
        int32_t e = po(S, 0, L("file"), 0, FRW, 0, &fd);
        if (e) { out("D05", e, OK); }
        else {
            __wasi_fdstat_t st;
            raw_fd_fdstat_get(fd, P(&st));
            e = raw_fd_fdstat_set_rights(fd, (int64_t)(st.fs_rights_base & ~R_(FD_WRITE)), (int64_t)(st.fs_rights_inheriting & ~R_(FD_WRITE)));
            out("D05.1", e, OK);
            out("D05.2", fwrite_str(fd, "W"), "errno=76|errno=8");
            out("D05.3", raw_fd_fdstat_set_rights(fd, (int64_t)st.fs_rights_base, (int64_t)st.fs_rights_inheriting), "errno=76");
            out("D05.4", fwrite_str(fd, "W"), "errno=76|errno=8");
            raw_fd_close(fd);
            r_read("D05.5", S, 0, L("file"), 0, "read=\"hello\"");
        }
    }
    if (selected("D06")) {
        reset();
        int fd;
        int32_t e = po(S, 0, L("file"), 0, FR, 0, &fd);
        if (e) { out("D06", e, OK); }
        else {
            r_open("D06.1", fd, 0, L("x"), O_CR, FRW, "errno=54");
            r_stat("D06.2", fd, 0, L(".."), "errno=54|errno=63");
            raw_fd_close(fd);
        }
    }
    if (selected("D07")) {
        /* file operations on the preopen directory fd */
        reset();
        char b[8];
        struct { uint32_t b, l; } v = {(uint32_t)P(b), sizeof b};
        uint32_t n;
        uint64_t pos;
        out("D07.1", raw_fd_read(S, P(&v), 1, P(&n)), "errno=8");
        out("D07.2", raw_fd_pread(S, P(&v), 1, 0, P(&n)), "errno=8");
        out("D07.3", raw_fd_write(S, P(&v), 1, P(&n)), "errno=8");
        out("D07.4", raw_fd_pwrite(S, P(&v), 1, 0, P(&n)), "errno=8");
        out("D07.5", raw_fd_seek(S, 0, __WASI_WHENCE_SET, P(&pos)), "errno=8");
        out("D07.6", raw_fd_tell(S, P(&pos)), "errno=8");
        out("D07.7", raw_fd_advise(S, 0, 0, __WASI_ADVICE_NORMAL), "errno=8");
        out("D07.8", raw_fd_allocate(S, 0, 1), "errno=8");
        out("D07.9", raw_fd_datasync(S), "errno=8");
        out("D07.10", raw_fd_sync(S), "errno=8");
        out("D07.11", raw_fd_fdstat_set_flags(S, __WASI_FDFLAGS_NONBLOCK), "errno=8");
        out("D07.12", raw_fd_filestat_set_size(S, 0), "errno=8");
    }
    if (selected("D08")) {
        reset();
        r_open("D08.1", S, 0, L("."), O_DIR, FRW, "errno=31");
        r_open("D08.2", S, 0, L("dir"), 0, R_(FD_WRITE), "errno=31");
    }
    if (selected("D10")) {
        reset();
        int fd;
        out("D10.1", raw_fd_renumber(S, 100), "errno=8");
        out("D10.2", raw_fd_renumber(S, S), OK);
        r_read("D10.3", S, 0, L("file"), 0, "read=\"hello\"");
        if (po(S, 0, L("file"), 0, FR, 0, &fd) == 0) {
            out("D10.4", raw_fd_renumber(fd, -1), "errno=8");
            raw_fd_close(fd);
        } else skip("D10.4");
    }
    if (selected("D11")) {
        /* 2000 x { open new; renumber cur over new } */
        reset();
        int cur, nw, bad = 0;
        int32_t e = po(S, 0, L("file"), 0, FR, 0, &cur);
        for (int i = 0; i < 2000 && !e; i++) {
            if ((e = po(S, 0, L("file"), 0, FR, 0, &nw)) != 0) break;
            if ((e = raw_fd_renumber(cur, nw)) != 0) { bad = 1; break; }
            cur = nw;
        }
        if (e) { char b[48]; snprintf(b, sizeof b, "errno=%d%s", e, bad ? " at=renumber" : ""); emit("D11.1", b, OK); }
        else out("D11.1", 0, OK);
        if (!e) { r_pread_fd("D11.2", cur, "read=\"hello\""); raw_fd_close(cur); }
        else skip("D11.2");
    }
    if (selected("D13")) {
        reset();
        int d;
        int32_t e = po(S, 0, L("dir"), O_DIR, DIRR, 0, &d);
        if (e) { out("D13", e, OK); }
        else {
            out("D13.1", pren(S, L("dir"), S, L("moved")), OK);
            r_read("D13.2", d, 0, L("nested/file"), 0, "read=\"nested\"");
            r_opendir("D13.3", d, 0, L(".."), ESC);
            punlink(S, L("moved/nested/file"));
            prmdir(S, L("moved/nested"));
            out("D13.4", prmdir(S, L("moved")), OK);
            r_open("D13.5", d, 0, L("x"), O_CR, FRW, "errno=44");
            raw_fd_close(d);
        }
    }
    if (selected("D14")) {
        reset();
        static int fds[20000];
        int n = 0;
        int32_t e = 0;
        while (n < 20000 && (e = po(S, 0, L("file"), 0, FR, 0, &fds[n])) == 0) n++;
        char b[64];
        if (e) snprintf(b, sizeof b, "errno=%d opened=%d", e, n);
        else snprintf(b, sizeof b, "ok opened=%d", n);
        emit("D14.1", b, "errno=33");
        for (int i = 0; i < n; i++) raw_fd_close(fds[i]);
        r_read("D14.2", S, 0, L("file"), 0, "read=\"hello\"");
    }
    if (selected("D15")) {
        reset();
        char buf[8];
        memset(buf, '#', sizeof buf);
        out("D15.1", raw_fd_prestat_dir_name(S, P(buf), 0), "errno=37");
        emit("D15.2", buf[0] == '#' ? "ok canary=intact" : "ok canary=clobbered", "ok canary=intact");
    }
    if (selected("D16")) {
        reset();
        int fd;
        int32_t e = po(S, 0, L("file"), 0, FRW, __WASI_FDFLAGS_APPEND, &fd);
        if (e) { out("D16", e, OK); }
        else {
            uint64_t pos;
            raw_fd_seek(fd, 0, __WASI_WHENCE_SET, P(&pos));
            out("D16.1", fwrite_str(fd, "X"), OK);
            raw_fd_close(fd);
            r_read("D16.2", S, 0, L("file"), 0, "read=\"helloX\"");
        }
    }
}

/* D09 and D12 destroy the /sandbox preopen: they run last. */
static void D_late(void) {
    if (!selected("D09") && !selected("D12")) return;
    reset();
    int bk = -1, f = -1;
    /* a second handle on /sandbox, to keep working after its preopen number is gone */
    po(S, 0, L("."), O_DIR, DIRR, 0, &bk);
    if (selected("D09")) {
        __wasi_prestat_t ps;
        int32_t e = po(S, 0, L("file"), 0, FR, 0, &f);
        if (e) { out("D09", e, OK); }
        else {
            out("D09.1", raw_fd_renumber(f, S), "ok|errno=58");
            out("D09.2", raw_fd_prestat_get(S, P(&ps)), "errno=8");
            r_open("D09.3", S, 0, L("x"), 0, FR, "errno=54|errno=8");
            out("D09.4", raw_fd_prestat_get(f, P(&ps)), "errno=8");
        }
    }
    if (selected("D12")) {
        __wasi_prestat_t ps;
        out("D12.1", raw_fd_close(S), OK);
        r_open("D12.2", S, 0, L("file"), 0, FR, "errno=8");
        int g = -1;
        if (bk >= 0 && po(bk, 0, L("file"), 0, FR, 0, &g) == 0) {
            /* the new fd may reuse the number; it must be the new object, not a preopen */
            out("D12.3", raw_fd_prestat_get(g, P(&ps)), "errno=8");
            r_pread_fd("D12.4", g, "read=\"hello\"");
            raw_fd_close(g);
        } else { skip("D12.3"); skip("D12.4"); }
    }
}

/* ==== E. overlay (/ov: lower lfile="lower", ldir/lchild="lc", lsym -> lfile) ===================== */
/* The cases run in this order and build on each other; run them on a fresh /ov. */

static void E(void) {
    if (OV < 0) { if (selected("E")) skip("E"); return; }
    int fd, r, w;
    /* The optional planted lower "lesc" is listed too until E09 renames it. */
    int lesc = is_symlink(OV, "lesc");
    const char *root_names = lesc ? "names=ldir,lesc,lsym" : "names=ldir,lsym";
    if (selected("E14")) {
        r_read("E14.1", OV, FOLLOW, L("lsym"), 0, "read=\"lower\"");
        psym_s("..", OV, "lup");
        r_read("E14.2", OV, 0, L("lup/x"), 0, ESC);
        punlink(OV, L("lup"));
        if (is_symlink(OV, "lesc")) r_read("E14.3", OV, FOLLOW, L("lesc"), 0, ESC); else skip("E14.3");
    }
    if (selected("E17")) {
        r_read("E17.1", OV, 0, L("ldir/../lfile"), 0, "read=\"lower\"");
        r_opendir("E17.2", OV, 0, L("ldir/../.."), ESC);
    }
    if (selected("E08")) {
        int32_t e = pren(OV, L("ldir"), OV, L("moved"));
        out("E08.1", e, "errno=75|ok");
        if (!e) pren(OV, L("moved"), OV, L("ldir"));
        r_read("E08.2", OV, 0, L("ldir/lchild"), 0, "read=\"lc\"");
    }
    if (selected("E11")) {
        out("E11.1", plink(OV, 0, L("lfile"), OV, L("hl")), "ok|errno=75");
        if (po(OV, 0, L("hl"), 0, FRW, 0, &fd) == 0) {
            out("E11.2", fwrite_str(fd, "Q"), OK);
            raw_fd_close(fd);
            r_read("E11.3", OV, 0, L("lfile"), 0, "read=\"Qower\"|read=\"lower\"");
            r_read("E11.4", OV, 0, L("hl"), 0, "read=\"Qower\"");
            punlink(OV, L("hl"));
        } else { skip("E11.2"); skip("E11.3"); skip("E11.4"); }
    }
    if (selected("E01")) {
        int32_t e = po(OV, 0, L("lfile"), 0, FRW, 0, &fd);
        out("E01.1", e, OK);
        if (!e) { out("E01.2", fwrite_str(fd, "X"), OK); raw_fd_close(fd); } else skip("E01.2");
        r_read("E01.3", OV, 0, L("lfile"), 0, "read=\"Xower\"");
    }
    if (selected("E16")) {
        out("E16.1", mkfile(OV, "ldir/new", "n"), OK);
        r_read("E16.2", OV, 0, L("ldir/new"), 0, "read=\"n\"");
        r_read("E16.3", OV, 0, L("ldir/lchild"), 0, "read=\"lc\"");
    }
    if (selected("E15")) {
        int32_t e1 = po(OV, 0, L("ldir/lchild"), 0, FR, 0, &r);
        int32_t e2 = po(OV, 0, L("ldir/lchild"), 0, FRW, 0, &w);
        out("E15.1", e1 ? e1 : e2, OK);
        if (!e1 && !e2) {
            out("E15.2", fwrite_str(w, "Z"), OK);
            r_pread_fd("E15.3", r, "read=\"lc\"|read=\"Zc\"");
            r_read("E15.4", OV, 0, L("ldir/lchild"), 0, "read=\"Zc\"");
        } else { skip("E15.2"); skip("E15.3"); skip("E15.4"); }
        if (!e1) raw_fd_close(r);
        if (!e2) raw_fd_close(w);
    }
    if (selected("E02")) {
        r_open("E02.1", OV, 0, L("lfile"), O_TR, FRW, OK);
        r_read("E02.2", OV, 0, L("lfile"), 0, "read=\"\"");
    }
    if (selected("E03")) {
        out("E03.1", punlink(OV, L("lfile")), OK);
        r_read("E03.2", OV, 0, L("lfile"), 0, "errno=44");
        r_list("E03.3", OV, 0, ".", root_names);
    }
    if (selected("E04")) r_read("E04", OV, FOLLOW, L("lsym"), 0, "errno=44");
    if (selected("E05")) out("E05", prmdir(OV, L("ldir")), "errno=55");
    if (selected("E06")) {
        punlink(OV, L("ldir/new"));
        out("E06.1", punlink(OV, L("ldir/lchild")), OK);
        out("E06.2", prmdir(OV, L("ldir")), OK);
        out("E06.3", pmkdir(OV, L("ldir")), OK);
        r_read("E06.4", OV, 0, L("ldir/lchild"), 0, "errno=44");
        r_list("E06.5", OV, 0, "ldir", "names=");
    }
    if (selected("E12")) {
        prmdir(OV, L("ldir"));
        out("E12.1", mkfile(OV, "ldir", "f"), OK);
        r_list("E12.2", OV, 0, ".", root_names);
        r_read("E12.3", OV, 0, L("ldir/lchild"), 0, "errno=54");
    }
    if (selected("E07")) {
        out("E07.1", mkfile(OV, ".wh.lsym", "w"), "ok|errno=28");
        r_stat("E07.2", OV, 0, L("lsym"), "ok filetype=7");
        out("E07.3", pmkdir(OV, L(".wh.ldir")), "ok|errno=28");
        r_stat("E07.4", OV, 0, L("ldir"), "ok filetype=4");
        pmkdir(OV, L("odir"));
        mkfile(OV, "odir/x", "x");
        out("E07.5", mkfile(OV, "odir/.wh..wh..opq", "o"), "ok|errno=28");
        r_read("E07.6", OV, 0, L("odir/x"), 0, "read=\"x\"");
    }
    if (selected("E13"))
        r_list("E13", OV, 0, ".",
               lesc ? "names=.wh.ldir,.wh.lsym,ldir,lesc,lsym,odir|names=ldir,lesc,lsym,odir"
                    : "names=.wh.ldir,.wh.lsym,ldir,lsym,odir|names=ldir,lsym,odir");
    if (selected("E09")) {
        if (is_symlink(OV, "lesc")) {
            out("E09.1", pren(OV, L("lesc"), OV, L("r")), "ok|errno=75");
            r_read("E09.2", OV, FOLLOW, L("r"), 0, ESC);
        } else { skip("E09.1"); skip("E09.2"); }
    }
}

/* ==== F (guest-side parts). G03. ================================================================== */

static void F(void) {
    if (selected("F05")) {
        if (RFD < 0) skip("F05");
        else {
            if (is_symlink(RFD, "rlink")) {
                r_read("F05.1", RFD, FOLLOW, L("rlink"), 0, ESC);
                r_stat("F05.2", RFD, 0, L("rlink"), "ok filetype=7");
                char buf[64];
                uint32_t used;
                out("F05.3", raw_path_readlink(RFD, P("rlink"), 5, P(buf), sizeof buf, P(&used)), ESC);
            } else { skip("F05.1"); skip("F05.2"); skip("F05.3"); }
            if (is_symlink(RFD, "rrel")) r_read("F05.4", RFD, FOLLOW, L("rrel"), 0, ESC); else skip("F05.4");
            if (is_symlink(RFD, "rdir/up")) r_opendir("F05.5", RFD, FOLLOW, L("rdir/up"), ESC); else skip("F05.5");
        }
    }
    if (selected("F11")) {
        if (RFD < 0) skip("F11");
        else {
            r_open("F11.1", RFD, 0, L("r.txt"), 0, FRW, RO);
            r_open("F11.2", RFD, 0, L("r.txt"), O_CR, FRW, RO);
            r_open("F11.3", RFD, 0, L("r.txt"), O_TR, FRW, RO);
            int fd;
            if (po(RFD, 0, L("r.txt"), 0, FR, 0, &fd) == 0) {
                out("F11.4", raw_fd_filestat_set_times(fd, 1000000000, 1000000000,
                                                       __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), "errno=69|errno=76|errno=8");
                raw_fd_close(fd);
            } else skip("F11.4");
            out("F11.5", raw_path_filestat_set_times(RFD, 0, P("r.txt"), 5, 1000000000, 1000000000,
                                                     __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), RO);
        }
    }
}

static void G(void) {
    if (!selected("G03")) return;
    reset();
    int fd;
    if (po(S, 0, L("big"), O_CR, FRW, 0, &fd) != 0) { skip("G03"); return; }
    static const char x[] = "x";
    struct { uint32_t b, l; } v = {(uint32_t)P(x), 1};
    uint32_t n;
    out("G03.1", raw_fd_pwrite(fd, P(&v), 1, (int64_t)1 << 62, P(&n)), "errno=22|errno=51|errno=28");
    out("G03.2", raw_fd_filestat_set_size(fd, (int64_t)1 << 62), "errno=22|errno=51|errno=28");
    raw_fd_close(fd);
}

/* ==== Z01: every way to read ../secret.txt ============================================================ */

static void Z(void) {
    if (!selected("Z01")) return;
    reset();
    int before = leaks;
    char id[32];
    int k = 0;
#define ZID() (snprintf(id, sizeof id, "Z01.%d", ++k), id)
    static const char *direct[] = {
        "../secret.txt", "/sandbox/../secret.txt", "./../secret.txt", "dir/../../secret.txt",
        "a/b/../../../secret.txt", "..//secret.txt", ".././secret.txt", "../sandbox/../secret.txt",
        "..\\secret.txt", "dir/nested/../../../secret.txt",
    };
    for (size_t i = 0; i < sizeof direct / sizeof *direct; i++) {
        r_read(ZID(), S, 0, L(direct[i]), 0, "errno=*");
        r_read(ZID(), S, FOLLOW, L(direct[i]), 0, "errno=*");
    }
    r_read(ZID(), S, 0, N("../secret.txt\0"), 0, "errno=*");
    /* guest-made symlinks */
    psym_s("../secret.txt", S, "zl");
    r_read(ZID(), S, FOLLOW, L("zl"), 0, "errno=*");
    psym_s("..", S, "zup");
    r_read(ZID(), S, 0, L("zup/secret.txt"), 0, "errno=*");
    psym_s("zup", S, "zc1");
    r_read(ZID(), S, 0, L("zc1/secret.txt"), 0, "errno=*");
    psym_s("../..", S, "dir/zup2");
    r_read(ZID(), S, 0, L("dir/zup2/secret.txt"), 0, "errno=*");
    psym_s("zup/", S, "ztl");
    r_read(ZID(), S, 0, L("ztl/secret.txt"), 0, "errno=*");
    psym_s("zup/secret.txt", S, "zfile");
    r_read(ZID(), S, FOLLOW, L("zfile"), 0, "errno=*");
    psym_s("../../secret.txt", S, "dir/zdeep");
    r_read(ZID(), S, FOLLOW, L("dir/zdeep"), 0, "errno=*");
    /* directory fds derived from the preopen */
    int d;
    if (po(S, 0, L("."), O_DIR, DIRR, 0, &d) == 0) { r_read(ZID(), d, 0, L("../secret.txt"), 0, "errno=*"); raw_fd_close(d); }
    if (po(S, 0, L("dir"), O_DIR, DIRR, 0, &d) == 0) { r_read(ZID(), d, 0, L("../../secret.txt"), 0, "errno=*"); raw_fd_close(d); }
    if (po(S, FOLLOW, L("zup"), O_DIR, DIRR, 0, &d) == 0) { r_read(ZID(), d, 0, L("secret.txt"), 0, "errno=*"); raw_fd_close(d); }
    else r_read(ZID(), S, FOLLOW, L("zup"), O_DIR, "errno=*");
    /* link and rename the outside file in */
    plink(S, 0, L("../secret.txt"), S, L("zhl"));
    r_read(ZID(), S, 0, L("zhl"), 0, "errno=*");
    plink(S, FOLLOW, L("zl"), S, L("zhl2"));
    r_read(ZID(), S, 0, L("zhl2"), 0, "errno=*");
    plink(S, 0, L("zup/secret.txt"), S, L("zhl3"));
    r_read(ZID(), S, 0, L("zhl3"), 0, "errno=*");
    pren(S, L("../secret.txt"), S, L("zstolen"));
    r_read(ZID(), S, 0, L("zstolen"), 0, "errno=*");
    pren(S, L("zup/secret.txt"), S, L("zstolen2"));
    r_read(ZID(), S, 0, L("zstolen2"), 0, "errno=*");
    /* planted escape link */
    if (is_symlink(S, "esc")) {
        r_read(ZID(), S, 0, L("esc/secret.txt"), 0, "errno=*");
        r_read(ZID(), S, FOLLOW, L("esc/secret.txt"), 0, "errno=*");
        r_read(ZID(), S, 0, L("esc/../esc/secret.txt"), 0, "errno=*");
    } else { skip(ZID()); skip(ZID()); skip(ZID()); }
    /* the parents of the other preopens */
    int others[3] = {RFD, OV, OTHER};
    for (int i = 0; i < 3; i++) {
        if (others[i] < 0) { skip(ZID()); skip(ZID()); continue; }
        r_read(ZID(), others[i], 0, L("../secret.txt"), 0, "errno=*");
        r_read(ZID(), others[i], FOLLOW, L("../secret.txt"), 0, "errno=*");
    }
    if (OV >= 0) {
        psym_s("..", OV, "zup");
        r_read(ZID(), OV, 0, L("zup/secret.txt"), 0, "errno=*");
        punlink(OV, L("zup"));
    } else skip(ZID());
    /* through wasi-libc's own path handling */
    FILE *fp = fopen("/sandbox/../secret.txt", "r");
    if (fp) {
        unsigned char buf[200];
        size_t got = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        char rr[1100];
        read_result(rr, sizeof rr, buf, got);
        emit(ZID(), rr, "errno=*");
    } else out(ZID(), errno, "errno=*");
    if (chdir("/sandbox/dir") == 0) {
        fp = fopen("../../secret.txt", "r");
        if (fp) {
            unsigned char buf[200];
            size_t got = fread(buf, 1, sizeof buf, fp);
            fclose(fp);
            char rr[1100];
            read_result(rr, sizeof rr, buf, got);
            emit(ZID(), rr, "errno=*");
        } else out(ZID(), errno, "errno=*");
        chdir("/");
    } else out(ZID(), errno, "errno=*");
#undef ZID
    emit("Z01", leaks > before ? "LEAK" : "ok", OK);
}

/* ==== main ================================================================================== */

static int find_preopen(const char *want) {
    for (int fd = 3; fd < 1024; fd++) {
        __wasi_prestat_t ps;
        if (raw_fd_prestat_get(fd, P(&ps)) != 0) break;
        char name[256] = {0};
        if (ps.u.dir.pr_name_len >= sizeof name) continue;
        if (raw_fd_prestat_dir_name(fd, P(name), (int32_t)ps.u.dir.pr_name_len) != 0) continue;
        if (!strcmp(name, want)) return fd;
    }
    return -1;
}

int main(int argc, char **argv) {
    selectors = calloc((size_t)argc, sizeof *selectors);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--expect")) show_expect = 1;
        else selectors[nselectors++] = argv[i];
    }
    S = find_preopen("/sandbox");
    RFD = find_preopen("/ro");
    OV = find_preopen("/ov");
    OTHER = find_preopen("/other");
    if (S < 0) { fprintf(stderr, "fs_attack: no /sandbox preopen\n"); return 2; }
    A();
    B();
    C();
    D();
    E();
    F();
    G();
    Z();
    D_late();
    char b[32];
    snprintf(b, sizeof b, "leaks=%d", leaks);
    emit("END", b, "leaks=0");
    return 0;
}
