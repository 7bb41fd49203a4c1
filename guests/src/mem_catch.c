/*
 * mem_catch: like mem_bomb, but when malloc fails it prints
 * "malloc failed after N MiB\n" to stderr (N = chunks obtained) and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *volatile keep;

int main(void) {
    for (unsigned long n = 0;; n++) {
        char *p = malloc(1 << 20);
        if (!p) {
            fprintf(stderr, "malloc failed after %lu MiB\n", n);
            exit(1);
        }
        memset(p, (int)(n & 0xff), 1 << 20);
        keep = p;
    }
}
