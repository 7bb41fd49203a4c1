package dev.wasibox.vfs.host;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.FileStat;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A non-directory node of a {@link HostReadOnlyVolume}: the directory and name it was found under,
 * and its file key then. It holds no host handle; every access goes through the parent's.
 */
abstract class HostEntry extends HostNode {
  final HostDirectory parent;
  final String name;

  HostEntry(HostReadOnlyVolume volume, HostDirectory parent, String name, Object key) {
    super(volume, key);
    this.parent = checkNotNull(parent);
    this.name = checkNotNull(name);
  }

  /** The one-name host path of this entry in its parent. */
  final Path hostName() {
    return HostNames.toHost(volume.fileSystem(), name);
  }

  /** The absolute host path this entry had when it was found (only for identity-checked reads). */
  final Path hostPath() {
    return HostSymlinkReader.childPath(parent.hostPath(), name);
  }

  /**
   * The attributes its name shows now, through the parent's handle, never following a link.
   *
   * @throws WasiException {@code ENOENT} the name is gone or now names another file; {@code
   *     EACCES}; {@code EIO}
   */
  final BasicFileAttributes currentAttributes() {
    Path hostName = hostName();
    BasicFileAttributes a = parent.withHandle(dir -> HostIo.lstatOrNull(dir, hostName));
    if (a == null || !key.equals(a.fileKey())) {
      throw new WasiException(Errno.ENOENT, "gone or replaced on the host");
    }
    return a;
  }

  /**
   * The attributes of this node itself (a symlink is not followed).
   *
   * @throws WasiException {@code ENOENT} the name is gone or now names another file; {@code
   *     EACCES}; {@code EIO}
   */
  @Override
  public final FileStat stat() {
    return HostStats.of(volume, currentAttributes(), hostPath(), false);
  }
}
