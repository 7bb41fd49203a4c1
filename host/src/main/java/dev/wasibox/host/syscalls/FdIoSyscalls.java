package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.GuestMemory.Iovecs;
import dev.wasibox.host.WasiContext;
import dev.wasibox.host.fd.Descriptor;
import dev.wasibox.host.fd.FileDescriptor;
import dev.wasibox.host.fd.StreamDescriptor;
import java.nio.ByteBuffer;

/**
 * The data functions: {@code fd_read}, {@code fd_write}, {@code fd_pread}, {@code fd_pwrite},
 * {@code fd_seek} and {@code fd_tell}. Data moves between guest memory and files or streams in
 * chunks of at most {@link GuestMemory#CHUNK} bytes; the iovec array and the result pointer are
 * checked before any byte moves, so a bad pointer never loses data.
 *
 * <p>Rights: reads need {@code FD_READ}, writes {@code FD_WRITE}; the positional forms add {@code
 * FD_SEEK}; {@code fd_seek} needs {@code FD_SEEK} (or only {@code FD_TELL} for a zero move from
 * the current position); {@code fd_tell} needs {@code FD_TELL}.
 */
public final class FdIoSyscalls {
  /** The most bytes one call transfers (SSIZE_MAX of a 32-bit guest). */
  private static final long MAX_TRANSFER = Integer.MAX_VALUE;

  private final WasiContext context;

  public FdIoSyscalls(WasiContext context) {
    this.context = checkNotNull(context);
  }

  /**
   * {@code fd_read}: reads into the iovecs from the file position (advancing it) or the stream.
   *
   * <p>Errors: {@code EBADF} not open or a directory · {@code ENOTCAPABLE} no {@code FD_READ}
   * (an output stream, or a file opened without it) · {@code EINVAL} too many iovecs · {@code
   * EFAULT} bad iovec or result pointer.
   */
  public Errno fdRead(GuestMemory mem, int fd, long iovs, long iovsLen, long nreadPtr) {
    Descriptor d = context.fds().requireReadWrite(fd, Right.FD_READ);
    Iovecs iov = mem.iovecs(iovs, iovsLen);
    mem.check(nreadPtr, 4);
    long n;
    if (d instanceof FileDescriptor f) {
      n = readFile(mem, f, iov, f.position());
      f.position(f.position() + n);
    } else {
      context.flushOutputs();
      n = readStream(mem, (StreamDescriptor) d, iov);
    }
    mem.putU32(nreadPtr, n);
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_pread}: reads at {@code offset} without moving the position.
   *
   * <p>Errors: {@code EBADF} not open or a directory · {@code ESPIPE} a stream · {@code
   * ENOTCAPABLE} no {@code FD_READ} or {@code FD_SEEK} · {@code EINVAL} negative offset or too
   * many iovecs · {@code EFAULT}.
   */
  public Errno fdPread(GuestMemory mem, int fd, long iovs, long iovsLen, long offset, long nreadPtr) {
    FileDescriptor f = positionedFile(fd, Right.FD_READ, offset);
    Iovecs iov = mem.iovecs(iovs, iovsLen);
    mem.check(nreadPtr, 4);
    mem.putU32(nreadPtr, readFile(mem, f, iov, offset));
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_write}: writes the ciovecs at the file position (at the end with {@code APPEND}),
   * advancing it, or to the stream.
   *
   * <p>Errors: {@code EBADF} not open or a directory · {@code ENOTCAPABLE} no {@code FD_WRITE}
   * (an input stream, or a file opened without it: a descriptor holds {@code FD_WRITE} exactly
   * when its file was opened for writing) · {@code ENOSPC} over the volume quota with nothing
   * written · {@code EFBIG} the end would pass 2^63 · {@code EINVAL} too many iovecs · {@code
   * EFAULT}.
   */
  public Errno fdWrite(GuestMemory mem, int fd, long iovs, long iovsLen, long nwrittenPtr) {
    Descriptor d = context.fds().requireReadWrite(fd, Right.FD_WRITE);
    Iovecs iov = mem.iovecs(iovs, iovsLen);
    mem.check(nwrittenPtr, 4);
    long n;
    if (d instanceof FileDescriptor f) {
      long at = f.append() ? f.file().size() : f.position();
      n = writeFile(mem, f, iov, at);
      f.position(at + n);
    } else {
      n = writeStream(mem, (StreamDescriptor) d, iov);
    }
    mem.putU32(nwrittenPtr, n);
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_pwrite}: writes at {@code offset} without moving the position.
   *
   * <p>Errors: as {@link #fdPread}, with {@code FD_WRITE}, plus {@code ENOSPC} over quota and
   * {@code EFBIG} when {@code offset} plus the length passes 2^63.
   */
  public Errno fdPwrite(
      GuestMemory mem, int fd, long iovs, long iovsLen, long offset, long nwrittenPtr) {
    FileDescriptor f = positionedFile(fd, Right.FD_WRITE, offset);
    Iovecs iov = mem.iovecs(iovs, iovsLen);
    mem.check(nwrittenPtr, 4);
    mem.putU32(nwrittenPtr, writeFile(mem, f, iov, offset));
    return Errno.SUCCESS;
  }

  /** The file behind {@code fd} for a positioned read or write: {@code access} and {@code FD_SEEK}. */
  private FileDescriptor positionedFile(int fd, Right access, long offset) {
    FileDescriptor f = context.fds().requireFile(fd, access);
    f.require(Right.FD_SEEK);
    if (offset < 0) {
      throw new WasiException(Errno.EINVAL, "negative offset");
    }
    return f;
  }

  /**
   * {@code fd_seek}: moves the position; {@code whence} is already the preview1 value (SET=0,
   * CUR=1, END=2).
   *
   * <p>Errors: {@code EBADF} not open or a directory · {@code ESPIPE} a stream · {@code
   * ENOTCAPABLE} no {@code FD_SEEK} (and not a pure tell with {@code FD_TELL}) · {@code EINVAL}
   * the result would be negative or overflow · {@code EFAULT}.
   */
  public Errno fdSeek(GuestMemory mem, int fd, long offset, int whence, long newOffsetPtr) {
    boolean tellOnly = offset == 0 && whence == 1;
    FileDescriptor f =
        context.fds().requireFile(fd, tellOnly ? Right.FD_TELL : Right.FD_SEEK);
    mem.check(newOffsetPtr, 8);
    long base =
        switch (whence) {
          case 0 -> 0;
          case 1 -> f.position();
          default -> f.file().size();
        };
    long target = base + offset;
    if ((offset > 0 && target < base) || target < 0) {
      throw new WasiException(Errno.EINVAL, "seek out of range");
    }
    f.position(target);
    mem.putU64(newOffsetPtr, target);
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_tell}.
   *
   * <p>Errors: {@code EBADF} not open or a directory · {@code ESPIPE} a stream · {@code
   * ENOTCAPABLE} no {@code FD_TELL} · {@code EFAULT}.
   */
  public Errno fdTell(GuestMemory mem, int fd, long offsetPtr) {
    FileDescriptor f = context.fds().requireFile(fd, Right.FD_TELL);
    mem.putU64(offsetPtr, f.position());
    return Errno.SUCCESS;
  }

  private static long readFile(GuestMemory mem, FileDescriptor f, Iovecs iov, long at) {
    byte[] chunk = new byte[(int) Math.min(GuestMemory.CHUNK, Math.min(iov.total(), MAX_TRANSFER))];
    long total = 0;
    for (int i = 0; i < iov.count() && total < MAX_TRANSFER; i++) {
      long len = Math.min(iov.len(i), MAX_TRANSFER - total);
      for (long done = 0; done < len; ) {
        int want = (int) Math.min(chunk.length, len - done);
        int got = f.file().read(ByteBuffer.wrap(chunk, 0, want), at + total);
        mem.write(iov.buf(i) + done, chunk, 0, got);
        done += got;
        total += got;
        if (got < want) {
          return total;
        }
      }
    }
    return total;
  }

  private static long readStream(GuestMemory mem, StreamDescriptor s, Iovecs iov) {
    byte[] chunk = new byte[(int) Math.min(GuestMemory.CHUNK, Math.min(iov.total(), MAX_TRANSFER))];
    long total = 0;
    for (int i = 0; i < iov.count(); i++) {
      for (long done = 0; done < iov.len(i); ) {
        int want = (int) Math.min(chunk.length, iov.len(i) - done);
        int got = s.input().read(chunk, 0, want);
        mem.write(iov.buf(i) + done, chunk, 0, got);
        done += got;
        total += got;
        if (got < want) {
          // A stream returns what it has; never block again once some bytes arrived.
          return total;
        }
      }
    }
    return total;
  }

  private static long writeFile(GuestMemory mem, FileDescriptor f, Iovecs iov, long at) {
    long total = 0;
    try {
      for (int i = 0; i < iov.count() && total < MAX_TRANSFER; i++) {
        long len = Math.min(iov.len(i), MAX_TRANSFER - total);
        for (long done = 0; done < len; ) {
          int n = (int) Math.min(GuestMemory.CHUNK, len - done);
          f.file().write(ByteBuffer.wrap(mem.chunk(iov.buf(i) + done, n)), at + total);
          done += n;
          total += n;
        }
      }
    } catch (WasiException e) {
      if (total == 0) {
        throw e;
      }
      // POSIX: report the bytes written before the failure; the next write reports the error.
    }
    return total;
  }

  private static long writeStream(GuestMemory mem, StreamDescriptor s, Iovecs iov) {
    long total = 0;
    for (int i = 0; i < iov.count() && total < MAX_TRANSFER; i++) {
      long len = Math.min(iov.len(i), MAX_TRANSFER - total);
      for (long done = 0; done < len; ) {
        int n = (int) Math.min(GuestMemory.CHUNK, len - done);
        s.output().write(mem.chunk(iov.buf(i) + done, n), 0, n);
        done += n;
        total += n;
      }
    }
    return total;
  }
}
