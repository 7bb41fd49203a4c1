package dev.wasibox.vfs.overlay;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.OpenFile;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A handle opened without write access on a file the lower layer backs. It never writes,
 * whatever the lower backend would allow.
 *
 * <p>When its name is copied up (a writer opens it, its times are set, it is linked or renamed),
 * the handle moves onto the copy and from then on reads what writers write, follows the copy
 * across renames and reports its attributes, as overlayfs does since Linux 4.19 (attack corpus
 * E15; the old "reads stale lower data" behaviour is gone there too). {@link LowerHandles} tells
 * it. A handle whose name is removed without a copy-up keeps reading the lower object, which is
 * then no longer linked into the overlay: {@code stat} reports {@code nlink} 0 and {@code
 * setTimes} is {@code ESTALE}.
 *
 * <p>Errors: {@code EBADF} write or setSize, or any call after close · {@code ESTALE} setTimes
 * once the object left the overlay · {@code ENOSPC} setTimes whose copy-up does not fit.
 */
final class LowerOpenFile implements OpenFile {
  private final OverlayVolume volume;
  private final OverlayFile node;
  private final boolean readable;
  private final OpenFile lowerHandle;
  private @Nullable UpperOpenFile moved;
  private boolean closed;

  LowerOpenFile(OverlayVolume volume, OverlayFile node, OpenFile lowerHandle, boolean readable) {
    this.volume = volume;
    this.node = node;
    this.lowerHandle = lowerHandle;
    this.readable = readable;
  }

  OverlayFile node() {
    return node;
  }

  /** Moves the handle onto {@code copy}, a handle on its file's new upper copy (under the lock). */
  synchronized void moveTo(UpperOpenFile copy) {
    if (closed || moved != null) {
      copy.close();
      return;
    }
    moved = copy;
    lowerHandle.close();
  }

  private OpenFile current() {
    if (closed) {
      throw new WasiException(Errno.EBADF, "closed");
    }
    return moved != null ? moved : lowerHandle;
  }

  @Override
  public synchronized int read(ByteBuffer dst, long position) {
    return current().read(dst, position);
  }

  @Override
  public synchronized int write(ByteBuffer src, long position) {
    current();
    throw new WasiException(Errno.EBADF, "not open for writing");
  }

  @Override
  public synchronized long size() {
    return current().size();
  }

  @Override
  public synchronized void setSize(long size) {
    current();
    throw new WasiException(Errno.EBADF, "not open for writing");
  }

  @Override
  public synchronized void sync() {
    current().sync();
  }

  @Override
  public FileStat stat() {
    synchronized (volume.lock()) {
      synchronized (this) {
        OpenFile now = current();
        if (now == moved) {
          return moved.stat();
        }
        FileStat s = lowerHandle.stat();
        boolean linked = node.currentOrNull() == node.lower();
        return volume.mapped(s, volume.inodes().ofLower(s.ino()), linked ? s.nlink() : 0);
      }
    }
  }

  @Override
  public void setTimes(long atimNs, long mtimNs) {
    synchronized (volume.lock()) {
      OpenFile now;
      synchronized (this) {
        now = current();
      }
      if (now == moved) {
        moved.setTimes(atimNs, mtimNs);
      } else if (node.currentOrNull() != node.lower()) {
        throw new WasiException(Errno.ESTALE, "the file left the overlay");
      } else {
        node.setTimes(atimNs, mtimNs); // copies up, which moves this handle onto the copy
      }
    }
  }

  @Override
  public boolean readable() {
    return readable;
  }

  @Override
  public boolean writable() {
    return false;
  }

  @Override
  public void close() {
    synchronized (volume.lock()) {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        volume.lowerHandles().remove(this);
        (moved != null ? moved : lowerHandle).close();
      }
    }
  }
}
