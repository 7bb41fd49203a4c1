package dev.wasibox.host.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** A bad command line or input file: reported as one line, exit status {@link ExitCodes#USAGE}. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  /** {@code action} failed with {@code e}: "cannot open /x/y: no such file or directory". */
  static UsageException io(String action, IOException e) {
    String what;
    if (e instanceof NoSuchFileException f) {
      what = f.getFile() + ": no such file or directory";
    } else if (e instanceof AccessDeniedException f) {
      what = f.getFile() + ": permission denied";
    } else if (e instanceof FileSystemException f && f.getFile() != null) {
      what = f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
    } else {
      what = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
    int nl = what.indexOf('\n');
    return new UsageException(action + " " + (nl < 0 ? what : what.substring(0, nl)));
  }
}
