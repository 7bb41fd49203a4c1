package dev.wasibox.host.cli;

import java.nio.file.Path;

/**
 * A {@code HOST[::GUEST]} flag value ({@code --dir}, {@code --ro-dir}); GUEST defaults to HOST's
 * absolute path, as wasmtime does. {@code ::} separates because a host path may contain {@code :}.
 */
record DirFlag(Path host, String guest) {
  static DirFlag parse(String value) throws UsageException {
    int sep = value.lastIndexOf("::");
    String host = sep < 0 ? value : value.substring(0, sep);
    if (host.isEmpty()) {
      throw new UsageException("empty host directory in '" + value + "'");
    }
    Path hostPath = Path.of(host).toAbsolutePath();
    String guest = sep < 0 ? hostPath.toString() : value.substring(sep + 2);
    if (!guest.startsWith("/")) {
      throw new UsageException("guest path must be absolute in '" + value + "'");
    }
    return new DirFlag(hostPath, guest);
  }
}
