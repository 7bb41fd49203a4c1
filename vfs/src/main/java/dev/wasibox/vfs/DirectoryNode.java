package dev.wasibox.vfs;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A directory of a backend: the SPI through which the resolver and {@link Vfs} act on names.
 *
 * <p>Every {@code name} argument is one component: non-empty, not {@code .} or {@code ..}, no
 * {@code /}, no NUL, valid UTF-8 (the resolver guarantees it; backends may check again). Nothing
 * here interprets a path.
 */
public interface DirectoryNode extends Node {
  /** The node named {@code name} in this directory, not followed if a symlink, or null. */
  @Nullable Node lookup(String name);

  /**
   * Creates an empty regular file.
   *
   * @throws dev.wasibox.capabilities.WasiException {@code EEXIST} if the name is taken; {@code
   *     EROFS} on a read-only volume; {@code ENOSPC} over the inode quota; {@code ENOENT} if this
   *     directory was removed
   */
  FileNode createFile(String name);

  /** Creates an empty directory; errors as {@link #createFile}. */
  DirectoryNode createDirectory(String name);

  /**
   * Creates a symlink whose target text is stored verbatim (it is interpreted only by the
   * resolver, at use); errors as {@link #createFile}.
   */
  SymlinkNode createSymlink(String name, String target);

  /**
   * Makes {@code name} a new hard link to {@code existing}, a non-directory node of this volume.
   *
   * @throws dev.wasibox.capabilities.WasiException {@code EEXIST}, {@code EPERM} if {@code
   *     existing} is a directory, {@code EXDEV} if it is on another volume, {@code EROFS}
   */
  void link(String name, Node existing);

  /**
   * Removes the non-directory entry {@code name}.
   *
   * @throws dev.wasibox.capabilities.WasiException {@code ENOENT}, {@code EISDIR}, {@code EROFS}
   */
  void unlink(String name);

  /**
   * Removes the empty directory {@code name}.
   *
   * @throws dev.wasibox.capabilities.WasiException {@code ENOENT}, {@code ENOTDIR}, {@code
   *     ENOTEMPTY}, {@code EROFS}
   */
  void removeDirectory(String name);

  /**
   * Renames {@code name} to {@code targetName} in {@code target} (a directory of the same
   * volume), replacing the target as POSIX {@code rename} does. If both names refer to the same
   * node, nothing happens.
   *
   * @throws dev.wasibox.capabilities.WasiException {@code ENOENT} no source; {@code EISDIR}
   *     non-directory onto a directory; {@code ENOTDIR} directory onto a non-directory; {@code
   *     ENOTEMPTY} onto a non-empty directory; {@code EINVAL} a directory into itself or its own
   *     subtree; {@code EXDEV} another volume or a layer that cannot move it; {@code EROFS}
   */
  void rename(String name, DirectoryNode target, String targetName);

  /** The entries of this directory, without {@code .} and {@code ..}, sorted by name. */
  List<DirEntry> list();

  /** Whether the directory has no entries. */
  default boolean isEmpty() {
    return list().isEmpty();
  }
}
