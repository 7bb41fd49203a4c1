package dev.wasibox.vfs.overlay;

import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.SymlinkNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * A description of a whole {@link DirectoryNode} tree (names, types, file content, link targets,
 * sizes, link counts and modification times), to show that an overlay never changed its lower
 * layer. Walked with its own stack, through the node SPI only.
 */
public final class LowerSnapshot {
  private LowerSnapshot() {}

  /** Path (relative, {@code /}-joined, {@code .} for the root) to a one-line description. */
  public static Map<String, String> of(DirectoryNode root) {
    Map<String, String> out = new TreeMap<>();
    Deque<Map.Entry<String, DirectoryNode>> pending = new ArrayDeque<>();
    pending.push(Map.entry(".", root));
    while (!pending.isEmpty()) {
      Map.Entry<String, DirectoryNode> top = pending.pop();
      out.put(top.getKey(), describe(top.getValue()));
      for (DirEntry e : top.getValue().list()) {
        String path = top.getKey().equals(".") ? e.name() : top.getKey() + "/" + e.name();
        Node node = top.getValue().lookup(e.name());
        if (node instanceof DirectoryNode) {
          pending.push(Map.entry(path, (DirectoryNode) node));
        } else {
          out.put(path, describe(node));
        }
      }
    }
    return out;
  }

  private static String describe(Node node) {
    FileStat s = node.stat();
    String common = " size=" + s.size() + " nlink=" + s.nlink() + " mtim=" + s.mtimNs();
    switch (node.type()) {
      case DIRECTORY:
        return "dir" + " mtim=" + s.mtimNs();
      case SYMBOLIC_LINK:
        return "link:" + ((SymlinkNode) node).target() + common;
      case REGULAR_FILE:
        try (OpenFile f = ((FileNode) node).open(true, false)) {
          ByteBuffer buf = ByteBuffer.allocate((int) f.size());
          f.read(buf, 0);
          return "file:" + new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8) + common;
        }
      default:
        return node.type() + common;
    }
  }
}
