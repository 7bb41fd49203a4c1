package dev.wasibox.host.export;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Names;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.SymlinkNode;
import dev.wasibox.vfs.overlay.Change;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Copies a guest directory tree to the host, after the guest has stopped.
 *
 * <p>The tree is walked through the node SPI (symlinks are never followed) and measured first:
 * over {@code maxBytes} of file content, nothing is written. The host target must not exist or be
 * an empty directory (not a symlink); every entry is created with {@code CREATE_NEW} and {@code
 * NOFOLLOW_LINKS}, so an export never writes through a link or over an existing file. Guest
 * symlinks are re-created as symlinks with their target text, or refused, as the caller says.
 * Guest names that are not portable host names ({@code /}, NUL; on Windows, {@code \} and {@code
 * :}) are refused, and so is a path the host cannot hold: longer, with the target's absolute path
 * in front, than Linux's {@code PATH_MAX} of {@value #HOST_PATH_MAX} bytes (a guest can nest
 * directories as deep as its inode quota allows). The tree is walked with an explicit stack and
 * refused at the first such path, before anything is written.
 */
public final class Exporter {
  /** What to do with a symlink in the guest tree. */
  public enum Symlinks {
    /** Create a host symlink with the same target text (never followed on the host). */
    COPY,
    /** Refuse the whole export. */
    REFUSE
  }

  /** Linux's {@code PATH_MAX}: the bytes of a host path, its terminating NUL included. */
  public static final int HOST_PATH_MAX = 4096;

  private final long maxBytes;
  private final Symlinks symlinks;

  public Exporter(long maxBytes, Symlinks symlinks) {
    checkArgument(maxBytes >= 0, "maxBytes must be >= 0");
    this.maxBytes = maxBytes;
    this.symlinks = checkNotNull(symlinks);
  }

  /**
   * What an export wrote.
   *
   * @param deleted paths (relative to the export) that the guest removed from an overlay's lower
   *     layer; empty for a memory mount
   */
  public record Summary(int files, int directories, int symlinks, long bytes, List<String> deleted) {
    public Summary {
      deleted = List.copyOf(deleted);
    }
  }

  /**
   * Copies the contents of {@code source} (a memory mount, or a directory in one) into {@code
   * target}.
   *
   * @throws ExportException target not new or empty, over the size limit, a refused symlink, an
   *     unportable name, or a host I/O error (nothing is written in the first four cases)
   */
  public Summary export(DirectoryNode source, Path target) throws ExportException {
    List<Item> items = new ArrayList<>();
    long bytes = collect(source, maxRelativeBytes(target), items);
    return write(items, bytes, List.of(), target);
  }

  /**
   * Copies what a guest changed in {@code overlay} into {@code target}: every added or modified
   * file, symlink and directory under {@code prefix} (a path from the overlay root, empty for all
   * of it), with its parents; deletions are returned in the summary, not written. The overlay is
   * walked no deeper than a path the host could hold.
   *
   * @throws ExportException as {@link #export}
   */
  public Summary exportChanges(OverlayVolume overlay, List<String> prefix, Path target)
      throws ExportException {
    int maxRelative = maxRelativeBytes(target);
    // A path of k components has at least 2k - 1 bytes.
    int maxDepth = prefix.size() + (maxRelative + 1) / 2;
    List<Change> changes;
    try {
      changes = overlay.changes(maxDepth);
    } catch (WasiException e) {
      throw new ExportException(
          "a guest path is more than " + maxDepth + " levels deep: below the export target the host cannot hold it");
    }
    return exportChanges(changes, prefix, maxRelative, target);
  }

  private Summary exportChanges(
      List<Change> changes, List<String> prefix, int maxRelative, Path target)
      throws ExportException {
    List<Item> items = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    long bytes = 0;
    for (Change c : changes) {
      // One copy of the names per change: a change's path may be as deep as the guest made it.
      String[] names = c.names().toArray(new String[0]);
      if (names.length <= prefix.size() || !Arrays.asList(names).subList(0, prefix.size()).equals(prefix)) {
        continue;
      }
      List<String> rel = Arrays.asList(names).subList(prefix.size(), names.length);
      for (String name : rel) {
        checkPortable(name);
      }
      if (c.kind() == Change.Kind.DELETED) {
        deleted.add(String.join("/", rel));
        continue;
      }
      long length = -1;
      for (String name : rel) {
        length += 1 + name.getBytes(StandardCharsets.UTF_8).length;
        if (length > maxRelative) {
          throw tooLong(String.join("/", rel.subList(0, Math.min(rel.size(), 32))), maxRelative);
        }
      }
      String relative = String.join("/", rel);
      Node node = c.node();
      if (node.type() == FileType.SYMBOLIC_LINK && symlinks == Symlinks.REFUSE) {
        throw new ExportException("guest symlink " + relative + " refused (symlinks = refuse)");
      }
      if (node.type() == FileType.REGULAR_FILE) {
        bytes += node.stat().size();
      }
      items.add(new Item(relative, node));
      if (bytes > maxBytes) {
        throw new ExportException("export is over its limit of " + maxBytes + " bytes");
      }
    }
    return write(items, bytes, deleted, target);
  }

  private Summary write(List<Item> items, long bytes, List<String> deleted, Path target)
      throws ExportException {
    if (bytes > maxBytes) {
      throw new ExportException("export of " + bytes + " bytes is over its limit of " + maxBytes);
    }
    prepareTarget(target);
    int files = 0;
    int dirs = 0;
    int links = 0;
    for (Item item : items) {
      Path host = target.resolve(item.relative());
      try {
        // Parents that only exist in an overlay's lower layer are created as needed; an export
        // target is new or was empty, so nothing there is a link.
        Files.createDirectories(host.getParent());
        switch (item.node().type()) {
          case DIRECTORY -> {
            if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
              Files.createDirectory(host);
            }
            dirs++;
          }
          case SYMBOLIC_LINK -> {
            Files.createSymbolicLink(host, host.getFileSystem().getPath(((SymlinkNode) item.node()).target()));
            links++;
          }
          default -> {
            copyFile((FileNode) item.node(), host);
            files++;
          }
        }
      } catch (IOException e) {
        throw new ExportException("cannot write " + host + ": " + e.getMessage(), e);
      }
    }
    return new Summary(files, dirs, links, bytes, deleted);
  }

  private record Item(String relative, Node node) {}

  /** A directory still to be listed, and its path below the export's root ("" for the root). */
  private record Pending(DirectoryNode dir, String relative) {}

  /**
   * Lists everything under {@code root} into {@code out}, depth first (a directory before its
   * entries), and returns the bytes of file content; refuses as the class says.
   */
  private long collect(DirectoryNode root, int maxRelative, List<Item> out) throws ExportException {
    long bytes = 0;
    Deque<Pending> stack = new ArrayDeque<>();
    stack.push(new Pending(root, ""));
    while (!stack.isEmpty()) {
      Pending p = stack.pop();
      List<Pending> subdirectories = new ArrayList<>();
      for (DirEntry e : p.dir().list()) {
        checkPortable(e.name());
        String relative = p.relative().isEmpty() ? e.name() : p.relative() + "/" + e.name();
        if (relative.getBytes(StandardCharsets.UTF_8).length > maxRelative) {
          throw tooLong(relative, maxRelative);
        }
        Node node = p.dir().lookup(e.name());
        if (node == null) {
          continue;
        }
        switch (node.type()) {
          case DIRECTORY -> {
            out.add(new Item(relative, node));
            subdirectories.add(new Pending((DirectoryNode) node, relative));
          }
          case SYMBOLIC_LINK -> {
            if (symlinks == Symlinks.REFUSE) {
              throw new ExportException("guest symlink " + relative + " refused (symlinks = refuse)");
            }
            out.add(new Item(relative, node));
          }
          case REGULAR_FILE -> {
            out.add(new Item(relative, node));
            bytes += node.stat().size();
          }
          default -> throw new ExportException("cannot export " + relative + ": not a file, directory or symlink");
        }
        if (bytes > maxBytes) {
          throw new ExportException("export is over its limit of " + maxBytes + " bytes");
        }
      }
      for (int i = subdirectories.size() - 1; i >= 0; i--) {
        stack.push(subdirectories.get(i));
      }
    }
    return bytes;
  }

  /** How long a path below {@code target} can be for the host to hold it. */
  private static int maxRelativeBytes(Path target) {
    int targetBytes = target.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
    return HOST_PATH_MAX - 1 - targetBytes - 1;
  }

  private static ExportException tooLong(String relative, int maxRelative) {
    String shown = relative.length() > 64 ? relative.substring(0, 64) + "..." : relative;
    return new ExportException(
        "guest path " + shown + " is longer than " + maxRelative
            + " bytes: below the export target the host cannot hold it");
  }

  private static void checkPortable(String name) throws ExportException {
    boolean windows = FileSystems.getDefault().getSeparator().equals("\\");
    try {
      Names.checkSingle(name);
    } catch (WasiException e) {
      throw new ExportException("guest name '" + name + "' cannot be a host file name");
    }
    if (windows && (name.contains("\\") || name.contains(":"))) {
      throw new ExportException("guest name '" + name + "' cannot be a host file name");
    }
  }

  private static void prepareTarget(Path target) throws ExportException {
    try {
      if (Files.isSymbolicLink(target)) {
        throw new ExportException("export target " + target + " is a symlink");
      }
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(target);
        return;
      }
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new ExportException("export target " + target + " is not a directory");
      }
      try (DirectoryStream<Path> s = Files.newDirectoryStream(target)) {
        if (s.iterator().hasNext()) {
          throw new ExportException("export target " + target + " is not empty");
        }
      }
    } catch (IOException e) {
      throw new ExportException("cannot prepare " + target + ": " + e.getMessage(), e);
    }
  }

  private static void copyFile(FileNode file, Path host) throws IOException {
    try (OpenFile in = file.open(true, false);
        OutputStream out =
            Files.newOutputStream(host, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      long at = 0;
      while (true) {
        buf.clear();
        int n = in.read(buf, at);
        if (n <= 0) {
          break;
        }
        out.write(buf.array(), 0, n);
        at += n;
      }
    }
  }
}
