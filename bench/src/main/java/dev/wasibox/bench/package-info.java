/**
 * Benchmarks of wasibox side by side with its peers: JMH benchmarks for in-process figures
 * ({@link dev.wasibox.bench.WasiboxBench}, {@link dev.wasibox.bench.WasmtimeBench}, {@link
 * dev.wasibox.bench.CacheBench}), the wasmtime-java command-line runner for whole-process figures
 * ({@link dev.wasibox.bench.WasmtimeMain}), the memory-per-run probe ({@link
 * dev.wasibox.bench.MemoryPerRun}) and a loop for profilers ({@link dev.wasibox.bench.Loop}).
 * bench/run.sh drives them; nothing here is part of the product.
 */
package dev.wasibox.bench;
