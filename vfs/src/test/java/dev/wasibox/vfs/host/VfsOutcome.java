package dev.wasibox.vfs.host;

import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.Opened;
import dev.wasibox.vfs.Vfs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Describes what a VFS operation did as one short string, so that tables can state the expected
 * result in one column: an errno name, {@code file:<content>}, {@code dir:[a,b]} ({@code dir:ROOT}
 * for the mount root), or {@code ok}.
 */
final class VfsOutcome {
  private VfsOutcome() {}

  static String of(Supplier<String> op) {
    try {
      return op.get();
    } catch (WasiException e) {
      return e.errno().name();
    }
  }

  static String ofVoid(Runnable op) {
    return of(
        () -> {
          op.run();
          return "ok";
        });
  }

  /** Opens {@code path} read-only as the host's {@code path_open} would, and describes it. */
  static String open(Vfs vfs, DirectoryNode root, String path, boolean follow) {
    return of(
        () -> {
          Opened o = vfs.open(root, vfs.parse(path), follow, OpenFlags.NONE, true, false);
          if (o.file() != null) {
            try (OpenFile f = o.file()) {
              return "file:" + content(f);
            }
          }
          DirectoryNode d = o.directory();
          return d.sameNode(root) ? "dir:ROOT" : "dir:" + names(d.list());
        });
  }

  static String names(List<DirEntry> entries) {
    return entries.stream().map(DirEntry::name).collect(Collectors.joining(",", "[", "]"));
  }

  /** The whole content of an open file, as UTF-8. */
  static String content(OpenFile f) {
    ByteBuffer buf = ByteBuffer.allocate((int) f.size());
    f.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }
}
