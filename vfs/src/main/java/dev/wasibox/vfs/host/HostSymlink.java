package dev.wasibox.vfs.host;

import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.SymlinkNode;

/**
 * A symlink in a host directory. The OS never follows it; its text is handed to the resolver,
 * which re-resolves it inside the mount (an absolute target is {@code EPERM} at use).
 */
final class HostSymlink extends HostEntry implements SymlinkNode {
  HostSymlink(HostReadOnlyVolume volume, HostDirectory parent, String name, Object key) {
    super(volume, parent, name, key);
  }

  @Override
  public FileType type() {
    return FileType.SYMBOLIC_LINK;
  }

  /**
   * The link text exactly as stored on the host (a trailing {@code /} is kept; an absolute target
   * is returned as is and refused by the resolver and by {@link dev.wasibox.vfs.Vfs#readlink}).
   *
   * @throws dev.wasibox.capabilities.WasiException {@code ENOENT} the link is gone or was
   *     replaced; {@code EILSEQ} the text is not valid UTF-8; {@code EIO} no host path provably
   *     reaches the link (the mount root was moved, or the host keeps swapping it)
   */
  @Override
  public String target() {
    return HostSymlinkReader.read(this);
  }
}
