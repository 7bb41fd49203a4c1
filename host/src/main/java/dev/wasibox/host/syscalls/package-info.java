/**
 * The preview1 host functions, one class per family (as wazero's {@code args.go}, {@code fs.go},
 * ...), one method per function named after it, each returning an errno. Registration and the
 * exception adapter live in {@link dev.wasibox.host.WasiModule}.
 */
package dev.wasibox.host.syscalls;
