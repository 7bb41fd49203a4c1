package dev.wasibox.fuzz.gen;

import dev.wasibox.fuzz.model.MDir;
import dev.wasibox.fuzz.model.MFile;
import dev.wasibox.fuzz.model.MLink;
import dev.wasibox.fuzz.model.MNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
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

  /** Creates the children of {@code dir} under {@code base}, recursively. */
  public static void plant(MDir dir, Path base) throws IOException {
    for (Map.Entry<String, MNode> e : dir.entries.entrySet()) {
      Path p = base.resolve(e.getKey());
      MNode n = e.getValue();
      if (n instanceof MDir d) {
        Files.createDirectory(p);
        plant(d, p);
      } else if (n instanceof MFile f) {
        Files.write(p, f.content);
      } else {
        String target = ((MLink) n).target;
        // Linux refuses empty targets and NUL (as FixtureTree.plantOnHost): such links cannot
        // exist on a host; the name is then simply absent.
        if (!target.isEmpty() && target.indexOf('\0') < 0) {
          Files.createSymbolicLink(p, p.getFileSystem().getPath(target));
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
