package dev.wasibox.vfs.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The host tree the host-ro tests mount, planted with java.nio in a temporary directory; only
 * {@code sandbox/} is mounted, {@code outside/} is its sibling and must stay unreachable.
 *
 * <pre>
 * base/
 *   outside/
 *     secret.txt = "HOST-SECRET"
 *     dir/secret.txt = "HOST-SECRET"
 *   sandbox/                        (the mount root)
 *     file = "hello"
 *     dir/
 *       nested/file = "nested"
 *       link1 -> "evil/"            GHSA-vqjp: a trailing slash in a target
 *       evil -> "../../outside"
 *     a/
 *       b/                          (empty)
 *       up -> ".."                  back to the root (legal)
 *     abs -> "&lt;base&gt;/outside/secret.txt"
 *     rel -> "../outside/secret.txt"
 *     dirlink -> "../outside"
 *     inside -> "file"
 *     chain -> "inside"
 *     todir -> "dir/"
 *     up -> ".."
 *     loop -> "loop"
 *     dangling -> "missing"
 *     pair1 = "pair", pair2         (hard links of one file)
 *     fifo                          (mkfifo)
 * </pre>
 */
final class HostFixture {
  static final String SECRET = "HOST-SECRET";

  private HostFixture() {}

  /** Plants the tree under {@code base} and returns {@code base/sandbox}. */
  static Path plant(Path base) throws IOException {
    Path outside = Files.createDirectory(base.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), SECRET);
    Files.createDirectory(outside.resolve("dir"));
    Files.writeString(outside.resolve("dir/secret.txt"), SECRET);
    Path s = Files.createDirectory(base.resolve("sandbox"));
    Files.writeString(s.resolve("file"), "hello");
    Files.createDirectories(s.resolve("dir/nested"));
    Files.writeString(s.resolve("dir/nested/file"), "nested");
    link(s, "dir/evil", "../../outside");
    Files.createDirectories(s.resolve("a/b"));
    link(s, "a/up", "..");
    link(s, "abs", outside.resolve("secret.txt").toAbsolutePath().toString());
    link(s, "rel", "../outside/secret.txt");
    link(s, "dirlink", "../outside");
    link(s, "inside", "file");
    link(s, "chain", "inside");
    link(s, "up", "..");
    link(s, "loop", "loop");
    link(s, "dangling", "missing");
    Files.writeString(s.resolve("pair1"), "pair");
    Files.createLink(s.resolve("pair2"), s.resolve("pair1"));
    // What java.nio cannot plant, in one process: link texts it would normalise, and a FIFO.
    run(
        List.of(
            "sh", "-c", "ln -s evil/ dir/link1 && ln -s dir/ todir && mkfifo fifo", "sh"),
        s);
    return s;
  }

  /**
   * Plants symlink {@code name} with exactly the text {@code target}. java.nio normalises a
   * target given as a Path ({@code "evil/"} would become {@code "evil"}), so such texts are planted
   * with {@code ln -s}.
   */
  static void link(Path dir, String name, String target) throws IOException {
    Path targetPath = dir.getFileSystem().getPath(target);
    if (targetPath.toString().equals(target)) {
      Files.createSymbolicLink(dir.resolve(name), targetPath);
    } else {
      run(List.of("ln", "-s", target, dir.resolve(name).toString()));
    }
    if (!Files.readSymbolicLink(dir.resolve(name)).toString().equals(target)) {
      throw new IOException("could not plant " + name + " -> " + target);
    }
  }

  /** Runs a host command (for what java.nio cannot create: FIFOs, non-UTF-8 link text). */
  static void run(List<String> command) throws IOException {
    run(command, null);
  }

  /** Runs a host command in directory {@code dir} (the current one if null). */
  static void run(List<String> command, Path dir) throws IOException {
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir == null ? null : dir.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException(command + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** How many of this process's file descriptors refer to something under {@code dir}. */
  static int openFdsUnder(Path dir) throws IOException {
    String prefix = dir.toRealPath().toString();
    int count = 0;
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.equals(prefix) || target.startsWith(prefix + "/")) {
            count++;
          }
        } catch (IOException e) {
          // The fd closed while we looked (the listing's own fd, for one).
        }
      }
    }
    return count;
  }
}
