package dev.wasibox.fuzz.model;

/**
 * A node of the reference model: a directory, a regular file or a symlink, identified by {@link
 * #id} (the model's inode number). Deliberately plain mutable objects with no behaviour beyond
 * what a reader can check at a glance.
 */
public abstract sealed class MNode permits MDir, MFile, MLink {
  private static int nextId;

  /** The model's inode number, unique within one test run. */
  public final int id;

  MNode() {
    synchronized (MNode.class) {
      id = ++nextId;
    }
  }

  /** One letter for descriptions: D, F or L. */
  public abstract char kind();

  @Override
  public String toString() {
    return kind() + "#" + id;
  }
}
