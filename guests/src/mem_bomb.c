/*
 * mem_bomb: mallocs 1 MiB chunks and writes every byte of each, forever, never
 * freeing. Prints nothing. When malloc fails (memory.grow refused) it calls
 * abort(), i.e. traps. Under a memory limit: a trap after memory.grow was refused.
 */
#include <stdlib.h>
#include <string.h>

static void *volatile keep; /* defeats dead-store elimination */

int main(void) {
    for (unsigned i = 1;; i++) {
        char *p = malloc(1 << 20);
        if (!p) abort();
        memset(p, (int)(i & 0xff), 1 << 20);
        keep = p;
    }
}
