package dev.wasibox.host.export;

/** An export was refused or failed; the message is one line for a user. */
public final class ExportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
