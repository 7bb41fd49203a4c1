/*
 * checker_tokens: a custom judge checker comparing whitespace-separated tokens.
 *
 *   checker_tokens INPUT EXPECTED ACTUAL      (three file paths; INPUT is opened but unused)
 *
 * Exit 0: same token sequence; prints "ok N tokens" to stderr.
 * Exit 1: different; prints one line to stderr, one of:
 *   "token K differs: expected 'E' got 'A'"   (K counts from 1; tokens cut to 32 bytes)
 *   "actual has extra tokens after K"
 *   "actual ends after K tokens, expected more"
 * Exit 2: usage error or a file cannot be opened ("checker_tokens: PATH: strerror").
 * Whitespace is space, \t, \n, \v, \f, \r.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads the next token into a growing buffer; returns its length, or -1 at EOF. */
static long next_token(FILE *f, char **buf, size_t *cap) {
    int c;
    do c = getc(f); while (c != EOF && isspace(c));
    if (c == EOF) return -1;
    size_t n = 0;
    while (c != EOF && !isspace(c)) {
        if (n + 1 >= *cap) {
            *cap = *cap ? *cap * 2 : 64;
            *buf = realloc(*buf, *cap);
            if (!*buf) { fprintf(stderr, "checker_tokens: out of memory\n"); exit(2); }
        }
        (*buf)[n++] = (char)c;
        c = getc(f);
    }
    (*buf)[n] = '\0';
    return (long)n;
}

static FILE *open_or_die(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "checker_tokens: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    return f;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: checker_tokens INPUT EXPECTED ACTUAL\n");
        return 2;
    }
    fclose(open_or_die(argv[1]));
    FILE *exp = open_or_die(argv[2]), *act = open_or_die(argv[3]);
    char *e = NULL, *a = NULL;
    size_t ecap = 0, acap = 0;
    for (unsigned long k = 1;; k++) {
        long el = next_token(exp, &e, &ecap), al = next_token(act, &a, &acap);
        if (el < 0 && al < 0) {
            fprintf(stderr, "ok %lu tokens\n", k - 1);
            return 0;
        }
        if (el < 0) { fprintf(stderr, "actual has extra tokens after %lu\n", k - 1); return 1; }
        if (al < 0) { fprintf(stderr, "actual ends after %lu tokens, expected more\n", k - 1); return 1; }
        if (el != al || memcmp(e, a, (size_t)el) != 0) {
            fprintf(stderr, "token %lu differs: expected '%.32s' got '%.32s'\n", k, e, a);
            return 1;
        }
    }
}
