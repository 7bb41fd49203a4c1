package dev.wasibox.vfs.overlay;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Names;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.SymlinkNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A directory of an {@link OverlayVolume}: an optional upper directory merged with an optional
 * lower one. Lookups see, for each name: nothing if the name is a whiteout; the upper node if it
 * is not a directory; both directories merged if both are directories and the upper one is not
 * opaque; else whichever exists. Mutations copy this directory (and its ancestors) up first and
 * act on the upper layer; names removed from the lower layer's view become whiteouts, and a
 * directory created where the lower layer has the name is opaque.
 *
 * <p>There is one object per overlay directory while anyone holds it ({@link ChildDirectories});
 * a removed one fails every operation with {@code ENOENT}, so a stale handle can neither read
 * lower entries that were deleted nor bring its name back by copying itself up. Only directories
 * without a lower part move ({@code EXDEV} otherwise, see {@link Rename}), so the lower part of a
 * directory object never changes.
 *
 * <p>Errors, beyond those of {@link DirectoryNode}: {@code ENOENT} this directory was removed ·
 * {@code ENOSPC} a copy-up needed by the operation does not fit in the upper quota (nothing is
 * changed then) · {@code EXDEV} a node of another volume, or renaming a directory that has a
 * lower part · {@code ENOTSUP} a lower node of a special type would have to be copied up.
 */
final class OverlayDirectory extends OverlayNode implements DirectoryNode {
  private @Nullable OverlayDirectory parent;
  private String name;
  private @Nullable DirectoryNode upper;
  private long upperIno;
  private final @Nullable DirectoryNode lower;
  private boolean removed;
  private final ChildDirectories children = new ChildDirectories();

  OverlayDirectory(
      OverlayVolume volume,
      @Nullable OverlayDirectory parent,
      String name,
      @Nullable DirectoryNode upper,
      long upperIno,
      @Nullable DirectoryNode lower) {
    super(volume);
    this.parent = parent;
    this.name = name;
    this.upper = upper;
    this.upperIno = upperIno;
    this.lower = lower;
  }

  // ---- state shared with CopyUp, Rename, ChangeWalker and the leaves (under the lock) ----

  @Nullable OverlayDirectory parent() {
    return parent;
  }

  String name() {
    return name;
  }

  @Nullable DirectoryNode upper() {
    return upper;
  }

  /** The upper directory's own inode number, which keys its {@link Markers}; only with an upper. */
  long upperIno() {
    return upperIno;
  }

  @Nullable DirectoryNode lower() {
    return lower;
  }

  void attachUpper(DirectoryNode dir, long ino) {
    upper = dir;
    upperIno = ino;
  }

  void detachUpper() {
    upper = null;
    upperIno = 0;
  }

  boolean isLive() {
    return !removed;
  }

  void checkLive() {
    if (removed) {
      throw new WasiException(Errno.ENOENT, "directory was removed");
    }
  }

  /**
   * Forgets a child whose directory was just removed or replaced (its upper directory, if any, is
   * gone, and so are its marks), and fails the object from now on.
   */
  void dropChild(String childName, OverlayDirectory child) {
    children.remove(childName);
    if (child.upper != null) {
      volume.markers().forget(child.upperIno);
    }
    child.markRemoved();
  }

  /** Moves a child directory object to its new place after its upper directory moved there. */
  void moveChild(String childName, OverlayDirectory child, OverlayDirectory to, String newName) {
    children.remove(childName);
    child.parent = to;
    child.name = newName;
    to.children.put(newName, child);
  }

  /** Fails this object from now on: it no longer stands for a directory of the overlay. */
  void markRemoved() {
    removed = true;
  }

  /** What {@code childName} stands for now; see {@link Slot#of}. */
  Slot slot(String childName, boolean needLowerPositive) {
    return Slot.of(volume.markers(), upper, upperIno, lower, childName, needLowerPositive);
  }

  /** The overlay node for a present slot of this directory. */
  Node nodeFor(String childName, Slot s) {
    switch (s.type()) {
      case DIRECTORY:
        return child(childName, s);
      case REGULAR_FILE:
        return new OverlayFile(volume, this, childName, (FileNode) s.upper(), (FileNode) s.lower());
      case SYMBOLIC_LINK:
        return new OverlaySymlink(
            volume, this, childName, (SymlinkNode) s.upper(), (SymlinkNode) s.lower());
      default:
        return new OverlaySpecial(volume, this, childName, s.upper(), s.lower());
    }
  }

  private OverlayDirectory child(String childName, Slot s) {
    return children.forSlot(this, childName, s);
  }

  /** The lower names this directory hides. */
  private Set<String> whiteouts() {
    return upper == null ? Set.of() : volume.markers().whiteouts(upperIno);
  }

  /** Whether the merged view is empty (the caller holds the lock). */
  boolean isEmptyLocked() {
    checkLive();
    if (upper != null && !upper.isEmpty()) {
      return false;
    }
    if (lower == null) {
      return true;
    }
    Set<String> whiteouts = whiteouts();
    for (DirEntry e : lower.list()) {
      if (!whiteouts.contains(e.name())) {
        return false;
      }
    }
    return true;
  }

  // ---- the SPI ----

  @Override
  public FileType type() {
    return FileType.DIRECTORY;
  }

  @Override
  public FileStat stat() {
    synchronized (volume.lock()) {
      checkLive();
      if (upper != null) {
        FileStat s = upper.stat();
        // A merged directory's subdirectories are in two layers: report 1, "not counted", as
        // overlayfs does, so that tools like find do not trust 2 + subdirectories.
        return volume.mapped(s, volume.inodes().ofUpper(s.ino()), lower == null ? s.nlink() : 1);
      }
      FileStat s = lower.stat();
      return volume.mapped(s, volume.inodes().ofLower(s.ino()));
    }
  }

  /** Sets times on the upper directory, copying this directory up first. */
  @Override
  public void setTimes(long atimNs, long mtimNs) {
    if (atimNs == OMIT && mtimNs == OMIT) {
      synchronized (volume.lock()) {
        checkLive();
      }
      return;
    }
    volume.mutate(copy -> copy.directory(this).setTimes(atimNs, mtimNs));
  }

  @Override
  public @Nullable Node lookup(String childName) {
    Names.checkSingle(childName);
    synchronized (volume.lock()) {
      checkLive();
      Slot s = slot(childName, false);
      return s.present() ? nodeFor(childName, s) : null;
    }
  }

  @Override
  public FileNode createFile(String childName) {
    return (FileNode) create(childName, false, up -> up.createFile(childName));
  }

  @Override
  public DirectoryNode createDirectory(String childName) {
    return (DirectoryNode) create(childName, true, up -> up.createDirectory(childName));
  }

  @Override
  public SymlinkNode createSymlink(String childName, String target) {
    return (SymlinkNode) create(childName, false, up -> up.createSymlink(childName, target));
  }

  /**
   * Creates a new upper entry; over a whiteout the whiteout goes, and a directory where the lower
   * layer has the name is opaque, so that nothing deleted from the lower layer comes back.
   */
  private Node create(String childName, boolean directory, Function<DirectoryNode, Node> make) {
    Names.checkSingle(childName);
    return volume.mutating(
        copy -> {
          checkLive();
          Slot s = slot(childName, true);
          if (s.present()) {
            throw new WasiException(Errno.EEXIST);
          }
          DirectoryNode up = copy.directory(this);
          Node made = make.apply(up);
          volume.markers().removeWhiteout(upperIno, childName);
          if (!directory) {
            return nodeFor(childName, new Slot(made, null, false));
          }
          long ino = made.stat().ino();
          if (s.lowerPositive()) {
            volume.markers().setOpaque(ino);
          }
          OverlayDirectory dir =
              new OverlayDirectory(volume, this, childName, (DirectoryNode) made, ino, null);
          children.put(childName, dir);
          return dir;
        });
  }

  /** Links {@code existing} here; a lower source is copied up first (breaking lower links). */
  @Override
  public void link(String childName, Node existing) {
    Names.checkSingle(childName);
    if (!(existing instanceof OverlayNode) || ((OverlayNode) existing).volume != volume) {
      throw new WasiException(Errno.EXDEV);
    }
    if (existing.type() == FileType.DIRECTORY) {
      throw new WasiException(Errno.EPERM, "hard link to a directory");
    }
    OverlayLeaf source = (OverlayLeaf) existing;
    volume.mutate(
        copy -> {
          checkLive();
          if (slot(childName, false).present()) {
            throw new WasiException(Errno.EEXIST);
          }
          Node target = source.upperForWrite(copy);
          copy.directory(this).link(childName, target);
          volume.markers().removeWhiteout(upperIno, childName);
        });
  }

  @Override
  public void unlink(String childName) {
    Names.checkSingle(childName);
    volume.mutate(
        copy -> {
          checkLive();
          Slot s = slot(childName, true);
          if (!s.present()) {
            throw new WasiException(Errno.ENOENT);
          }
          if (s.isDirectory()) {
            throw new WasiException(Errno.EISDIR);
          }
          hide(copy, childName, s, up -> up.unlink(childName));
        });
  }

  /** Removes a directory whose merged view is empty; a lower part leaves a whiteout. */
  @Override
  public void removeDirectory(String childName) {
    Names.checkSingle(childName);
    volume.mutate(
        copy -> {
          checkLive();
          Slot s = slot(childName, true);
          if (!s.present()) {
            throw new WasiException(Errno.ENOENT);
          }
          if (!s.isDirectory()) {
            throw new WasiException(Errno.ENOTDIR);
          }
          OverlayDirectory dir = child(childName, s);
          if (!dir.isEmptyLocked()) {
            throw new WasiException(Errno.ENOTEMPTY);
          }
          hide(copy, childName, s, up -> up.removeDirectory(childName));
          dropChild(childName, dir);
        });
  }

  /** Takes a name out of the merged view: the upper entry goes, a whiteout hides the lower one. */
  private void hide(CopyUp copy, String childName, Slot s, Consumer<DirectoryNode> removeUpper) {
    DirectoryNode up = s.lowerPositive() ? copy.directory(this) : upper;
    if (s.upper() != null) {
      removeUpper.accept(up);
    }
    if (s.lowerPositive()) {
      volume.markers().addWhiteout(upperIno, childName);
      if (s.upper() == null) {
        // Only a whiteout was made: still a change of this directory, as any removal is.
        up.setTimes(OMIT, volume.now());
      }
    }
  }

  /** See {@link Rename}. */
  @Override
  public void rename(String childName, DirectoryNode target, String targetName) {
    Names.checkSingle(childName);
    Names.checkSingle(targetName);
    if (!(target instanceof OverlayDirectory) || ((OverlayDirectory) target).volume != volume) {
      throw new WasiException(Errno.EXDEV);
    }
    OverlayDirectory to = (OverlayDirectory) target;
    volume.mutate(copy -> Rename.run(copy, this, childName, to, targetName));
  }

  /** The merged entries: upper ones, then lower ones not shadowed or whited out, by name. */
  @Override
  public List<DirEntry> list() {
    synchronized (volume.lock()) {
      checkLive();
      List<DirEntry> out = new ArrayList<>();
      Set<String> taken = new HashSet<>();
      Inodes inodes = volume.inodes();
      if (upper != null) {
        for (DirEntry e : upper.list()) {
          out.add(new DirEntry(e.name(), e.type(), inodes.ofUpper(e.ino())));
          taken.add(e.name());
        }
      }
      if (lower != null) {
        Set<String> whiteouts = whiteouts();
        for (DirEntry e : lower.list()) {
          if (!taken.contains(e.name()) && !whiteouts.contains(e.name())) {
            out.add(new DirEntry(e.name(), e.type(), inodes.ofLower(e.ino())));
          }
        }
      }
      out.sort(Comparator.comparing(DirEntry::name));
      return out;
    }
  }

  @Override
  public boolean isEmpty() {
    synchronized (volume.lock()) {
      return isEmptyLocked();
    }
  }
}
