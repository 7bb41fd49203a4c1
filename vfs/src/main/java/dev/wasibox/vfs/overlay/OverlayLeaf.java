package dev.wasibox.vfs.overlay;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.Node;
import org.jspecify.annotations.Nullable;

/**
 * A non-directory of an overlay, as found under one name at one moment: backed by an upper node,
 * or by a lower node until it is copied up.
 *
 * <p>Like a memory-backend node, it stands for what its name held when it was looked up. Before
 * each use it checks that its name still holds that object ({@link #current()}): the same upper
 * node, the same lower node, or the copy another node of the same file made of that lower node
 * (which it then uses). Anything else, its name removed, renamed or replaced, is {@code ENOENT}:
 * a stale node never writes into another file and never copies a deleted lower file back.
 */
abstract class OverlayLeaf extends OverlayNode {
  final OverlayDirectory parent;
  final String name;
  private @Nullable Node upper;
  private final @Nullable Node lower;

  OverlayLeaf(
      OverlayVolume volume,
      OverlayDirectory parent,
      String name,
      @Nullable Node upper,
      @Nullable Node lower) {
    super(volume);
    this.parent = parent;
    this.name = name;
    this.upper = upper;
    this.lower = lower;
  }

  OverlayDirectory parent() {
    return parent;
  }

  String name() {
    return name;
  }

  @Nullable Node upper() {
    return upper;
  }

  @Nullable Node lower() {
    return lower;
  }

  void attachUpper(Node copy) {
    upper = copy;
  }

  void detachUpper() {
    upper = null;
  }

  /** Copies the lower node up within {@code copy}'s operation and returns the copy. */
  abstract Node copyUp(CopyUp copy);

  /** The node that backs this one now (under the lock), or {@code ENOENT} if it is gone. */
  Node current() {
    Node now = currentOrNull();
    if (now == null) {
      throw new WasiException(Errno.ENOENT, "name was removed or replaced");
    }
    return now;
  }

  /** As {@link #current()}, but null if the name no longer holds this node's object. */
  @Nullable Node currentOrNull() {
    if (!parent.isLive()) {
      return null;
    }
    Slot s = parent.slot(name, false);
    Node u = s.upper();
    if (upper != null) {
      return u != null && u.sameNode(upper) ? upper : null;
    }
    if (u == null) {
      return s.lower() != null && s.lower().sameNode(lower) ? lower : null;
    }
    if (u.type() == lower.type() && volume.inodes().isCopyOf(u.stat().ino(), lower.stat().ino())) {
      upper = u; // another node of the same file copied it up: use that copy from now on
      return upper;
    }
    return null;
  }

  /** The upper node to act on, copying the lower one up first if need be. */
  Node upperForWrite(CopyUp copy) {
    Node now = current();
    return now == upper ? now : copyUp(copy);
  }

  @Override
  public FileStat stat() {
    synchronized (volume.lock()) {
      Node now = current();
      FileStat s = now.stat();
      Inodes inodes = volume.inodes();
      return volume.mapped(s, now == upper ? inodes.ofUpper(s.ino()) : inodes.ofLower(s.ino()));
    }
  }

  /** Sets times on the upper node, copying the lower one up first (unless both are omitted). */
  @Override
  public void setTimes(long atimNs, long mtimNs) {
    if (atimNs == OMIT && mtimNs == OMIT) {
      synchronized (volume.lock()) {
        current();
      }
      return;
    }
    volume.mutate(copy -> upperForWrite(copy).setTimes(atimNs, mtimNs));
  }
}
