package dev.wasibox.vfs.host;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the text of a host symlink, which {@link java.nio.file.SecureDirectoryStream} cannot
 * ({@code readlinkat} has no JDK API): by an absolute host path rebuilt from the mount's path and
 * the names walked, accepted only between identity checks (java-toctou.md 4.3, option B).
 *
 * <p>This class holds the package's only path join ({@link #childPath}) and its only {@code
 * readSymbolicLink} call ({@link #readLinkText}). Every path it builds is used only for reads whose
 * result is checked against a file key obtained race-free through a directory handle.
 *
 * <p>One attempt: (1) through the parent's handle, the name still shows a symlink with the node's
 * key ({@code ENOENT} if not: the link is gone); (2) the rebuilt parent path reaches the parent's
 * directory and the rebuilt link path (not followed) reaches a symlink with the node's key; (3)
 * read the text; (4) repeat (2) and (1). A mismatch retries, up to {@value #MAX_ATTEMPTS} times,
 * then fails with {@code EIO}. A host process that swaps the link away and back exactly between
 * the checks could make us return another link's text; that text is only data, re-resolved by our
 * resolver inside the mount, so it can leak a string, never file content.
 */
final class HostSymlinkReader {
  /** Attempts before giving up with {@code EIO}. */
  static final int MAX_ATTEMPTS = 3;

  private HostSymlinkReader() {}

  /**
   * Joins one validated guest name to a host directory path: the only {@code Path.resolve} in this
   * package.
   *
   * @throws WasiException {@code EINVAL} {@code name} is not a single component; {@code EILSEQ}
   *     not representable as a host name
   */
  static Path childPath(Path dir, String name) {
    return dir.resolve(HostNames.toHost(dir.getFileSystem(), name));
  }

  /**
   * The verbatim text of {@code link}.
   *
   * @throws WasiException {@code ENOENT} the link is gone or was replaced; {@code EILSEQ} not
   *     valid UTF-8; {@code EIO} no host path provably reaches the link
   */
  static String read(HostSymlink link) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      BasicFileAttributes viaHandle = link.currentAttributes();
      Path parentPath = link.parent.hostPath();
      Path linkPath = childPath(parentPath, link.name);
      if (!reaches(parentPath, link.parent.key) || !reachesLink(linkPath, link.key)) {
        continue;
      }
      String text;
      try {
        text = readLinkText(linkPath);
      } catch (IOException e) {
        continue;
      }
      if (!reachesLink(linkPath, link.key) || !reaches(parentPath, link.parent.key)) {
        continue;
      }
      link.currentAttributes();
      return checkedText(text, viaHandle.size());
    }
    throw new WasiException(Errno.EIO, "no host path provably reaches the symlink");
  }

  /** The documented readlink helper: the only {@code Files.readSymbolicLink} in this package. */
  private static String readLinkText(Path linkPath) throws IOException {
    return Files.readSymbolicLink(linkPath).toString();
  }

  /**
   * {@code text} if it is the exact decoding of the link's bytes. The JDK decodes link text with
   * {@code sun.jnu.encoding}, replacing malformed bytes by U+FFFD; the link's {@code lstat} size
   * is its length in bytes, so a U+FFFD or a length mismatch means the bytes were not UTF-8.
   */
  static String checkedText(String text, long sizeBytes) {
    if (text.indexOf('\uFFFD') >= 0
        || (sizeBytes > 0 && text.getBytes(StandardCharsets.UTF_8).length != sizeBytes)) {
      throw new WasiException(Errno.EILSEQ, "symlink text is not valid UTF-8");
    }
    return text;
  }

  private static boolean reaches(Path path, Object key) {
    try {
      return key.equals(Files.readAttributes(path, BasicFileAttributes.class).fileKey());
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean reachesLink(Path path, Object key) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isSymbolicLink() && key.equals(a.fileKey());
    } catch (IOException e) {
      return false;
    }
  }
}
