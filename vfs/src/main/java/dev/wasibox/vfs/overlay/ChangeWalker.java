package dev.wasibox.vfs.overlay;

import com.google.common.collect.ImmutableList;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Walks the upper layer of an overlay and lists its {@link Change}s: depth first, a directory
 * before what is under it, each directory's entries and whiteouts by name. Only the upper layer
 * is walked (the lower one is asked about single names), and the walk keeps its own stack, so a
 * deep tree cannot overflow the Java stack. Called under the overlay's lock.
 */
final class ChangeWalker {
  /** A directory being walked: its path and the names still to visit. */
  private record Frame(OverlayDirectory dir, @Nullable ChangePath names, Iterator<String> pending) {}

  private ChangeWalker() {}

  static ImmutableList<Change> walk(OverlayVolume volume, OverlayDirectory root, int maxDepth) {
    Markers markers = volume.markers();
    ImmutableList.Builder<Change> out = ImmutableList.builder();
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(frame(markers, root, null));
    while (!stack.isEmpty()) {
      Frame frame = stack.peek();
      if (!frame.pending().hasNext()) {
        stack.pop();
        continue;
      }
      String name = frame.pending().next();
      OverlayDirectory dir = frame.dir();
      ChangePath names = ChangePath.of(frame.names(), name);
      if (names.size() > maxDepth) {
        throw new WasiException(Errno.ENAMETOOLONG, "a change lies more than " + maxDepth + " levels deep");
      }
      DirectoryNode lowerDir = dir.lower();
      Node lower = lowerDir == null ? null : lowerDir.lookup(name);
      if (markers.isWhiteout(dir.upperIno(), name)) {
        FileType type = lower == null ? FileType.UNKNOWN : lower.type();
        out.add(new Change(names, Change.Kind.DELETED, type, null));
        continue;
      }
      Node node = dir.lookup(name);
      if (node == null) {
        continue; // listed a moment ago under the same lock: cannot happen
      }
      Change.Kind kind = lower == null ? Change.Kind.ADDED : Change.Kind.MODIFIED;
      if (node instanceof OverlayDirectory) {
        OverlayDirectory child = (OverlayDirectory) node;
        if (child.lower() == null) {
          out.add(new Change(names, kind, FileType.DIRECTORY, child));
        }
        stack.push(frame(markers, child, names));
      } else {
        out.add(new Change(names, kind, node.type(), node));
      }
    }
    return out.build();
  }

  /** The upper entries and whiteouts of {@code dir} (which has an upper directory), by name. */
  private static Frame frame(Markers markers, OverlayDirectory dir, @Nullable ChangePath names) {
    TreeSet<String> pending = new TreeSet<>(markers.whiteouts(dir.upperIno()));
    for (DirEntry e : dir.upper().list()) {
      pending.add(e.name());
    }
    return new Frame(dir, names, pending.iterator());
  }
}
