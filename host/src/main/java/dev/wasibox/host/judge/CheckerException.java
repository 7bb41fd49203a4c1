package dev.wasibox.host.judge;

/** A checker could not decide (a custom checker trapped or exited with neither 0 nor 1). */
public final class CheckerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckerException(String message) {
    super(message);
  }
}
