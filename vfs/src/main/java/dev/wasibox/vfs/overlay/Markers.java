package dev.wasibox.vfs.overlay;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The overlay's out-of-band marks on upper-layer directories: the names that are whiteouts
 * (deleted lower entries) and the directories that are opaque (their lower counterpart is
 * ignored). No mark is ever a name in the upper layer, so every name stays the guest's: {@code
 * .wh.foo} and {@code .wh..wh..opq} are ordinary names.
 *
 * <p>Marks are keyed by the upper directory's own inode number, which stays the same when the
 * directory is renamed and which the memory backend does not reuse; {@link #forget} drops the
 * marks of a directory that is removed. A name is never both a whiteout and an entry of the
 * upper directory: the overlay removes the whiteout when it creates the entry. Whiteouts cost no
 * upper-layer inode: each one hides a lower name, so there are at most as many as the lower layer
 * has names. All methods are called under the overlay's lock.
 */
final class Markers {
  private final Map<Long, Set<String>> whiteouts = new HashMap<>();
  private final Set<Long> opaque = new HashSet<>();

  boolean isWhiteout(long dir, String name) {
    Set<String> names = whiteouts.get(dir);
    return names != null && names.contains(name);
  }

  void addWhiteout(long dir, String name) {
    whiteouts.computeIfAbsent(dir, d -> new HashSet<>()).add(name);
  }

  void removeWhiteout(long dir, String name) {
    Set<String> names = whiteouts.get(dir);
    if (names != null && names.remove(name) && names.isEmpty()) {
      whiteouts.remove(dir);
    }
  }

  /** The whiteouts of one upper directory (a read-only view, empty if there are none). */
  Set<String> whiteouts(long dir) {
    Set<String> names = whiteouts.get(dir);
    return names == null ? Set.of() : Collections.unmodifiableSet(names);
  }

  boolean isOpaque(long dir) {
    return opaque.contains(dir);
  }

  void setOpaque(long dir) {
    opaque.add(dir);
  }

  /** Drops every mark of an upper directory that no longer exists. */
  void forget(long dir) {
    whiteouts.remove(dir);
    opaque.remove(dir);
  }
}
