/*
 * trap: ends in one chosen way, after writing "trap: KIND\n" to stdout with
 * write(2) (unbuffered, so it is visible even when the run traps).
 *
 *   trap unreachable   executes the wasm `unreachable` instruction
 *   trap div0          i32.div_s by zero -> integer-divide-by-zero trap
 *   trap divov         INT32_MIN / -1 -> integer-overflow trap
 *   trap oob           i32.load at 0xFFFFFFF0 (far beyond memory) -> out-of-bounds trap
 *   trap abort         abort() (wasi-libc: `unreachable`)
 *   trap stack         unbounded recursion using only wasm locals (no shadow-stack
 *                      frame): exhausts the engine's call stack
 *   trap exit N        exit(N) via proc_exit; no trap
 *   trap null-call     call_indirect through a null function pointer (table slot 0)
 *   trap bad-sig       call_indirect with a mismatching signature
 * Usage error: message on stderr, exit 2.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile int32_t zero = 0, minus_one = -1, int_min = INT32_MIN;
static volatile uintptr_t far_addr = 0xFFFFFFF0u;
static volatile int32_t sink;

/* Not tail-recursive (the result is used after the call) and touches no memory
 * except a volatile global, so every frame lives on the engine's call stack. */
__attribute__((noinline)) static int32_t deep(int32_t n) {
    if (n == zero - 1) return 0; /* never true; keeps the recursion non-trivial */
    return deep(n + 1) * 3 + n;
}

static int32_t one_arg(int32_t x) { return x + 1; }

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: trap unreachable|div0|divov|oob|abort|stack|exit N|null-call|bad-sig\n"); return 2; }
    const char *k = argv[1];
    char msg[64];
    snprintf(msg, sizeof msg, "trap: %s\n", k);
    if (write(1, msg, strlen(msg)) < 0) return 3;

    if (!strcmp(k, "unreachable")) __builtin_trap(); /* emits the `unreachable` instruction */
    else if (!strcmp(k, "div0")) sink = 7 / zero;
    else if (!strcmp(k, "divov")) sink = int_min / minus_one;
    else if (!strcmp(k, "oob")) sink = *(volatile int32_t *)far_addr;
    else if (!strcmp(k, "abort")) abort();
    else if (!strcmp(k, "stack")) sink = deep(1);
    else if (!strcmp(k, "exit") && argc > 2) exit(atoi(argv[2]));
    else if (!strcmp(k, "null-call")) {
        int32_t (*volatile fp)(int32_t) = 0;
        sink = fp(1);
    } else if (!strcmp(k, "bad-sig")) {
        /* one_arg has type (i32)->i32; call it as (f64,f64,f64)->f64 */
        double (*volatile fp)(double, double, double) = (double (*)(double, double, double))(uintptr_t)one_arg;
        sink = (int32_t)fp(1.0, 2.0, 3.0);
    } else {
        fprintf(stderr, "trap: unknown kind '%s'\n", k);
        return 2;
    }
    /* only reached if the host failed to trap */
    fprintf(stderr, "trap: %s did not trap\n", k);
    return 0;
}
