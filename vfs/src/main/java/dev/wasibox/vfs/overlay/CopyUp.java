package dev.wasibox.vfs.overlay;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.SymlinkNode;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Copies lower-layer nodes into the upper layer for one overlay operation, and undoes all of it
 * if that operation fails: an operation that fails (for example with {@code ENOSPC} from the
 * upper quota) leaves no half-made copy, no copied-up parent and no quota used.
 *
 * <p>A copy is complete when it is made: file content is streamed through a fixed-size buffer,
 * a symlink's target text is copied verbatim, times are copied, and nothing in the upper layer
 * refers back to the lower one, which may change underneath or be a host directory (the
 * "RealFileRef" bug of pydantic/monty cannot happen). Missing parent directories are copied first,
 * top down, with their lower times. Creating a copy in an upper directory does not count as a
 * change of that directory: its times are put back afterwards, as overlayfs does.
 *
 * <p>Errors: {@code ENOSPC} the upper quota (bytes or inodes) is exhausted · {@code ENOENT} the
 * directory to copy into was removed · any error of the lower layer while reading.
 */
final class CopyUp {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final OverlayVolume volume;
  private final ArrayDeque<Runnable> undo = new ArrayDeque<>();
  private final List<Runnable> onCommit = new ArrayList<>();

  CopyUp(OverlayVolume volume) {
    this.volume = volume;
  }

  /** Completes the operation: runs what had to wait until nothing could fail any more. */
  void commit() {
    onCommit.forEach(Runnable::run);
  }

  /** Runs the undo steps, newest first. The operation's own error is what its caller sees. */
  void rollback() {
    while (!undo.isEmpty()) {
      try {
        undo.pop().run();
      } catch (WasiException e) {
        // Keep undoing the rest; these steps remove what this operation just made under the
        // overlay's lock, so none is expected to fail.
      }
    }
  }

  /** The upper directory of {@code dir}, after copying it and its missing ancestors up. */
  DirectoryNode directory(OverlayDirectory dir) {
    List<OverlayDirectory> missing = new ArrayList<>();
    OverlayDirectory d = dir;
    while (d.upper() == null) {
      d.checkLive();
      missing.add(d);
      d = d.parent(); // the root always has an upper directory
    }
    if (missing.isEmpty()) {
      d.checkLive();
      return d.upper();
    }
    for (int i = missing.size() - 1; i >= 0; i--) {
      OverlayDirectory m = missing.get(i);
      DirectoryNode parentUpper = m.parent().upper();
      String name = m.name();
      DirectoryNode made =
          create(parentUpper, () -> parentUpper.createDirectory(name), () -> parentUpper.removeDirectory(name));
      long ino = made.stat().ino();
      volume.inodes().copiedUp(ino, m.lower().stat().ino(), true);
      m.attachUpper(made, ino);
      undo.push(
          () -> {
            m.detachUpper();
            volume.inodes().forget(ino);
          });
    }
    // Last, as each copy's own times changed when the next one was made in it.
    for (OverlayDirectory m : missing) {
      copyTimes(m.lower().stat(), m.upper());
    }
    return dir.upper();
  }

  /** Copies the lower file of {@code file} up, content and times, and attaches the copy. */
  FileNode file(OverlayFile file) {
    return file(file, true);
  }

  /**
   * Copies the lower file of {@code file} up and attaches the copy; without {@code content}
   * the copy starts empty (for a truncation, which would discard the content).
   */
  FileNode file(OverlayFile file, boolean content) {
    FileNode lower = (FileNode) file.lower();
    FileStat lowerStat = lower.stat();
    if (content && lowerStat.size() > volume.upperFreeBytes()) {
      throw new WasiException(Errno.ENOSPC, "copy-up larger than the free upper quota");
    }
    DirectoryNode parent = directory(file.parent());
    String name = file.name();
    FileNode copy = create(parent, () -> parent.createFile(name), () -> parent.unlink(name));
    if (content) {
      copyContent(lower, copy);
    }
    copyTimes(lowerStat, copy);
    attach(file, copy, lowerStat.ino(), lowerStat.nlink() == 1);
    moveReaders(file, copy);
    return copy;
  }

  private static void copyContent(FileNode lower, FileNode copy) {
    try (OpenFile in = lower.open(true, false);
        OpenFile out = copy.open(false, true)) {
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
      long position = 0;
      while (true) {
        buffer.clear();
        int n = in.read(buffer, position);
        if (n <= 0) {
          break;
        }
        buffer.flip();
        out.write(buffer, position);
        position += n;
      }
    }
  }

  /**
   * Opens the copy for each read-only handle open under the file's name now, while the copy is
   * still under that name, and moves the handles onto it once the operation succeeded.
   */
  private void moveReaders(OverlayFile file, FileNode copy) {
    List<LowerOpenFile> readers = volume.lowerHandles().openAt(file);
    if (readers.isEmpty()) {
      return;
    }
    List<UpperOpenFile> reopened = new ArrayList<>();
    undo.push(() -> reopened.forEach(UpperOpenFile::close));
    for (LowerOpenFile reader : readers) {
      reopened.add(new UpperOpenFile(volume, copy.open(reader.readable(), false)));
    }
    onCommit.add(
        () -> {
          volume.lowerHandles().moved(file);
          for (int i = 0; i < readers.size(); i++) {
            readers.get(i).moveTo(reopened.get(i));
          }
        });
  }

  /** Copies the lower symlink of {@code link} up, target text verbatim, and attaches the copy. */
  SymlinkNode symlink(OverlaySymlink link) {
    SymlinkNode lower = (SymlinkNode) link.lower();
    FileStat lowerStat = lower.stat();
    String target = lower.target();
    DirectoryNode parent = directory(link.parent());
    String name = link.name();
    SymlinkNode copy =
        create(parent, () -> parent.createSymlink(name, target), () -> parent.unlink(name));
    copyTimes(lowerStat, copy);
    attach(link, copy, lowerStat.ino(), lowerStat.nlink() == 1);
    return copy;
  }

  private void attach(OverlayLeaf leaf, Node copy, long lowerIno, boolean inherits) {
    long ino = copy.stat().ino();
    volume.inodes().copiedUp(ino, lowerIno, inherits);
    leaf.attachUpper(copy);
    undo.push(
        () -> {
          leaf.detachUpper();
          volume.inodes().forget(ino);
        });
  }

  /**
   * Makes one upper entry and records how to remove it again. Either way the parent's times are
   * put back: a copy-up is not a change of the directory it goes into.
   */
  private <T extends Node> T create(DirectoryNode parent, Supplier<T> make, Runnable remove) {
    FileStat before = parent.stat();
    T made = make.get();
    copyTimes(before, parent);
    undo.push(
        () -> {
          remove.run();
          copyTimes(before, parent);
        });
    return made;
  }

  private static void copyTimes(FileStat from, Node to) {
    to.setTimes(from.atimNs(), from.mtimNs());
  }
}
