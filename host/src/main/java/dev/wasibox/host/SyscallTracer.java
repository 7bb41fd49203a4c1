package dev.wasibox.host;

import dev.wasibox.capabilities.Errno;

/**
 * Observes every host call: its name and raw arguments, then its errno. Tests use it to assert
 * the exact sequence of calls (as wazero's logging listener); a CLI flag may print it.
 */
public interface SyscallTracer {
  /** Called before the body runs. */
  void enter(String name, long[] args);

  /** Called after the body returns an errno. */
  void exit(String name, Errno errno);
}
