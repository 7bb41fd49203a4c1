// build-flags: -Wl,-z,stack-size=8388608 -Wl,--stack-first
/*
 * recurse: unbounded, non-tail recursion with a 256-byte local array per frame,
 * like a runaway DFS in a judge submission. Built with an 8 MiB shadow stack placed
 * first in memory, so it ends in a trap either way: engine call-stack exhaustion,
 * or (after ~30k frames) an out-of-bounds store when the shadow stack pointer
 * goes below address 0. Prints nothing.
 */
#include <stdint.h>

#pragma clang diagnostic ignored "-Winfinite-recursion" /* the point of the program */

static volatile uint32_t sink;

__attribute__((noinline)) static uint32_t dfs(uint32_t depth) {
    volatile uint8_t frame[256];
    frame[depth & 255] = (uint8_t)depth;
    uint32_t below = dfs(depth + 1);
    return below + frame[(depth * 7) & 255];
}

int main(void) {
    sink = dfs(0);
    return 0;
}
