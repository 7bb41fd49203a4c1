package dev.wasibox.vfs.overlay;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.Volume;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A writable volume made of a read-only lower directory tree and a private in-memory upper layer,
 * with Linux overlayfs semantics: the lower layer is never written, and everything a guest changes
 * lives in the upper layer until the embedding program reads it ({@link #changes()}).
 *
 * <p>The lower layer is any {@link DirectoryNode} tree (a memory volume, the read-only host
 * backend, another overlay): the overlay only calls {@code lookup}, {@code list}, {@code stat},
 * {@code open} for reading and {@code target} on it. Its nodes never reach the resolver
 * unwrapped.
 *
 * <p>Every node reports this volume and its {@link #deviceId()}, which is the device number of
 * the private upper volume: nothing else ever sees that volume, and memory volumes draw their
 * numbers from one counter, so no other memory volume or overlay has it. Inode numbers are mapped
 * as {@link Inodes} describes.
 *
 * <p>All operations of one overlay are serialised on its lock; the lower and upper volumes have
 * their own locks, always taken after it.
 */
public final class OverlayVolume implements Volume {
  private final Object lock = new Object();
  private final MemoryVolume upper;
  private final DirectoryNode lowerRoot;
  private final Markers markers = new Markers();
  private final Inodes inodes = new Inodes();
  private final LowerHandles lowerHandles = new LowerHandles();
  private final OverlayDirectory root;
  private final LongSupplier clockNs;

  private OverlayVolume(DirectoryNode lowerRoot, Quota upperQuota, LongSupplier clockNs) {
    checkArgument(lowerRoot.type() == FileType.DIRECTORY, "the lower root must be a directory");
    this.lowerRoot = lowerRoot;
    this.clockNs = clockNs;
    this.upper = MemoryVolume.create(upperQuota, clockNs);
    DirectoryNode upperRoot = upper.root();
    FileStat lowerStat = lowerRoot.stat();
    upperRoot.setTimes(lowerStat.atimNs(), lowerStat.mtimNs());
    long upperRootIno = upperRoot.stat().ino();
    // The upper root stands for the lower root, as if copied up: same times, same number.
    inodes.copiedUp(upperRootIno, lowerStat.ino(), true);
    this.root = new OverlayDirectory(this, null, "", upperRoot, upperRootIno, lowerRoot);
  }

  /**
   * An overlay of {@code lowerRoot} with an empty upper layer limited by {@code upperQuota}, whose
   * new times come from {@code clockNs} (ns since the epoch).
   */
  public static OverlayVolume create(DirectoryNode lowerRoot, Quota upperQuota, LongSupplier clockNs) {
    return new OverlayVolume(checkNotNull(lowerRoot), checkNotNull(upperQuota), checkNotNull(clockNs));
  }

  /** An overlay of {@code lowerRoot} with the default quota and the system clock. */
  public static OverlayVolume create(DirectoryNode lowerRoot) {
    return create(lowerRoot, Quota.DEFAULT, () -> System.currentTimeMillis() * 1_000_000L);
  }

  /** The root directory of the overlay: the merged view of the lower root. */
  public DirectoryNode root() {
    return root;
  }

  /** The limits of the upper layer. */
  public Quota quota() {
    return upper.quota();
  }

  /** Bytes the upper layer holds now, file contents and symlink targets (copies included). */
  public long usedBytes() {
    return upper.usedBytes();
  }

  /** Nodes the upper layer holds now, its root included; whiteouts cost none. */
  public long usedInodes() {
    return upper.usedInodes();
  }

  /**
   * What the guest changed relative to the lower layer, in the order an exporter applies them:
   * depth first, each directory's entries by name. See {@link Change}.
   */
  public ImmutableList<Change> changes() {
    return changes(Integer.MAX_VALUE);
  }

  /**
   * As {@link #changes()}, but refusing to walk below {@code maxDepth} components: a guest can
   * nest directories as deep as its inode quota allows, and an exporter that cannot write paths
   * that deep should not pay for walking them.
   *
   * @throws dev.wasibox.capabilities.WasiException {@code ENAMETOOLONG} if some change lies deeper than {@code maxDepth}
   */
  public ImmutableList<Change> changes(int maxDepth) {
    synchronized (lock) {
      return ChangeWalker.walk(this, root, maxDepth);
    }
  }

  @Override
  public String describe() {
    return "overlay:" + lowerRoot.volume().describe();
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public long deviceId() {
    return upper.deviceId();
  }

  // ---- shared with the node classes ----

  Object lock() {
    return lock;
  }

  Markers markers() {
    return markers;
  }

  Inodes inodes() {
    return inodes;
  }

  LowerHandles lowerHandles() {
    return lowerHandles;
  }

  /** The time now, from the clock new times come from. */
  long now() {
    return clockNs.getAsLong();
  }

  long upperFreeBytes() {
    return upper.quota().maxBytes() - upper.usedBytes();
  }

  /** {@code stat} as the overlay reports it: this volume's device and the overlay number. */
  FileStat mapped(FileStat stat, long ino) {
    return mapped(stat, ino, stat.nlink());
  }

  /** As {@link #mapped(FileStat, long)}, with a link count the overlay decides. */
  FileStat mapped(FileStat stat, long ino, long nlink) {
    return new FileStat(
        deviceId(),
        ino,
        stat.type(),
        nlink,
        stat.size(),
        stat.atimNs(),
        stat.mtimNs(),
        stat.ctimNs());
  }

  /**
   * Runs one mutating operation under the lock; if it fails, whatever it copied up is removed
   * again before its error propagates, and if it succeeds, handles move onto the copies.
   */
  <T> T mutating(Function<CopyUp, T> operation) {
    synchronized (lock) {
      CopyUp copy = new CopyUp(this);
      boolean done = false;
      try {
        T result = operation.apply(copy);
        done = true;
        copy.commit();
        return result;
      } finally {
        if (!done) {
          copy.rollback();
        }
      }
    }
  }

  /** As {@link #mutating}, for an operation with no result. */
  void mutate(Consumer<CopyUp> operation) {
    mutating(
        copy -> {
          operation.accept(copy);
          return null;
        });
  }
}
