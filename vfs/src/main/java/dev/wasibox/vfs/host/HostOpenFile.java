package dev.wasibox.vfs.host;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.ErrnoMapper;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.OpenFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A host file opened read-only: positional reads through a channel opened with only {@code READ}
 * and {@code NOFOLLOW_LINKS}; a write or resize fails with {@code EBADF} (the handle is not open
 * for writing, as {@link OpenFile} says), a time change with {@code EROFS}.
 *
 * <p>Reading may update the file's access time, as any read does under the host's mount options
 * ({@code relatime} by default); that is the kernel's doing and changes neither content nor
 * modification or change time.
 */
final class HostOpenFile implements OpenFile {
  private final HostFile file;
  private final FileChannel channel;
  private final boolean readable;
  private final FileStat atOpen;
  private final AtomicBoolean closed = new AtomicBoolean();

  HostOpenFile(HostFile file, FileChannel channel, boolean readable, FileStat atOpen) {
    this.file = file;
    this.channel = channel;
    this.readable = readable;
    this.atOpen = atOpen;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new WasiException(Errno.EBADF, "closed");
    }
  }

  private static WasiException mapped(IOException e) {
    // Closed under us: by the volume's close, or by an interrupt (FileChannel closes itself then).
    return e instanceof ClosedChannelException
        ? new WasiException(Errno.EBADF, "host channel closed")
        : ErrnoMapper.toWasi(e);
  }

  /**
   * Reads into {@code dst} from {@code position} until it is full or at end of file.
   *
   * @throws WasiException {@code EBADF} closed, or not opened for reading; {@code EINVAL}
   *     negative position; {@code EIO} host failure
   */
  @Override
  public int read(ByteBuffer dst, long position) {
    checkOpen();
    if (!readable) {
      throw new WasiException(Errno.EBADF, "not open for reading");
    }
    if (position < 0) {
      throw new WasiException(Errno.EINVAL, "negative position");
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
      throw mapped(e);
    }
  }

  /**
   * @throws WasiException {@code EBADF} always, before any I/O: closed, or (every host handle is
   *     opened for reading only) not open for writing, as {@link OpenFile} says for any backend
   */
  @Override
  public int write(ByteBuffer src, long position) {
    checkOpen();
    throw new WasiException(Errno.EBADF, "not open for writing");
  }

  /**
   * The current size, from {@code fstat} on the open file.
   *
   * @throws WasiException {@code EBADF} closed; {@code EIO}
   */
  @Override
  public long size() {
    checkOpen();
    try {
      return channel.size();
    } catch (IOException e) {
      throw mapped(e);
    }
  }

  /** @throws WasiException {@code EBADF} always, before any I/O, as {@link #write} */
  @Override
  public void setSize(long size) {
    checkOpen();
    throw new WasiException(Errno.EBADF, "not open for writing");
  }

  /**
   * Nothing to flush on a read-only handle.
   *
   * @throws WasiException {@code EBADF} closed
   */
  @Override
  public void sync() {
    checkOpen();
  }

  /**
   * The attributes of the open file with its live size. Pure Java has no {@code fstat} on a
   * channel: they are read through the file's name when that still shows the same file key, and
   * are otherwise those seen at open (the file was renamed or unlinked on the host).
   *
   * @throws WasiException {@code EBADF} closed; {@code EIO}
   */
  @Override
  public FileStat stat() {
    long size = size();
    try {
      return HostStats.withSize(file.stat(), size);
    } catch (WasiException e) {
      if (e.errno() != Errno.ENOENT) {
        throw e;
      }
      return HostStats.withSize(atOpen, size);
    }
  }

  /** @throws WasiException {@code EBADF} closed; else {@code EROFS}, before any I/O */
  @Override
  public void setTimes(long atimNs, long mtimNs) {
    checkOpen();
    throw HostNode.readOnly();
  }

  @Override
  public boolean readable() {
    return readable;
  }

  @Override
  public boolean writable() {
    return false;
  }

  /** Closes the host channel. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      HostIo.closeQuietly(channel);
      file.volume.untrack(this);
    }
  }
}
