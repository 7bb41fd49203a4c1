package dev.wasibox.host.integration;

import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.SymlinkNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A listing of a VFS tree as the host sees it after a run, read through the node SPI (no
 * resolver, no guest): one line per entry, pre-order, sorted by name, never following links.
 *
 * <pre>
 * d docs
 * f docs/a.txt "alpha"
 * l link -> hello.txt
 * </pre>
 */
final class VfsTree {
  private VfsTree() {}

  /** The listing of everything under {@code root} (the root itself not listed). */
  static String dump(DirectoryNode root) {
    StringBuilder out = new StringBuilder();
    walk(root, "", out);
    return out.toString();
  }

  private static void walk(DirectoryNode dir, String prefix, StringBuilder out) {
    for (DirEntry e : dir.list()) {
      String rel = prefix + e.name();
      Node node = dir.lookup(e.name());
      switch (node.type()) {
        case DIRECTORY -> {
          out.append("d ").append(rel).append('\n');
          walk((DirectoryNode) node, rel + "/", out);
        }
        case REGULAR_FILE ->
            out.append("f ").append(rel).append(' ').append(quoted(read((FileNode) node))).append('\n');
        case SYMBOLIC_LINK ->
            out.append("l ").append(rel).append(" -> ").append(((SymlinkNode) node).target()).append('\n');
        default -> out.append("? ").append(rel).append('\n');
      }
    }
  }

  /** The whole content of {@code file}. */
  static byte[] read(FileNode file) {
    try (OpenFile f = file.open(true, false)) {
      ByteBuffer buf = ByteBuffer.allocate((int) f.size());
      while (buf.hasRemaining() && f.read(buf, buf.position()) > 0) {
        // read until full
      }
      return buf.array();
    }
  }

  /** {@code bytes} in double quotes, C-escaped as the guests print them. */
  static String quoted(byte[] bytes) {
    StringBuilder s = new StringBuilder("\"");
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (c == '"' || c == '\\') {
        s.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        s.append((char) c);
      } else {
        s.append(String.format("\\x%02x", c));
      }
    }
    return s.append('"').toString();
  }

  static String quoted(String text) {
    return quoted(text.getBytes(StandardCharsets.UTF_8));
  }
}
