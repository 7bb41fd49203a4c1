package dev.wasibox.host.integration;

import com.google.common.collect.ImmutableList;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small directory tree as data, so that one fixture can be planted on every backend: through
 * the node SPI into a memory volume (the only way to plant absolute or escaping symlinks there),
 * or with java.nio into a real directory that a host-ro or overlay mount then serves.
 */
final class Tree {
  /** What an entry is. */
  enum Kind {
    DIR,
    FILE,
    SYMLINK
  }

  /** One entry; {@code data} is a file's content or a link's target. Parents come first. */
  record Entry(Kind kind, String path, String data) {}

  private final ImmutableList<Entry> entries;

  private Tree(List<Entry> entries) {
    this.entries = ImmutableList.copyOf(entries);
  }

  static Tree of(Entry... entries) {
    return new Tree(List.of(entries));
  }

  static Entry dir(String path) {
    return new Entry(Kind.DIR, path, "");
  }

  static Entry file(String path, String content) {
    return new Entry(Kind.FILE, path, content);
  }

  static Entry link(String path, String target) {
    return new Entry(Kind.SYMLINK, path, target);
  }

  ImmutableList<Entry> entries() {
    return entries;
  }

  /** Plants every entry under {@code root} through the node SPI. */
  void plantWithSpi(DirectoryNode root) {
    for (Entry e : entries) {
      String[] parts = e.path().split("/");
      DirectoryNode parent = root;
      for (int i = 0; i < parts.length - 1; i++) {
        parent = (DirectoryNode) parent.lookup(parts[i]);
      }
      String name = parts[parts.length - 1];
      switch (e.kind()) {
        case DIR -> parent.createDirectory(name);
        case SYMLINK -> parent.createSymlink(name, e.data());
        case FILE -> {
          try (OpenFile f = parent.createFile(name).open(false, true)) {
            f.write(ByteBuffer.wrap(e.data().getBytes(StandardCharsets.UTF_8)), 0);
          }
        }
      }
    }
  }

  /** Plants every entry under the existing host directory {@code root} with java.nio. */
  void plantOnHost(Path root) throws IOException {
    for (Entry e : entries) {
      Path p = root;
      for (String part : e.path().split("/")) {
        p = p.resolve(part);
      }
      switch (e.kind()) {
        case DIR -> Files.createDirectory(p);
        case FILE -> Files.writeString(p, e.data());
        case SYMLINK -> Files.createSymbolicLink(p, p.getFileSystem().getPath(e.data()));
      }
    }
  }
}
