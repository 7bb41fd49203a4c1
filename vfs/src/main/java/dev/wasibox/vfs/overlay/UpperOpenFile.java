package dev.wasibox.vfs.overlay;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.OpenFile;
import java.nio.ByteBuffer;

/**
 * An open file of an overlay backed by an upper-layer handle: reads, writes and the quota are the
 * memory backend's, and the handle follows its file across renames and unlinks; {@code stat}
 * reports the overlay's device and inode number. Every call after {@code close} is {@code EBADF}.
 */
final class UpperOpenFile implements OpenFile {
  private final OverlayVolume volume;
  private final OpenFile delegate;
  private volatile boolean closed;

  UpperOpenFile(OverlayVolume volume, OpenFile delegate) {
    this.volume = volume;
    this.delegate = delegate;
  }

  private void checkOpen() {
    if (closed) {
      throw new WasiException(Errno.EBADF, "closed");
    }
  }

  @Override
  public int read(ByteBuffer dst, long position) {
    checkOpen();
    return delegate.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) {
    checkOpen();
    return delegate.write(src, position);
  }

  @Override
  public long size() {
    checkOpen();
    return delegate.size();
  }

  @Override
  public void setSize(long size) {
    checkOpen();
    delegate.setSize(size);
  }

  @Override
  public void sync() {
    checkOpen();
    delegate.sync();
  }

  @Override
  public FileStat stat() {
    checkOpen();
    synchronized (volume.lock()) {
      FileStat s = delegate.stat();
      return volume.mapped(s, volume.inodes().ofUpper(s.ino()));
    }
  }

  @Override
  public void setTimes(long atimNs, long mtimNs) {
    checkOpen();
    delegate.setTimes(atimNs, mtimNs);
  }

  @Override
  public boolean readable() {
    return delegate.readable();
  }

  @Override
  public boolean writable() {
    return delegate.writable();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      delegate.close();
    }
  }
}
