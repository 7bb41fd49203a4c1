package dev.wasibox.vfs.host;

import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link FileStat} from host attributes read race-free through a directory handle.
 *
 * <p>A {@link java.nio.file.SecureDirectoryStream} only offers the basic and POSIX views, which
 * have no link count and no change time. Those two are read by host path ({@code unix:nlink},
 * {@code unix:ctime}) and used only when the same {@code lstat} reports the file key the handle
 * saw, so they can only ever describe this file; otherwise (the mount root was moved, the entry
 * swapped, no unix view) nlink is reported as 1 and ctime as mtime.
 */
final class HostStats {
  private static final String UNIX_EXTRAS = "unix:nlink,ctime,fileKey";

  private HostStats() {}

  /** The preview1 type of host attributes; FIFOs, sockets and devices are {@code UNKNOWN}. */
  static FileType typeOf(BasicFileAttributes a) {
    if (a.isDirectory()) {
      return FileType.DIRECTORY;
    }
    if (a.isSymbolicLink()) {
      return FileType.SYMBOLIC_LINK;
    }
    if (a.isRegularFile()) {
      return FileType.REGULAR_FILE;
    }
    return FileType.UNKNOWN;
  }

  /**
   * The stat of a node of {@code volume} with attributes {@code a}, enriched from {@code hostPath}
   * when that path provably reaches the same file ({@code followPath} only for the mount root,
   * whose path the host may have given through a symlink).
   */
  static FileStat of(
      HostReadOnlyVolume volume, BasicFileAttributes a, Path hostPath, boolean followPath) {
    long mtim = nanos(a.lastModifiedTime());
    long nlink = 1;
    long ctim = mtim;
    Map<String, Object> extras = verifiedExtras(hostPath, followPath, a.fileKey());
    if (extras != null
        && extras.get("nlink") instanceof Integer
        && extras.get("ctime") instanceof FileTime) {
      nlink = (Integer) extras.get("nlink");
      ctim = nanos((FileTime) extras.get("ctime"));
    }
    return new FileStat(
        volume.deviceId(),
        volume.inodeOf(a.fileKey()),
        typeOf(a),
        nlink,
        a.size(),
        nanos(a.lastAccessTime()),
        mtim,
        ctim);
  }

  /** With the size replaced (an open file's live size, from {@code fstat} on its channel). */
  static FileStat withSize(FileStat s, long size) {
    return new FileStat(
        s.dev(), s.ino(), s.type(), s.nlink(), size, s.atimNs(), s.mtimNs(), s.ctimNs());
  }

  private static @Nullable Map<String, Object> verifiedExtras(
      Path hostPath, boolean follow, @Nullable Object expectedKey) {
    if (expectedKey == null) {
      return null;
    }
    try {
      Map<String, Object> m =
          follow
              ? Files.readAttributes(hostPath, UNIX_EXTRAS)
              : Files.readAttributes(hostPath, UNIX_EXTRAS, LinkOption.NOFOLLOW_LINKS);
      return expectedKey.equals(m.get("fileKey")) ? m : null;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private static long nanos(FileTime t) {
    return t.to(TimeUnit.NANOSECONDS);
  }
}
