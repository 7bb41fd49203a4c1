package dev.wasibox.vfs.host;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.Names;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Converts between guest names (UTF-8 strings of one component) and one-name host paths, in both
 * directions exactly or not at all.
 *
 * <p>The JDK encodes and decodes host file names with {@code sun.jnu.encoding}. With UTF-8 the
 * mapping is exact for every valid name. With US-ASCII (the {@code C}/{@code POSIX} locale)
 * non-ASCII names cannot be named ({@code EILSEQ}) or listed (hidden), which is safe. Any other
 * charset (Latin-1, ...) would map a guest name to different host bytes than the guest meant, so
 * {@link HostReadOnlyVolume#mount} refuses it.
 */
final class HostNames {
  /** The name that opens a directory handle's own directory again (never a guest name). */
  private static final String SELF = ".";

  private HostNames() {}

  /**
   * The one-name host path for guest name {@code name}.
   *
   * @throws WasiException {@code EINVAL} not a single component; {@code EILSEQ} not
   *     representable in the host's file name encoding
   */
  static Path toHost(FileSystem fs, String name) {
    Names.checkSingle(name);
    Path path;
    try {
      path = fs.getPath(name);
    } catch (InvalidPathException e) {
      throw new WasiException(Errno.EILSEQ, "name not representable on the host");
    }
    // Defence in depth: whatever the provider did, hand the OS exactly one relative name.
    if (path.isAbsolute() || path.getNameCount() != 1 || !path.toString().equals(name)) {
      throw new WasiException(Errno.EINVAL, "not a single host name");
    }
    return path;
  }

  /**
   * The guest name of host entry {@code fileName}, or null if its bytes have no string that maps
   * back to exactly the same bytes (such an entry could never be looked up, so it is hidden).
   */
  static @Nullable String toGuest(Path fileName) {
    String name = fileName.toString();
    try {
      return fileName.getFileSystem().getPath(name).equals(fileName) ? name : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** The path that re-opens a directory handle's own directory ({@code openat(dfd, ".")}). */
  static Path self(FileSystem fs) {
    return fs.getPath(SELF);
  }

  /** The charset the JVM uses for host file names. */
  static Charset hostEncoding() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }

  /** Whether guest names can be mapped exactly, or refused safely, under {@code encoding}. */
  static boolean encodingSupported(Charset encoding) {
    return encoding.equals(StandardCharsets.UTF_8) || encoding.equals(StandardCharsets.US_ASCII);
  }
}
