// build-flags: -mexec-model=reactor
/*
 * reactor: a WASI reactor (no _start; the host calls _initialize once, then exports).
 *
 * Exports:
 *   _initialize()            wasi-libc/crt setup; must run before anything else
 *   add(i32 a, i32 b) -> i32 a + b (wrapping)
 *   greet()                  printf("hello from reactor\n") + fflush(stdout)
 *   counter() -> i32         returns 1, 2, 3, ... per instance (state check)
 *   alloc(i32 n) -> i32      malloc(n), for passing strings in
 *   dealloc(i32 p)           free(p)
 *   count_files(i32 path) -> i32
 *                            number of entries (excluding . and ..) in the directory
 *                            at the NUL-terminated path, or -errno (WASI errno) on error
 *   initialized() -> i32     1 if the constructor ran (i.e. _initialize was called), else 0
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/* volatile: otherwise clang's GlobalOpt evaluates the constructor at compile time and
 * initialized() folds to a constant 1, whether or not _initialize ran. */
static volatile int ctor_ran;
__attribute__((constructor)) static void init(void) { ctor_ran = 1; }

EXPORT(initialized) int initialized(void) { return ctor_ran; }

EXPORT(add) int add(int a, int b) { return (int)((unsigned)a + (unsigned)b); }

EXPORT(greet) void greet(void) {
    printf("hello from reactor\n");
    fflush(stdout);
}

static int calls;
EXPORT(counter) int counter(void) { return ++calls; }

EXPORT(alloc) void *alloc(int n) { return malloc((size_t)n); }
EXPORT(dealloc) void dealloc(void *p) { free(p); }

EXPORT(count_files) int count_files(const char *path) {
    DIR *d = opendir(path);
    if (!d) return -errno;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(d);
    return n;
}
