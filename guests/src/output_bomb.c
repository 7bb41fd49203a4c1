/*
 * output_bomb: writes "x\n" lines to stdout forever (through stdio's buffer, so the
 * host sees fd_write calls of several KiB each). Never exits on its own; if a write
 * fails it exits 1.
 */
#include <stdio.h>

int main(void) {
    for (;;)
        if (fputs("x\n", stdout) == EOF) return 1;
}
