package dev.wasibox.vfs.overlay;

import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import org.jspecify.annotations.Nullable;

/**
 * A regular file of an overlay. Opening it for writing copies a lower file up first (content and
 * times, see {@link CopyUp}) and opens the copy; opening it for reading only opens whichever layer
 * backs it now.
 *
 * <p>A handle opened without write access on the lower file moves onto the copy when the file
 * is copied up, as on Linux since 4.19 (attack corpus E15, {@link LowerOpenFile}); it never sees
 * another file's data.
 *
 * <p>Errors: {@code ENOENT} the name no longer holds this file · {@code ENOSPC} the copy-up does
 * not fit in the upper quota (nothing is copied then) · the errors of the backing file's {@code
 * open}.
 */
final class OverlayFile extends OverlayLeaf implements FileNode {
  OverlayFile(
      OverlayVolume volume,
      OverlayDirectory parent,
      String name,
      @Nullable FileNode upper,
      @Nullable FileNode lower) {
    super(volume, parent, name, upper, lower);
  }

  @Override
  public FileType type() {
    return FileType.REGULAR_FILE;
  }

  @Override
  Node copyUp(CopyUp copy) {
    return copy.file(this);
  }

  /** Truncates: a lower file is copied up empty (its content would be discarded anyway). */
  @Override
  public void truncate() {
    volume.mutate(
        copy -> {
          Node now = current();
          FileNode target = now == upper() ? (FileNode) now : copy.file(this, false);
          try (OpenFile f = target.open(false, true)) {
            f.setSize(0);
          }
        });
  }

  @Override
  public OpenFile open(boolean read, boolean write) {
    if (write) {
      return volume.mutating(
          copy -> new UpperOpenFile(volume, ((FileNode) upperForWrite(copy)).open(read, true)));
    }
    synchronized (volume.lock()) {
      Node now = current();
      OpenFile handle = ((FileNode) now).open(read, false);
      if (now == upper()) {
        return new UpperOpenFile(volume, handle);
      }
      LowerOpenFile reader = new LowerOpenFile(volume, this, handle, read);
      volume.lowerHandles().add(reader);
      return reader;
    }
  }
}
