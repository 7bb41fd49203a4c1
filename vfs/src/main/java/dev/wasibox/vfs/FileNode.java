package dev.wasibox.vfs;

/** A regular file of a backend. */
public interface FileNode extends Node {
  /**
   * Opens the file for reading and/or writing. Opening for write on a read-only volume fails with
   * {@code EROFS}; an overlay copies the file up first.
   */
  OpenFile open(boolean read, boolean write);
}
