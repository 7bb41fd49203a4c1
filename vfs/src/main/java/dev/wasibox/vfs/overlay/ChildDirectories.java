package dev.wasibox.vfs.overlay;

import dev.wasibox.vfs.DirectoryNode;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The directory objects one overlay directory has handed out, by name, so that each overlay
 * directory has exactly one object while anyone holds it. That object is what a removal marks
 * removed and what a rename moves, so a stale directory handle can never see or recreate a name
 * that is gone. Entries are weak: an object nobody holds can be forgotten, and the next lookup
 * makes a new one, which nobody can confuse with the old.
 */
final class ChildDirectories {
  private static final int MIN_SWEEP = 16;

  private @Nullable Map<String, WeakReference<OverlayDirectory>> byName;
  private int sweepAt = MIN_SWEEP;

  @Nullable OverlayDirectory get(String name) {
    WeakReference<OverlayDirectory> ref = byName == null ? null : byName.get(name);
    return ref == null ? null : ref.get();
  }

  /**
   * The object for directory {@code name} of {@code parent}, which {@code slot} describes now:
   * the one handed out before if it is still that directory, else a new one.
   */
  OverlayDirectory forSlot(OverlayDirectory parent, String name, Slot slot) {
    OverlayDirectory cached = get(name);
    DirectoryNode upper = (DirectoryNode) slot.upper();
    if (cached != null) {
      DirectoryNode had = cached.upper();
      if (had == null ? upper == null : upper != null && had.sameNode(upper)) {
        return cached;
      }
      // Out of step with the layers (only a lower layer changing underneath can do that): the
      // old object must never be used again.
      cached.markRemoved();
    }
    OverlayDirectory dir =
        new OverlayDirectory(
            parent.volume,
            parent,
            name,
            upper,
            upper == null ? 0 : upper.stat().ino(),
            (DirectoryNode) slot.lower());
    put(name, dir);
    return dir;
  }

  void put(String name, OverlayDirectory dir) {
    if (byName == null) {
      byName = new HashMap<>();
    }
    byName.put(name, new WeakReference<>(dir));
    if (byName.size() >= sweepAt) {
      byName.values().removeIf(ref -> ref.get() == null);
      sweepAt = Math.max(MIN_SWEEP, 2 * byName.size());
    }
  }

  void remove(String name) {
    if (byName != null) {
      byName.remove(name);
    }
  }
}
