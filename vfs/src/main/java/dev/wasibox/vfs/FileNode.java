package dev.wasibox.vfs;

/** A regular file of a backend. */
public interface FileNode extends Node {
  /**
   * Opens the file for reading and/or writing. Opening for write on a read-only volume fails with
   * {@code EROFS}; an overlay copies the file up first.
   */
  OpenFile open(boolean read, boolean write);

  /**
   * Truncates the file to zero length ({@code O_TRUNC}). {@code EROFS} on a read-only volume;
   * an overlay copies up an empty file rather than the content it would discard.
   */
  default void truncate() {
    try (OpenFile f = open(false, true)) {
      f.setSize(0);
    }
  }
}
