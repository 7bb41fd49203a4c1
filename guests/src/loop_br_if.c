/*
 * loop_br_if: infinite loop compiled by clang to a wasm `loop` whose back edge is a
 * `br_if` (checked with wasm2wat: see guests/README.md). The exit condition reads a
 * volatile flag that is never set. Prints nothing; never returns.
 */
static volatile int stop;
static volatile unsigned counter;

int main(void) {
    do {
        counter++;
    } while (!stop);
    return 0;
}
