/**
 * wasi_snapshot_preview1 (and wasi_unstable) on Chicory: the host functions, grouped one class per
 * family, the guest-memory accessor every pointer goes through, descriptors and the per-run
 * context, and the APIs that load a module once and run it many times.
 */
package dev.wasibox.host;
