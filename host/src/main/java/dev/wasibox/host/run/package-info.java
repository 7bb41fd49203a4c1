/**
 * Loading a module once and running it many times: {@link dev.wasibox.host.run.WasmProgram} (parsed
 * and compiled, immutable, shareable), each run on its own thread under a watchdog with its own
 * instance, memory cap, descriptors and VFS, ending in a {@link dev.wasibox.host.run.RunResult}.
 */
package dev.wasibox.host.run;
