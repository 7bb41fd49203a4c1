package dev.wasibox.host;

/**
 * Thrown by {@code proc_exit} to unwind the guest; the only exception besides {@link
 * LimitExceededException} that leaves a host function. Stackless.
 */
public final class ProcExitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public ProcExitException(int exitCode) {
    super("proc_exit(" + exitCode + ")", null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
