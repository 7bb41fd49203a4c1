package dev.wasibox.vfs.host;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.ErrnoMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The I/O this package performs through a {@link SecureDirectoryStream}: always one name relative
 * to an open directory, never following a link, never with an option that could write.
 *
 * <p>OpenJDK implements these as {@code fstatat(dfd, name, AT_SYMLINK_NOFOLLOW)}, {@code
 * fstat(dfd)} and {@code openat(dfd, name, O_RDONLY | O_NOFOLLOW)}.
 */
final class HostIo {
  /** The only open options this backend ever passes to NIO. */
  static final Set<OpenOption> READ_NOFOLLOW =
      Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** Opens tried while the entry keeps showing the expected file between failures. */
  static final int OPEN_ATTEMPTS = 3;

  private HostIo() {}

  /** The attributes of entry {@code name} itself (a symlink is not followed), or null if absent. */
  static @Nullable BasicFileAttributes lstatOrNull(SecureDirectoryStream<Path> dir, Path name)
      throws IOException {
    try {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The attributes of the open directory itself ({@code fstat}): its true identity. */
  static BasicFileAttributes fstat(SecureDirectoryStream<Path> dir) throws IOException {
    return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
  }

  /**
   * Opens directory {@code name} of {@code dir} as a new handle, and keeps it only if it is the
   * directory with file key {@code expectedKey} (checked with {@code fstat} on the new handle,
   * which cannot race).
   *
   * @throws WasiException {@code ENOENT} the name is gone or now names something else (a symlink
   *     swapped in is never followed: {@code O_NOFOLLOW} fails); {@code EACCES}; {@code EIO}
   */
  static SecureDirectoryStream<Path> openDirectory(
      SecureDirectoryStream<Path> dir, Path name, Object expectedKey) {
    SecureDirectoryStream<Path> child = null;
    for (int attempt = 1; child == null; attempt++) {
      try {
        child = dir.newDirectoryStream(name, NOFOLLOW);
      } catch (IOException e) {
        failedOpen(dir, name, expectedKey, e, attempt);
      }
    }
    try {
      BasicFileAttributes actual = fstat(child);
      if (!actual.isDirectory() || !expectedKey.equals(actual.fileKey())) {
        closeQuietly(child);
        throw new WasiException(Errno.ENOENT, "directory was replaced on the host");
      }
      return child;
    } catch (IOException e) {
      closeQuietly(child);
      throw ErrnoMapper.toWasi(e);
    }
  }

  /**
   * Opens regular file {@code name} of {@code dir} for reading, and keeps it only if the name
   * still shows the file with key {@code expectedKey} afterwards. Pure Java has no {@code fstat}
   * on a channel, so a swap that is undone before the re-check goes unnoticed; what is opened is
   * in any case an entry of {@code dir} that was not a symlink.
   *
   * @throws WasiException {@code ENOENT} the file is gone or was replaced; {@code EACCES}; {@code
   *     EIO}
   */
  static FileChannel openReadChannel(
      SecureDirectoryStream<Path> dir, Path name, Object expectedKey) {
    SeekableByteChannel opened = null;
    for (int attempt = 1; opened == null; attempt++) {
      try {
        opened = dir.newByteChannel(name, READ_NOFOLLOW);
      } catch (IOException e) {
        failedOpen(dir, name, expectedKey, e, attempt);
      }
    }
    try {
      BasicFileAttributes after = lstatOrNull(dir, name);
      if (after == null || !after.isRegularFile() || !expectedKey.equals(after.fileKey())) {
        throw new WasiException(Errno.ENOENT, "file was replaced on the host");
      }
      if (!(opened instanceof FileChannel)) {
        throw new WasiException(Errno.EIO, "host channel has no positional reads");
      }
      return (FileChannel) opened;
    } catch (IOException e) {
      closeQuietly(opened);
      throw ErrnoMapper.toWasi(e);
    } catch (RuntimeException e) {
      closeQuietly(opened);
      throw e;
    }
  }

  /**
   * Decides what a failed open means: {@code ENOENT} if the entry is gone or no longer the
   * expected one (for example a symlink swapped in, which {@code O_NOFOLLOW} refused); a retry
   * (returns normally) if it shows the expected entry again, as after a swap and swap back, up to
   * {@value #OPEN_ATTEMPTS} attempts; otherwise the mapped errno of {@code e}.
   */
  private static void failedOpen(
      SecureDirectoryStream<Path> dir, Path name, Object expectedKey, IOException e, int attempt) {
    if (e instanceof NoSuchFileException) {
      throw new WasiException(Errno.ENOENT, "gone from the host");
    }
    if (e instanceof AccessDeniedException) {
      throw ErrnoMapper.toWasi(e);
    }
    BasicFileAttributes now;
    try {
      now = lstatOrNull(dir, name);
    } catch (IOException again) {
      throw ErrnoMapper.toWasi(again);
    }
    if (now == null || now.isSymbolicLink() || !expectedKey.equals(now.fileKey())) {
      throw new WasiException(Errno.ENOENT, "replaced on the host");
    }
    if (attempt >= OPEN_ATTEMPTS) {
      throw ErrnoMapper.toWasi(e);
    }
  }

  /** Closes a host handle, ignoring failure (there is nothing a caller could do about it). */
  static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // A failed close of a read-only handle loses nothing.
    }
  }
}
