package dev.wasibox.host.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code HOST[::GUEST]} flag value ({@code --dir}, {@code --ro-dir}); GUEST defaults to HOST's
 * absolute path, as wasmtime does. {@code ::} separates because a host path may contain {@code :}.
 *
 * <p>The default GUEST is HOST made absolute with its {@code .} components dropped ({@code --dir
 * ./data} is {@code /cwd/data}); a HOST holding {@code ..} must name its GUEST, because folding
 * {@code ..} by hand could name a different directory than the OS opens (symlinks).
 */
record DirFlag(Path host, String guest) {
  static DirFlag parse(String value) throws UsageException {
    int sep = value.lastIndexOf("::");
    String host = sep < 0 ? value : value.substring(0, sep);
    if (host.isEmpty()) {
      throw new UsageException("empty host directory");
    }
    Path hostPath = Path.of(host).toAbsolutePath();
    String guest = sep < 0 ? defaultGuest(hostPath) : value.substring(sep + 2);
    if (!guest.startsWith("/")) {
      throw new UsageException("guest path must be absolute");
    }
    return new DirFlag(hostPath, guest);
  }

  private static String defaultGuest(Path hostPath) throws UsageException {
    List<String> names = new ArrayList<>();
    for (Path name : hostPath) {
      String n = name.toString();
      if (n.equals("..")) {
        throw new UsageException("HOST holds '..': name the guest path too (HOST::GUEST)");
      }
      if (!n.equals(".")) {
        names.add(n);
      }
    }
    return "/" + String.join("/", names);
  }
}
