package dev.wasibox.capabilities.policy;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the host paths of a policy (mount sources, export targets, stdio files) absolute.
 *
 * <p>These paths are written by the operator, not the guest, and name places on the host; they
 * never pass through the guest's resolver. A relative path is joined to a base directory (the
 * policy file's directory, or the working directory for Java callers) and {@code .} components
 * are dropped. {@code ..} is kept as written: folding it lexically would be wrong across symlinks,
 * and the OS interprets it correctly when the runtime opens the path.
 */
final class HostPaths {
  private HostPaths() {}

  /**
   * {@code raw} as an absolute path, relative ones taken from {@code baseDir}.
   *
   * @throws IllegalArgumentException if {@code raw} is empty or not a valid host path
   */
  static Path absolute(Path baseDir, String raw) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("host path is empty");
    }
    Path path;
    try {
      path = Path.of(raw);
      if (!path.isAbsolute()) {
        // Path.of(first, more...) is the join. This is an operator's host path: the rule that
        // keeps path joining inside the vfs resolver is about guest paths.
        path = Path.of(baseDir.toAbsolutePath().toString(), raw);
      }
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid host path: " + e.getMessage());
    }
    return withoutDots(path);
  }

  /** {@code path} made absolute against the working directory, without {@code .} components. */
  static Path absolute(Path path) {
    return withoutDots(path.toAbsolutePath());
  }

  private static Path withoutDots(Path absolute) {
    List<String> names = new ArrayList<>();
    for (Path name : absolute) {
      if (!name.toString().equals(".")) {
        names.add(name.toString());
      }
    }
    Path root = absolute.getRoot();
    return names.isEmpty() ? root : Path.of(root.toString(), names.toArray(new String[0]));
  }
}
