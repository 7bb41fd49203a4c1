package dev.wasibox.vfs;

import dev.wasibox.capabilities.WasiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Describes what an operation did as a short string, so that tables of cases can state the
 * expected result in one column: an errno name ({@code ENOTDIR}), a file's content ({@code
 * file:hello}), a directory's entries ({@code dir:[a,b]}, or {@code dir:ROOT} for the mount root),
 * a symlink's target ({@code link:file}) or {@code ok}.
 */
public final class Outcome {
  private Outcome() {}

  /** Runs {@code op} and describes its result or its errno. */
  public static String of(Supplier<String> op) {
    try {
      return op.get();
    } catch (WasiException e) {
      return e.errno().name();
    }
  }

  /** Runs {@code op} and returns {@code ok} or its errno. */
  public static String ofVoid(Runnable op) {
    return of(
        () -> {
          op.run();
          return "ok";
        });
  }

  /** Describes a node; {@code root} is named {@code dir:ROOT}. */
  public static String describe(Node node, DirectoryNode root) {
    switch (node.type()) {
      case REGULAR_FILE:
        try (OpenFile f = ((FileNode) node).open(true, false)) {
          return "file:" + content(f);
        }
      case DIRECTORY:
        if (node.sameNode(root)) {
          return "dir:ROOT";
        }
        return "dir:"
            + ((DirectoryNode) node)
                .list().stream().map(DirEntry::name).collect(Collectors.joining(",", "[", "]"));
      case SYMBOLIC_LINK:
        return "link:" + ((SymlinkNode) node).target();
      default:
        return "other:" + node.type();
    }
  }

  /** The whole content of an open file as UTF-8. */
  public static String content(OpenFile f) {
    ByteBuffer buf = ByteBuffer.allocate((int) f.size());
    f.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }
}
