package dev.wasibox.fuzz.gen;

import dev.wasibox.fuzz.model.MDir;
import dev.wasibox.fuzz.model.MFile;
import dev.wasibox.fuzz.model.MLink;
import dev.wasibox.fuzz.model.MNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model tree on a real host directory, for backends over host directories (the read-only host
 * backend, the lower layer of an overlay): planting it with java.nio, and a snapshot of
 * everything a sandbox must never change there (names, types, contents, link targets, inode
 * numbers, modification and change times). Access times are left out: reading a file may update
 * them (relatime) without the sandbox having written anything.
 */
public final class HostTree {
  private HostTree() {}

  /**
   * Creates the children of {@code dir} under {@code base}, recursively; a file the model names
   * twice (a hard link) becomes one host file with two names.
   */
  public static void plant(MDir dir, Path base) throws IOException {
    plant(dir, base, new IdentityHashMap<>());
  }

  /**
   * Removes from the model tree what a host directory cannot hold (symlinks with an empty target,
   * a NUL, or a target of {@code PATH_MAX} bytes or more), so that the model and a tree planted by
   * {@link #plant} agree.
   */
  public static void dropUnplantable(MDir dir) {
    dir.entries.values().removeIf(n -> n instanceof MLink l && !plantable(l.target));
    for (MNode n : dir.entries.values()) {
      if (n instanceof MDir d) {
        dropUnplantable(d);
      }
    }
  }

  /**
   * Makes every file of the model tree have one name: a second name of a file becomes an
   * independent copy. For an overlay's lower layer, where copy-up breaks hard links between lower
   * files (as overlayfs does without its inode index), which the model does not describe.
   */
  public static void splitHardLinks(MDir dir) {
    splitHardLinks(dir, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static void splitHardLinks(MDir dir, java.util.Set<MFile> seen) {
    for (Map.Entry<String, MNode> e : dir.entries.entrySet()) {
      if (e.getValue() instanceof MDir d) {
        splitHardLinks(d, seen);
      } else if (e.getValue() instanceof MFile f && !seen.add(f)) {
        MFile copy = new MFile();
        copy.content = f.content.clone();
        copy.links = 1;
        f.links--;
        e.setValue(copy);
      }
    }
  }

  private static boolean plantable(String target) {
    return !target.isEmpty()
        && target.indexOf('\0') < 0
        && target.getBytes(StandardCharsets.UTF_8).length < 4096;
  }

  /**
   * Creates a symlink with exactly {@code target} as its text. java.nio would normalise it (drop a
   * trailing slash, collapse {@code //}), and those are the texts that matter most, so such
   * targets go through {@code ln -s}.
   */
  private static void symlink(Path link, String target) throws IOException {
    if (link.getFileSystem().getPath(target).toString().equals(target)) {
      Files.createSymbolicLink(link, link.getFileSystem().getPath(target));
      return;
    }
    Process ln = new ProcessBuilder("ln", "-s", "--", target, link.toString()).redirectErrorStream(true).start();
    try {
      String out = new String(ln.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (ln.waitFor() != 0) {
        throw new IOException("ln -s " + target + " " + link + ": " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void plant(MDir dir, Path base, Map<MFile, Path> planted) throws IOException {
    for (Map.Entry<String, MNode> e : dir.entries.entrySet()) {
      Path p = base.resolve(e.getKey());
      MNode n = e.getValue();
      if (n instanceof MDir d) {
        Files.createDirectory(p);
        plant(d, p, planted);
      } else if (n instanceof MFile f) {
        Path first = planted.get(f);
        if (first != null) {
          Files.createLink(p, first);
        } else {
          Files.write(p, f.content);
          planted.put(f, p);
        }
      } else {
        String target = ((MLink) n).target;
        // Linux refuses empty targets and NUL (as FixtureTree.plantOnHost): such links cannot
        // exist on a host; the name is then simply absent.
        if (plantable(target)) {
          symlink(p, target);
        }
      }
    }
  }

  /** One line per entry under {@code base}, sorted, never following a symlink. */
  public static List<String> snapshot(Path base) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : (Iterable<Path>) all.sorted()::iterator) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object ctime = Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        String what;
        if (a.isSymbolicLink()) {
          what = "-> " + Files.readSymbolicLink(p);
        } else if (a.isRegularFile()) {
          what = "= " + HexFormat.of().formatHex(Files.readAllBytes(p));
        } else if (a.isDirectory()) {
          what = "/";
        } else {
          what = "other";
        }
        lines.add(base.relativize(p) + " " + what + " ino=" + a.fileKey() + " mtime=" + a.lastModifiedTime() + " ctime=" + ctime);
      }
    }
    return lines;
  }
}
