package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.Abi;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.WasiContext;
import dev.wasibox.host.fd.Descriptor;
import dev.wasibox.host.fd.DirectoryDescriptor;
import dev.wasibox.host.fd.FdFlags;
import dev.wasibox.host.fd.FileDescriptor;
import dev.wasibox.host.fd.StreamDescriptor;
import dev.wasibox.vfs.GuestPath;

/**
 * The descriptor functions other than data transfer: close, renumber, fdstat, filestat, prestat,
 * advise, allocate and sync. ({@code fd_readdir} is in {@link FdReaddir}.)
 */
public final class FdSyscalls {
  private final WasiContext context;

  public FdSyscalls(WasiContext context) {
    this.context = checkNotNull(context);
  }

  /**
   * {@code fd_advise}: validated, then ignored (advice is a hint).
   *
   * <p>Errors: {@code EBADF} not open or a directory · {@code ESPIPE} a stream · {@code
   * ENOTCAPABLE} no {@code FD_ADVISE} · {@code EINVAL} unknown advice or negative range.
   */
  public Errno fdAdvise(int fd, long offset, long len, int advice) {
    context.fds().requireFile(fd, Right.FD_ADVISE);
    if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
      throw new WasiException(Errno.EINVAL);
    }
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_allocate}: extends the file to {@code offset + len} if it is shorter.
   *
   * <p>Errors: {@code EBADF} not open, a directory, or not writable · {@code ESPIPE} a stream ·
   * {@code ENOTCAPABLE} no {@code FD_ALLOCATE} · {@code EINVAL} negative or zero length or
   * negative offset · {@code EFBIG} overflow · {@code ENOSPC} over quota.
   */
  public Errno fdAllocate(int fd, long offset, long len) {
    FileDescriptor f = context.fds().requireFile(fd, Right.FD_ALLOCATE);
    if (offset < 0 || len <= 0) {
      throw new WasiException(Errno.EINVAL);
    }
    if (offset > Long.MAX_VALUE - len) {
      throw new WasiException(Errno.EFBIG);
    }
    if (offset + len > f.file().size()) {
      f.file().setSize(offset + len);
    }
    return Errno.SUCCESS;
  }

  /** {@code fd_close}: closes any descriptor, preopens included. Errors: {@code EBADF}. */
  public Errno fdClose(int fd) {
    context.fds().table().remove(fd).close();
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_datasync}.
   *
   * <p>Errors: {@code EBADF} not open or a directory · {@code ESPIPE} a stream · {@code
   * ENOTCAPABLE} no {@code FD_DATASYNC}.
   */
  public Errno fdDatasync(int fd) {
    context.fds().requireFile(fd, Right.FD_DATASYNC).file().sync();
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_sync}.
   *
   * <p>Errors: {@code EBADF} not open or a directory · {@code ESPIPE} a stream · {@code
   * ENOTCAPABLE} no {@code FD_SYNC}.
   */
  public Errno fdSync(int fd) {
    context.fds().requireFile(fd, Right.FD_SYNC).file().sync();
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_fdstat_get}: filetype, fdflags and rights (24 bytes).
   *
   * <p>Errors: {@code EBADF} not open · {@code EFAULT} bad pointer.
   */
  public Errno fdFdstatGet(GuestMemory mem, int fd, long ptr) {
    Descriptor d = context.fds().get(fd);
    mem.check(ptr, 24);
    mem.putU8(ptr, d.type().code());
    mem.putU8(ptr + 1, 0);
    mem.putU16(ptr + 2, d.flags());
    mem.putU32(ptr + 4, 0);
    mem.putU64(ptr + 8, d.base().bits());
    mem.putU64(ptr + 16, d.inheriting().bits());
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_fdstat_set_flags}: sets {@code APPEND} and {@code NONBLOCK} on a file or stream;
   * the sync flags are accepted (writes reach their store at once). Directories have no flags.
   *
   * <p>Errors: {@code EBADF} not open or a directory · {@code ENOTCAPABLE} no {@code
   * FD_FDSTAT_SET_FLAGS} · {@code EINVAL} undefined bits.
   */
  public Errno fdFdstatSetFlags(int fd, int flags) {
    Descriptor d = context.fds().requireReadWrite(fd, Right.FD_FDSTAT_SET_FLAGS);
    if ((flags & ~FdFlags.ALL) != 0) {
      throw new WasiException(Errno.EINVAL, "undefined fdflags");
    }
    d.setFlags(flags);
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_fdstat_set_rights}: narrows a descriptor's rights; never widens.
   *
   * <p>Errors: {@code EBADF} not open · {@code ENOTCAPABLE} a right not already held.
   */
  public Errno fdFdstatSetRights(int fd, long base, long inheriting) {
    Descriptor d = context.fds().get(fd);
    if ((base & ~Rights.ALL.bits()) != 0 || (inheriting & ~Rights.ALL.bits()) != 0) {
      throw new WasiException(Errno.ENOTCAPABLE, "undefined rights");
    }
    d.narrowRights(Rights.fromBits(base), Rights.fromBits(inheriting));
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_filestat_get}.
   *
   * <p>Errors: {@code EBADF} not open · {@code ENOTCAPABLE} no {@code FD_FILESTAT_GET} · {@code
   * EFAULT}.
   */
  public Errno fdFilestatGet(GuestMemory mem, int fd, long ptr, Abi abi) {
    Descriptor d = context.fds().require(fd, Right.FD_FILESTAT_GET);
    mem.check(ptr, abi.filestatSize());
    abi.writeFilestat(mem, ptr, d.stat());
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_filestat_set_size}: truncates or zero-extends.
   *
   * <p>Errors: {@code EBADF} not open, a directory, or not opened for writing (a file of a
   * read-only volume never is, so this is also its answer there) · {@code ESPIPE} a stream ·
   * {@code ENOTCAPABLE} no {@code FD_FILESTAT_SET_SIZE} · {@code EINVAL} negative size · {@code
   * ENOSPC} over quota.
   */
  public Errno fdFilestatSetSize(int fd, long size) {
    FileDescriptor f = context.fds().requireFile(fd, Right.FD_FILESTAT_SET_SIZE);
    if (size < 0) {
      throw new WasiException(Errno.EINVAL);
    }
    f.file().setSize(size);
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_filestat_set_times}.
   *
   * <p>Errors: {@code EBADF} not open · {@code ENOTCAPABLE} no {@code FD_FILESTAT_SET_TIMES}
   * (streams never hold it) · {@code EINVAL} bad flags · {@code EROFS}.
   */
  public Errno fdFilestatSetTimes(int fd, long atim, long mtim, int fstFlags) {
    Descriptor d = context.fds().require(fd, Right.FD_FILESTAT_SET_TIMES);
    long[] times = SetTimes.decode(atim, mtim, fstFlags, context.realtime());
    if (d instanceof FileDescriptor f) {
      f.file().setTimes(times[0], times[1]);
    } else if (d instanceof DirectoryDescriptor dir) {
      dir.directory().setTimes(times[0], times[1]);
    } else {
      throw new WasiException(Errno.EBADF, "a stream has no times");
    }
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_prestat_get}: tag 0 (directory) and the length of the preopen's name.
   *
   * <p>Errors: {@code EBADF} not open or not a preopen · {@code EFAULT}.
   */
  public Errno fdPrestatGet(GuestMemory mem, int fd, long ptr) {
    byte[] name = preopenName(fd);
    mem.check(ptr, 8);
    mem.putU32(ptr, 0);
    mem.putU32(ptr + 4, name.length);
    return Errno.SUCCESS;
  }

  /**
   * {@code fd_prestat_dir_name}: the preopen's name, without a NUL.
   *
   * <p>Errors: {@code EBADF} not open or not a preopen · {@code ENAMETOOLONG} buffer shorter than
   * the name · {@code EFAULT}.
   */
  public Errno fdPrestatDirName(GuestMemory mem, int fd, long ptr, long len) {
    byte[] name = preopenName(fd);
    if (len < name.length) {
      throw new WasiException(Errno.ENAMETOOLONG);
    }
    mem.write(ptr, name);
    return Errno.SUCCESS;
  }

  private byte[] preopenName(int fd) {
    Descriptor d = context.fds().get(fd);
    if (d instanceof DirectoryDescriptor dir && dir.preopenName() != null) {
      return GuestPath.encodeUtf8(dir.preopenName());
    }
    throw new WasiException(Errno.EBADF, "not a preopen");
  }

  /**
   * {@code fd_renumber}: moves {@code from} to {@code to}, closing what was at {@code to}.
   *
   * <p>Errors: {@code EBADF} either number not open.
   */
  public Errno fdRenumber(int from, int to) {
    Descriptor displaced = context.fds().table().renumber(from, to);
    if (displaced != null) {
      displaced.close();
    }
    return Errno.SUCCESS;
  }

  /** Whether {@code d} is a stream (no position, no filestat size). */
  static boolean isStream(Descriptor d) {
    return d instanceof StreamDescriptor;
  }
}
