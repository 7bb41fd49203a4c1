package dev.wasibox.vfs.overlay;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * A path from the overlay root as an immutable list that shares its parent's components: one
 * object per level, so that walking a tree a guest nested as deep as its inode quota allows costs
 * memory in proportion to the number of entries, not to entries times depth. {@link #get} walks
 * up from the end; {@link #iterator} copies the components once.
 */
final class ChangePath extends AbstractList<String> {
  private final @Nullable ChangePath parent;
  private final String name;
  private final int size;

  private ChangePath(@Nullable ChangePath parent, String name) {
    this.parent = parent;
    this.name = name;
    this.size = parent == null ? 1 : parent.size + 1;
  }

  /** {@code parent} (null for the root's entries) followed by {@code name}. */
  static ChangePath of(@Nullable ChangePath parent, String name) {
    return new ChangePath(parent, name);
  }

  @Override
  public String get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    ChangePath p = this;
    for (int up = size - 1 - index; up > 0; up--) {
      p = p.parent;
    }
    return p.name;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Object[] toArray() {
    String[] names = new String[size];
    ChangePath p = this;
    for (int i = size - 1; i >= 0; i--) {
      names[i] = p.name;
      p = p.parent;
    }
    return names;
  }

  @Override
  public Iterator<String> iterator() {
    return Arrays.asList((String[]) toArray()).iterator();
  }
}
