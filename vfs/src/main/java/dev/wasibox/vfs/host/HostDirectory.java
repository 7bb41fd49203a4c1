package dev.wasibox.vfs.host;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.SymlinkNode;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A directory of a {@link HostReadOnlyVolume}: its file key (identity) and how to reach it again
 * (parent node and name). It owns no host handle; {@link DirectoryHandles} lends it one per
 * operation, so nodes are cheap and may live as long as a guest holds them.
 *
 * <p>Every mutator fails with {@code EROFS} before any I/O.
 */
final class HostDirectory extends HostNode implements DirectoryNode {
  private final @Nullable HostDirectory parent;
  private final String name;

  /** The mount root ({@code parent == null}) or a directory found as {@code name} in {@code parent}. */
  HostDirectory(
      HostReadOnlyVolume volume, @Nullable HostDirectory parent, String name, Object key) {
    super(volume, key);
    this.parent = parent;
    this.name = name;
  }

  boolean isRoot() {
    return parent == null;
  }

  /** The parent node (the mount root has none; callers check {@link #isRoot()} first). */
  HostDirectory parent() {
    if (parent == null) {
      throw new IllegalStateException("the mount root has no parent node");
    }
    return parent;
  }

  /** The one-name host path of this directory in its parent. */
  Path hostName() {
    return HostNames.toHost(volume.fileSystem(), name);
  }

  /**
   * The absolute host path this directory had when it was found: the mount path plus the names
   * walked. Used only for reads whose result is accepted after an identity check.
   */
  Path hostPath() {
    ArrayDeque<String> names = new ArrayDeque<>();
    for (HostDirectory d = this; d.parent != null; d = d.parent) {
      names.push(d.name);
    }
    Path path = volume.hostPath();
    for (String n : names) {
      path = HostSymlinkReader.childPath(path, n);
    }
    return path;
  }

  /** Runs {@code action} on this directory's host handle (see {@link DirectoryHandles}). */
  <T> T withHandle(DirectoryHandles.Action<T> action) {
    return volume.handles().withHandle(this, action);
  }

  @Override
  public FileType type() {
    return FileType.DIRECTORY;
  }

  /**
   * The entry {@code name}, never followed: one {@code fstatat(AT_SYMLINK_NOFOLLOW)}; nothing is
   * opened.
   *
   * @throws WasiException {@code EINVAL} not a single component; {@code EILSEQ} not representable
   *     as a host name; {@code ENOENT} this directory is gone; {@code EACCES}; {@code EIO}
   */
  @Override
  public @Nullable Node lookup(String name) {
    Path hostName = HostNames.toHost(volume.fileSystem(), name);
    BasicFileAttributes a = withHandle(dir -> HostIo.lstatOrNull(dir, hostName));
    if (a == null) {
      return null;
    }
    Object childKey = a.fileKey();
    if (childKey == null) {
      throw new WasiException(Errno.EIO, "host file has no key");
    }
    switch (HostStats.typeOf(a)) {
      case DIRECTORY:
        return new HostDirectory(volume, this, name, childKey);
      case SYMBOLIC_LINK:
        return new HostSymlink(volume, this, name, childKey);
      case REGULAR_FILE:
        return new HostFile(volume, this, name, childKey);
      default:
        return new HostSpecial(volume, this, name, childKey);
    }
  }

  /**
   * The entries, sorted by name, symlinks as {@link FileType#SYMBOLIC_LINK} (not followed),
   * FIFOs, sockets and devices as {@link FileType#UNKNOWN}. Entries whose host name has no exact
   * UTF-8 form are left out (they could not be looked up), as are entries removed while listing.
   *
   * @throws WasiException {@code ENOENT} this directory is gone; {@code EACCES}; {@code EIO}
   */
  @Override
  public List<DirEntry> list() {
    List<DirEntry> out = new ArrayList<>();
    withHandle(
        dir -> {
          // A directory stream iterates once, so list through a fresh handle on "." (the same
          // directory, by definition), closed at once.
          try (SecureDirectoryStream<Path> self =
              dir.newDirectoryStream(HostNames.self(volume.fileSystem()), LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : self) {
              Path fileName = entry.getFileName();
              String guestName = HostNames.toGuest(fileName);
              BasicFileAttributes a = guestName == null ? null : HostIo.lstatOrNull(self, fileName);
              if (a != null && a.fileKey() != null) {
                out.add(new DirEntry(guestName, HostStats.typeOf(a), volume.inodeOf(a.fileKey())));
              }
            }
          }
          return null;
        });
    out.sort(Comparator.comparing(DirEntry::name));
    return List.copyOf(out);
  }

  /**
   * The attributes of the directory itself, from {@code fstat} on its handle.
   *
   * @throws WasiException {@code ENOENT} the directory is gone; {@code EIO}
   */
  @Override
  public FileStat stat() {
    BasicFileAttributes a = withHandle(HostIo::fstat);
    return HostStats.of(volume, a, hostPath(), isRoot());
  }

  /** @throws WasiException {@code EROFS}, always, before any I/O */
  @Override
  public FileNode createFile(String name) {
    throw readOnly();
  }

  /** @throws WasiException {@code EROFS}, always, before any I/O */
  @Override
  public DirectoryNode createDirectory(String name) {
    throw readOnly();
  }

  /** @throws WasiException {@code EROFS}, always, before any I/O */
  @Override
  public SymlinkNode createSymlink(String name, String target) {
    throw readOnly();
  }

  /** @throws WasiException {@code EROFS}, always, before any I/O */
  @Override
  public void link(String name, Node existing) {
    throw readOnly();
  }

  /** @throws WasiException {@code EROFS}, always, before any I/O */
  @Override
  public void unlink(String name) {
    throw readOnly();
  }

  /** @throws WasiException {@code EROFS}, always, before any I/O */
  @Override
  public void removeDirectory(String name) {
    throw readOnly();
  }

  /** @throws WasiException {@code EROFS}, always, before any I/O */
  @Override
  public void rename(String name, DirectoryNode target, String targetName) {
    throw readOnly();
  }
}
