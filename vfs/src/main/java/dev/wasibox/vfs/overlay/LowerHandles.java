package dev.wasibox.vfs.overlay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only handles open on lower-layer files, by the overlay name they were opened under, so
 * that copying that name up moves them onto the copy ({@link LowerOpenFile}). Keyed by name, not
 * by lower inode: a lower file with several links is copied up one name at a time, and handles
 * opened under its other names keep reading the lower file (overlayfs {@code index=off}).
 * Directories with a lower part never move, so a (directory, name) key stays valid. All methods
 * are called under the overlay's lock.
 */
final class LowerHandles {
  /** A name in a directory; directory objects compare by identity (there is one per directory). */
  private record Position(OverlayDirectory dir, String name) {}

  private final Map<Position, List<LowerOpenFile>> open = new HashMap<>();

  void add(LowerOpenFile handle) {
    open.computeIfAbsent(position(handle), p -> new ArrayList<>(1)).add(handle);
  }

  void remove(LowerOpenFile handle) {
    Position p = position(handle);
    List<LowerOpenFile> handles = open.get(p);
    if (handles != null && handles.remove(handle) && handles.isEmpty()) {
      open.remove(p);
    }
  }

  /** The handles opened under {@code file}'s name that have not moved yet. */
  List<LowerOpenFile> openAt(OverlayFile file) {
    List<LowerOpenFile> handles = open.get(new Position(file.parent(), file.name()));
    return handles == null ? List.of() : List.copyOf(handles);
  }

  /** Forgets the handles opened under {@code file}'s name: they moved onto its copy. */
  void moved(OverlayFile file) {
    open.remove(new Position(file.parent(), file.name()));
  }

  private static Position position(LowerOpenFile handle) {
    return new Position(handle.node().parent(), handle.node().name());
  }
}
