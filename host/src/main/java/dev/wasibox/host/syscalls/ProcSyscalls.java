package dev.wasibox.host.syscalls;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.ProcExitException;

/** {@code proc_exit} and {@code proc_raise}. */
public final class ProcSyscalls {
  /**
   * {@code proc_exit}: ends the run with {@code code}. Never returns.
   *
   * @return never; declared so that registration can use it as a host function body
   */
  public long[] procExit(int code) {
    throw new ProcExitException(code);
  }

  /**
   * {@code proc_raise}: signals are not part of the sandbox; always {@code ENOSYS} (wasmtime does
   * the same, and the function was removed from later WASI).
   */
  public Errno procRaise(int signal) {
    return Errno.ENOSYS;
  }
}
