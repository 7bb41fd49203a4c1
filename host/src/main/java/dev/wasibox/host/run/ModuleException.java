package dev.wasibox.host.run;

/**
 * A module cannot be loaded or linked: malformed or invalid bytes, an import wasibox does not
 * provide, or no {@code _start}. The message is one line meant for a user.
 */
public final class ModuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModuleException(String message) {
    super(message);
  }

  public ModuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
