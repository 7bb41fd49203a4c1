package dev.wasibox.vfs.host;

import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A host directory could not be mounted read-only; the message names the directory and the reason
 * in one line, for the embedding program or the CLI to print.
 */
public final class HostMountException extends IOException {
  private static final long serialVersionUID = 1L;

  HostMountException(Path hostDir, String reason, @Nullable Throwable cause) {
    super("cannot mount " + hostDir + " read-only: " + reason, cause);
  }

  HostMountException(Path hostDir, String reason) {
    this(hostDir, reason, null);
  }
}
