package dev.wasibox.vfs.overlay;

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
