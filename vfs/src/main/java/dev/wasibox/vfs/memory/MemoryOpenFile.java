package dev.wasibox.vfs.memory;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.ErrnoMapper;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.OpenFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An open file of a {@link MemoryVolume}. It reads and writes through its Jimfs channel and reads
 * attributes through the volume's hidden pin link, so it follows the file across renames and
 * unlinks. Growth is charged to the volume's quota before any byte is written.
 */
final class MemoryOpenFile implements OpenFile {
  private final MemoryVolume volume;
  private final Object key;
  private final FileChannel channel;
  private final Path pinned;
  private final boolean readable;
  private final boolean writable;
  private boolean closed;

  MemoryOpenFile(
      MemoryVolume volume,
      Object key,
      FileChannel channel,
      Path pinned,
      boolean readable,
      boolean writable) {
    this.volume = volume;
    this.key = key;
    this.channel = channel;
    this.pinned = pinned;
    this.readable = readable;
    this.writable = writable;
  }

  private void checkOpen() {
    if (closed) {
      throw new WasiException(Errno.EBADF, "closed");
    }
  }

  @Override
  public int read(ByteBuffer dst, long position) {
    checkOpen();
    if (!readable) {
      throw new WasiException(Errno.EBADF, "not open for reading");
    }
    if (position < 0) {
      throw new WasiException(Errno.EINVAL);
    }
    try {
      int total = 0;
      while (dst.hasRemaining()) {
        int n = channel.read(dst, position + total);
        if (n <= 0) {
          break;
        }
        total += n;
      }
      return total;
    } catch (IOException e) {
      throw ErrnoMapper.toWasi(e);
    }
  }

  @Override
  public int write(ByteBuffer src, long position) {
    checkOpen();
    if (!writable) {
      throw new WasiException(Errno.EBADF, "not open for writing");
    }
    int length = src.remaining();
    if (position < 0) {
      throw new WasiException(Errno.EINVAL);
    }
    if (position > Long.MAX_VALUE - length) {
      throw new WasiException(Errno.EFBIG);
    }
    if (length == 0) {
      // An empty write changes nothing, wherever it is (POSIX); charging the gap up to
      // position would leak quota, since the file does not grow.
      return 0;
    }
    synchronized (volume.lock()) {
      try {
        long size = channel.size();
        volume.reserveBytes(Math.max(0, position + length - size));
        int total = 0;
        while (src.hasRemaining()) {
          total += channel.write(src, position + total);
        }
        return total;
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
    }
  }

  @Override
  public long size() {
    checkOpen();
    try {
      return channel.size();
    } catch (IOException e) {
      throw ErrnoMapper.toWasi(e);
    }
  }

  @Override
  public void setSize(long newSize) {
    checkOpen();
    if (!writable) {
      throw new WasiException(Errno.EBADF, "not open for writing");
    }
    if (newSize < 0) {
      throw new WasiException(Errno.EINVAL);
    }
    synchronized (volume.lock()) {
      try {
        long size = channel.size();
        if (newSize > size) {
          volume.reserveBytes(newSize - size);
          channel.write(ByteBuffer.wrap(new byte[1]), newSize - 1);
        } else if (newSize < size) {
          channel.truncate(newSize);
          volume.releaseBytes(size - newSize);
        }
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
    }
  }

  @Override
  public void sync() {
    checkOpen();
  }

  @Override
  public FileStat stat() {
    checkOpen();
    synchronized (volume.lock()) {
      return MemoryNode.statAt(volume, pinned, 1);
    }
  }

  @Override
  public void setTimes(long atimNs, long mtimNs) {
    checkOpen();
    synchronized (volume.lock()) {
      MemoryNode.setTimesAt(pinned, atimNs, mtimNs);
    }
  }

  @Override
  public boolean readable() {
    return readable;
  }

  @Override
  public boolean writable() {
    return writable;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (volume.lock()) {
      try {
        long size = channel.size();
        channel.close();
        volume.unpinHandle(key, size);
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
    }
  }
}
