package dev.wasibox.vfs.overlay;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Node;

/**
 * One {@code rename} inside an overlay, with the checks in the order Linux makes them: a missing
 * source ({@code ENOENT}); the same node under both names (nothing happens); a directory into its
 * own subtree ({@code EINVAL}); a type mismatch ({@code ENOTDIR}, {@code EISDIR}); a directory
 * with a lower part ({@code EXDEV}, as overlayfs without {@code redirect_dir}: applications fall
 * back to copying); a non-empty merged target ({@code ENOTEMPTY}).
 *
 * <p>A lower file or symlink is copied up first and the copy is renamed in the upper layer. A
 * source name the lower layer also has leaves a whiteout, so the lower entry does not show
 * through again; a target that was a whiteout stops being one; a directory that lands where the
 * lower layer has the name becomes opaque. Only the copy-ups can fail for want of space, and they
 * come before any change, so a failed rename changes nothing.
 */
final class Rename {
  private Rename() {}

  static void run(
      CopyUp copy, OverlayDirectory from, String name, OverlayDirectory to, String targetName) {
    from.checkLive();
    to.checkLive();
    Slot src = from.slot(name, true);
    if (!src.present()) {
      throw new WasiException(Errno.ENOENT);
    }
    Node moving = from.nodeFor(name, src);
    Slot dst = to.slot(targetName, true);
    Node replaced = dst.present() ? to.nodeFor(targetName, dst) : null;
    if (replaced != null && moving.sameNode(replaced)) {
      return;
    }
    boolean movingDir = src.isDirectory();
    if (movingDir) {
      for (OverlayDirectory d = to; d != null; d = d.parent()) {
        if (d == moving) {
          throw new WasiException(Errno.EINVAL, "directory into its own subtree");
        }
      }
    }
    if (replaced != null && movingDir != dst.isDirectory()) {
      throw new WasiException(movingDir ? Errno.ENOTDIR : Errno.EISDIR);
    }
    if (movingDir && ((OverlayDirectory) moving).lower() != null) {
      throw new WasiException(Errno.EXDEV, "renaming a directory with a lower part");
    }
    if (replaced instanceof OverlayDirectory && !((OverlayDirectory) replaced).isEmptyLocked()) {
      throw new WasiException(Errno.ENOTEMPTY);
    }

    if (!movingDir) {
      ((OverlayLeaf) moving).upperForWrite(copy);
    }
    DirectoryNode toUpper = copy.directory(to);
    DirectoryNode fromUpper = copy.directory(from);
    // Nothing below charges the quota.
    fromUpper.rename(name, toUpper, targetName);
    Markers markers = from.volume.markers();
    markers.removeWhiteout(to.upperIno(), targetName);
    if (replaced instanceof OverlayDirectory) {
      to.dropChild(targetName, (OverlayDirectory) replaced);
    }
    if (movingDir) {
      OverlayDirectory dir = (OverlayDirectory) moving;
      if (dst.lowerPositive()) {
        markers.setOpaque(dir.upperIno());
      }
      from.moveChild(name, dir, to, targetName);
    }
    if (src.lowerPositive()) {
      markers.addWhiteout(from.upperIno(), name);
    }
  }
}
