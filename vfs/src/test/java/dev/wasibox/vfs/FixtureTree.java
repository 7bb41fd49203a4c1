package dev.wasibox.vfs;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tree every backend conformance test starts from, as data, so that each backend can plant
 * it its own way: through the node SPI (memory), or with java.nio on a real directory (host-ro,
 * the lower layer of an overlay). Only {@code sandbox/} is mounted; {@code outside/} is its
 * sibling and must stay unreachable.
 *
 * <pre>
 * outside/
 *   secret.txt = "HOST-SECRET"
 *   dir/
 * sandbox/                       (the mount root: the guest's fd)
 *   file = "hello"
 *   dir/
 *     nested/
 *       file = "nested"
 *     link1 -> "evil/"           GHSA-vqjp: a trailing slash in a target
 *     evil -> "../../outside"
 *   a/
 *     up -> ".."                 back to the sandbox root (legal)
 *     b/
 *       c -> ".."                a
 *       d -> "../.."             the sandbox root
 *       e -> "../../.."          escapes
 *   sym_file -> "file"
 *   sym_dir -> "dir"
 *   chain2 -> "sym_file"
 *   abs -> "/etc/passwd"         planted absolute targets
 *   absroot -> "/"
 *   rel_out -> "../outside/secret.txt"
 *   esc -> "../outside"
 *   esc2 -> "esc"
 *   up -> ".."
 *   loop -> "loop"
 *   ma -> "mb", mb -> "ma"
 *   dangling -> "newfile"
 *   dangling_out -> "../outside/pwned"
 *   empty_target -> ""
 *   to_dir_slash -> "dir/"
 *   to_file_slash -> "file/"
 *   s0 -> s1 -> ... -> s39 -> "file"   (40 links: 40 expansions reach the file)
 *   t0 -> t1 -> ... -> t40 -> "file"   (41 links: the 41st expansion is ELOOP)
 *   k0 -> "k1/k1/k1/k1" ... k9 -> "."          (fan-out bomb)
 * </pre>
 */
public final class FixtureTree {
  /** One entry, planted in order. */
  public record Entry(Kind kind, String path, String data) {}

  /** What an entry is. */
  public enum Kind {
    DIR,
    FILE,
    SYMLINK
  }

  public static final String SECRET = "HOST-SECRET";

  private FixtureTree() {}

  /** The entries of the tree, parents before children, paths relative to the volume's parent. */
  public static List<Entry> entries() {
    ImmutableList.Builder<Entry> b = ImmutableList.builder();
    b.add(dir("outside"), file("outside/secret.txt", SECRET), dir("outside/dir"));
    b.add(dir("sandbox"), file("sandbox/file", "hello"));
    b.add(dir("sandbox/dir"), dir("sandbox/dir/nested"), file("sandbox/dir/nested/file", "nested"));
    b.add(link("sandbox/dir/link1", "evil/"), link("sandbox/dir/evil", "../../outside"));
    b.add(dir("sandbox/a"), link("sandbox/a/up", ".."), dir("sandbox/a/b"));
    b.add(link("sandbox/a/b/c", ".."), link("sandbox/a/b/d", "../.."));
    b.add(link("sandbox/a/b/e", "../../.."));
    b.add(link("sandbox/sym_file", "file"), link("sandbox/sym_dir", "dir"));
    b.add(link("sandbox/chain2", "sym_file"));
    b.add(link("sandbox/abs", "/etc/passwd"), link("sandbox/absroot", "/"));
    b.add(link("sandbox/rel_out", "../outside/secret.txt"), link("sandbox/esc", "../outside"));
    b.add(link("sandbox/esc2", "esc"), link("sandbox/up", ".."), link("sandbox/loop", "loop"));
    b.add(link("sandbox/ma", "mb"), link("sandbox/mb", "ma"));
    b.add(link("sandbox/dangling", "newfile"), link("sandbox/dangling_out", "../outside/pwned"));
    b.add(link("sandbox/empty_target", ""));
    b.add(link("sandbox/to_dir_slash", "dir/"), link("sandbox/to_file_slash", "file/"));
    for (int i = 0; i < 39; i++) {
      b.add(link("sandbox/s" + i, "s" + (i + 1)));
    }
    b.add(link("sandbox/s39", "file"));
    for (int i = 0; i < 40; i++) {
      b.add(link("sandbox/t" + i, "t" + (i + 1)));
    }
    b.add(link("sandbox/t40", "file"));
    for (int i = 0; i < 9; i++) {
      String k = "k" + (i + 1);
      b.add(link("sandbox/k" + i, k + "/" + k + "/" + k + "/" + k));
    }
    b.add(link("sandbox/k9", "."));
    return b.build();
  }

  private static Entry dir(String path) {
    return new Entry(Kind.DIR, path, "");
  }

  private static Entry file(String path, String content) {
    return new Entry(Kind.FILE, path, content);
  }

  private static Entry link(String path, String target) {
    return new Entry(Kind.SYMLINK, path, target);
  }

  /**
   * Plants the tree through the node SPI under {@code volumeRoot} and returns the {@code sandbox}
   * directory. Used for memory volumes, where absolute and escaping targets can only be planted
   * this way (the guest-facing {@link Vfs#symlink} refuses absolute ones).
   */
  public static DirectoryNode plantWithSpi(DirectoryNode volumeRoot) {
    for (Entry e : entries()) {
      List<String> parts = List.of(e.path().split("/"));
      DirectoryNode parent = volumeRoot;
      for (String p : parts.subList(0, parts.size() - 1)) {
        parent = (DirectoryNode) parent.lookup(p);
      }
      String name = parts.get(parts.size() - 1);
      switch (e.kind()) {
        case DIR -> parent.createDirectory(name);
        case SYMLINK -> parent.createSymlink(name, e.data());
        case FILE -> {
          try (OpenFile f = parent.createFile(name).open(false, true)) {
            f.write(java.nio.ByteBuffer.wrap(e.data().getBytes(StandardCharsets.UTF_8)), 0);
          }
        }
      }
    }
    return (DirectoryNode) volumeRoot.lookup("sandbox");
  }

  /** Plants the tree with java.nio under the real directory {@code base}; returns {@code base/sandbox}. */
  public static Path plantOnHost(Path base) throws IOException {
    for (Entry e : entries()) {
      Path p = base;
      for (String part : e.path().split("/")) {
        p = p.resolve(part);
      }
      switch (e.kind()) {
        case DIR -> Files.createDirectory(p);
        case FILE -> Files.writeString(p, e.data());
        case SYMLINK -> plantLink(p, e.data());
      }
    }
    return base.resolve("sandbox");
  }

  private static void plantLink(Path link, String target) throws IOException {
    if (target.isEmpty()) {
      // Linux refuses to create a symlink with an empty target; such a link cannot exist on a
      // host, and resolving its name then fails with ENOENT either way.
      return;
    }
    if (!target.endsWith("/")) {
      Files.createSymbolicLink(link, link.getFileSystem().getPath(target));
      return;
    }
    // java.nio normalises a target's trailing slash away ("evil/" becomes "evil"), and the
    // trailing slash is what GHSA-vqjp is about: plant such links with ln(1).
    try {
      Process p = new ProcessBuilder("ln", "-s", target, link.toString()).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IOException("ln -s " + target + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
