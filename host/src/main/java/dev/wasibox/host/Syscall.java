package dev.wasibox.host;

import dev.wasibox.capabilities.Errno;

/** The body of one host function: raw wasm arguments in, an errno out. */
@FunctionalInterface
interface Syscall {
  Errno call(GuestMemory memory, long[] args);
}
