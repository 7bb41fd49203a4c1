package dev.wasibox.vfs.overlay;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import org.jspecify.annotations.Nullable;

/**
 * What one name in one overlay directory stands for at one moment.
 *
 * @param upper the upper-layer node of that name, or null (always null for a whiteout)
 * @param lower the lower-layer node that shows through: the lower node when there is no upper
 *     one, the lower directory when both are directories and the upper one is not opaque, else
 *     null
 * @param lowerPositive whether the lower layer has the name at all, shown or not (only computed
 *     when asked for): removing or moving the name away then needs a whiteout
 */
record Slot(@Nullable Node upper, @Nullable Node lower, boolean lowerPositive) {
  /**
   * What {@code name} stands for in the directory made of {@code upper} (whose own inode number
   * is {@code upperIno}) and {@code lower}. With {@code needLowerPositive} the lower layer is
   * always asked; otherwise only when its answer can show (not under a whiteout or an upper
   * non-directory).
   */
  static Slot of(
      Markers markers,
      @Nullable DirectoryNode upper,
      long upperIno,
      @Nullable DirectoryNode lower,
      String name,
      boolean needLowerPositive) {
    Node u = null;
    boolean whiteout = false;
    if (upper != null) {
      whiteout = markers.isWhiteout(upperIno, name);
      if (!whiteout) {
        u = upper.lookup(name);
      }
    }
    boolean shows = !whiteout && (u == null || u.type() == FileType.DIRECTORY);
    Node l = lower != null && (shows || needLowerPositive) ? lower.lookup(name) : null;
    Node visible = null;
    if (shows && l != null) {
      if (u == null) {
        visible = l;
      } else if (l.type() == FileType.DIRECTORY && !markers.isOpaque(u.stat().ino())) {
        visible = l;
      }
    }
    return new Slot(u, visible, l != null);
  }

  /** Whether the name exists in the merged view. */
  boolean present() {
    return upper != null || lower != null;
  }

  /** The type of the merged entry; the upper node decides. Only for a present slot. */
  FileType type() {
    return (upper != null ? upper : lower).type();
  }

  boolean isDirectory() {
    return present() && type() == FileType.DIRECTORY;
  }
}
