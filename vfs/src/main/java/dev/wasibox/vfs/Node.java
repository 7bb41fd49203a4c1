package dev.wasibox.vfs;

/**
 * A file, directory or symlink of some backend, as the backend sees it at one moment.
 *
 * <p>Backends implement {@link DirectoryNode}, {@link FileNode} and {@link SymlinkNode}; every
 * method may throw {@link dev.wasibox.capabilities.WasiException} and nothing else.
 */
public interface Node {
  /** Passed to {@link #setTimes} for a time that must not change. */
  long OMIT = Long.MIN_VALUE;

  /** The volume this node lives on. */
  Volume volume();

  /** The type of this node (never followed). */
  FileType type();

  /** The attributes of this node itself (a symlink is not followed). */
  FileStat stat();

  /**
   * Sets the access and modification times, in nanoseconds since the epoch; {@link #OMIT} leaves
   * one unchanged.
   */
  void setTimes(long atimNs, long mtimNs);

  /**
   * Whether {@code other} is the same underlying node as this one (same volume and inode), so
   * that renaming one onto the other is a no-op.
   */
  default boolean sameNode(Node other) {
    return other.volume() == volume() && other.stat().ino() == stat().ino();
  }
}
