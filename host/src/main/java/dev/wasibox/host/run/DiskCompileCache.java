package dev.wasibox.host.run;

import static com.google.common.base.Preconditions.checkNotNull;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Chicory's compiled classes kept on disk between processes, one file per module digest, so that a
 * second process running the same module skips the compiler.
 *
 * <p>What is cached is JVM bytecode that wasibox loads, so the directory must be the user's alone:
 * it is created with mode 0700 and {@link #open} refuses a directory that is a symlink, is not
 * owned by the user running the JVM, or is writable by group or others. Files are written to a
 * temporary name and moved into place, so a crash never leaves half a file under a real key.
 */
public final class DiskCompileCache implements Cache {
  /** The Chicory version whose bytecode is cached: part of the directory name. */
  public static final String LAYOUT = "chicory-1.7.5-v1";

  private static final String PREFIX = "sha-256:";

  private final Path dir;

  private DiskCompileCache(Path dir) {
    this.dir = dir;
  }

  /** The default location: {@code $XDG_CACHE_HOME/wasibox} or {@code ~/.cache/wasibox}. */
  public static Path defaultRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("wasibox");
  }

  /**
   * Opens (creating if needed) the cache under {@code root}.
   *
   * @throws IOException if it cannot be created or is not private to this user
   */
  public static DiskCompileCache open(Path root) throws IOException {
    checkNotNull(root);
    Path dir = root.resolve(LAYOUT);
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(root, PosixFilePermissions.asFileAttribute(owner));
    }
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(owner));
    }
    requirePrivate(root);
    requirePrivate(dir);
    return new DiskCompileCache(dir);
  }

  private static void requirePrivate(Path p) throws IOException {
    PosixFileAttributes a =
        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .readAttributes();
    if (!a.isDirectory()) {
      throw new IOException(p + " is not a directory (or is a symlink)");
    }
    String me = System.getProperty("user.name");
    if (!a.owner().getName().equals(me)) {
      throw new IOException(p + " is owned by " + a.owner().getName() + ", not " + me);
    }
    Set<PosixFilePermission> perms = a.permissions();
    if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(p + " is writable by others; refusing to load code from it");
    }
  }

  public Path directory() {
    return dir;
  }

  /**
   * The file name for a Chicory module digest ({@code sha-256:} and 32 bytes of base64), as 64
   * hex digits; null for any other key, which is then never cached.
   */
  static @Nullable String fileName(String key) {
    if (!key.startsWith(PREFIX)) {
      return null;
    }
    try {
      byte[] hash = Base64.getDecoder().decode(key.substring(PREFIX.length()));
      return hash.length == 32 ? HexFormat.of().formatHex(hash) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public byte @Nullable [] get(String key) throws IOException {
    String name = fileName(key);
    if (name == null) {
      return null;
    }
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void putIfAbsent(String key, byte[] data) throws IOException {
    String name = fileName(key);
    if (name == null || Files.exists(dir.resolve(name))) {
      return;
    }
    Path tmp = Files.createTempFile(dir, name, ".tmp");
    try {
      Files.write(tmp, data);
      try {
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(name));
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
