/**
 * Part 4 of the fuzzing harness: module fuzzing. Random bytes, mutated real modules and small
 * valid modules built from templates ({@link dev.wasibox.fuzz.module.WasmWriter}, {@link
 * dev.wasibox.fuzz.module.Code}) are loaded and run by {@code WasmProgram} under small limits;
 * each must end as a clean {@code ModuleException} or a {@code RunResult}, on time, and the
 * templates' results must match what the WebAssembly spec says they compute.
 */
package dev.wasibox.fuzz.module;
