package dev.wasibox.host.cli;

/** A bad command line or input file: reported as one line, exit status {@link ExitCodes#USAGE}. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
