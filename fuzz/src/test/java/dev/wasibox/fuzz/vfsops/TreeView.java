package dev.wasibox.fuzz.vfsops;

import dev.wasibox.fuzz.model.MDir;
import dev.wasibox.fuzz.model.MFile;
import dev.wasibox.fuzz.model.MLink;
import dev.wasibox.fuzz.model.MNode;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.SymlinkNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * The visible tree under a directory as lines, one per node, parents first and names sorted, so
 * that the real tree and the model's compare with {@code equals} and print readably:
 *
 * <pre>
 * a/
 * a/f = pq_p nlink=2 #0      content (zero bytes as _), link count, hard-link class
 * l -> ../outside            a symlink and its target
 * </pre>
 *
 * <p>Files that are hard links of each other get the same {@code #k}, numbered by first
 * appearance, so that the real and the model trees agree exactly when the same names share a
 * file. With {@code inodes}, every line also carries the real inode number (used to check that
 * nothing outside the sandbox was replaced, even by an identical copy).
 */
public final class TreeView {
  private TreeView() {}

  /** The real tree under {@code dir}, read through the node SPI. */
  public static List<String> real(DirectoryNode dir, boolean inodes) {
    List<String> out = new ArrayList<>();
    real(dir, "", inodes, new HashMap<>(), out);
    return out;
  }

  private static void real(DirectoryNode dir, String prefix, boolean inodes, Map<Long, Integer> classes, List<String> out) {
    for (DirEntry e : dir.list()) {
      String path = prefix + e.name();
      Node node = dir.lookup(e.name());
      String ino = inodes ? " ino=" + node.stat().ino() : "";
      switch (node.type()) {
        case DIRECTORY -> {
          out.add(path + "/" + ino);
          real((DirectoryNode) node, path + "/", inodes, classes, out);
        }
        case SYMBOLIC_LINK -> out.add(path + " -> " + ((SymlinkNode) node).target() + ino);
        default -> {
          String content;
          try (OpenFile f = ((FileNode) node).open(true, false)) {
            content = RealFs.readAll(f);
          }
          long nlink = node.stat().nlink();
          int cls = classes.computeIfAbsent(node.stat().ino(), k -> classes.size());
          out.add(path + " = " + content + " nlink=" + nlink + " #" + cls + ino);
        }
      }
    }
  }

  /** The model's tree under {@code dir}. */
  public static List<String> model(MDir dir) {
    List<String> out = new ArrayList<>();
    model(dir, "", new HashMap<>(), out);
    return out;
  }

  private static void model(MDir dir, String prefix, Map<Integer, Integer> classes, List<String> out) {
    for (Entry<String, MNode> e : dir.entries.entrySet()) {
      String path = prefix + e.getKey();
      MNode node = e.getValue();
      if (node instanceof MDir d) {
        out.add(path + "/");
        model(d, path + "/", classes, out);
      } else if (node instanceof MLink l) {
        out.add(path + " -> " + l.target);
      } else {
        MFile f = (MFile) node;
        int cls = classes.computeIfAbsent(f.id, k -> classes.size());
        out.add(path + " = " + FsActions.content(f.content) + " nlink=" + f.links + " #" + cls);
      }
    }
  }
}
