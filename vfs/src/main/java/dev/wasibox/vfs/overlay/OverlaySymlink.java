package dev.wasibox.vfs.overlay;

import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.SymlinkNode;
import org.jspecify.annotations.Nullable;

/**
 * A symlink of an overlay. Its target is the text stored in whichever layer backs it, handed to
 * the resolver as data; a copy-up (for {@code setTimes}, {@code link} or {@code rename}) copies
 * that text verbatim, so a link that climbs out of the overlay still climbs out, and is still
 * refused, when followed from its new place.
 *
 * <p>Errors: {@code ENOENT} the name no longer holds this symlink · {@code ENOSPC} on copy-up.
 */
final class OverlaySymlink extends OverlayLeaf implements SymlinkNode {
  OverlaySymlink(
      OverlayVolume volume,
      OverlayDirectory parent,
      String name,
      @Nullable SymlinkNode upper,
      @Nullable SymlinkNode lower) {
    super(volume, parent, name, upper, lower);
  }

  @Override
  public FileType type() {
    return FileType.SYMBOLIC_LINK;
  }

  @Override
  Node copyUp(CopyUp copy) {
    return copy.symlink(this);
  }

  @Override
  public String target() {
    synchronized (volume.lock()) {
      return ((SymlinkNode) current()).target();
    }
  }
}
