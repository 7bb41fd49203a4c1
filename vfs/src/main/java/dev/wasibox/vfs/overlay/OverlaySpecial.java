package dev.wasibox.vfs.overlay;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import org.jspecify.annotations.Nullable;

/**
 * A lower node that is neither a regular file, a directory nor a symlink (a lower backend may
 * report a device or a FIFO without opening it). It can be looked up, stat-ed, unlinked (a
 * whiteout) and replaced, but the memory upper layer cannot hold a copy of it.
 *
 * <p>Errors: {@code ENOTSUP} for anything that needs a copy-up ({@code setTimes}, {@code link},
 * {@code rename}) · {@code ENOENT} the name no longer holds this node.
 */
final class OverlaySpecial extends OverlayLeaf {
  OverlaySpecial(
      OverlayVolume volume,
      OverlayDirectory parent,
      String name,
      @Nullable Node upper,
      @Nullable Node lower) {
    super(volume, parent, name, upper, lower);
  }

  @Override
  public FileType type() {
    return (upper() != null ? upper() : lower()).type();
  }

  @Override
  Node copyUp(CopyUp copy) {
    throw new WasiException(Errno.ENOTSUP, "cannot copy a special file up");
  }
}
