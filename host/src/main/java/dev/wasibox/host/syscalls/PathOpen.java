package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.WasiContext;
import dev.wasibox.host.fd.Descriptor;
import dev.wasibox.host.fd.DirectoryDescriptor;
import dev.wasibox.host.fd.FdFlags;
import dev.wasibox.host.fd.FileDescriptor;
import dev.wasibox.vfs.GuestPath;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.Opened;

/**
 * {@code path_open}: where rights are derived. The new descriptor gets the requested rights
 * intersected with the directory's inheriting rights and with the rights that make sense for what
 * was opened (a file or a directory): rights never widen. The file is opened for writing only if
 * the new descriptor holds {@code FD_WRITE}; creating needs {@code PATH_CREATE_FILE} and
 * truncating {@code PATH_FILESTAT_SET_SIZE} on the directory ({@code O_TRUNC} counts as a write:
 * on a read-only volume it is {@code EROFS}).
 */
public final class PathOpen {
  private final WasiContext context;

  public PathOpen(WasiContext context) {
    this.context = checkNotNull(context);
  }

  /**
   * {@code path_open}.
   *
   * <p>Rights: {@code PATH_OPEN} on {@code fd}, plus {@code PATH_CREATE_FILE} with {@code
   * O_CREAT} and {@code PATH_FILESTAT_SET_SIZE} with {@code O_TRUNC}; the new fd gets {@code
   * requested ∩ fd.inheriting ∩ rights-of-its-type}.
   *
   * <p>Errors: {@code EBADF} fd not open · {@code ENOTDIR} fd not a directory, or {@code
   * O_DIRECTORY} on a non-directory · {@code ENOTCAPABLE} missing right · {@code EINVAL}
   * undefined oflags or fdflags, or {@code O_DIRECTORY} with create/exclusive/truncate · {@code
   * EEXIST} · {@code EISDIR} a directory for writing · {@code ELOOP} a final symlink without
   * {@code SYMLINK_FOLLOW}, or too many links · {@code EPERM} escape · {@code EROFS} · {@code
   * EMFILE} fd table full · {@code ENOSPC} · {@code EFAULT}.
   */
  public Errno pathOpen(
      GuestMemory mem,
      int fd,
      int dirFlags,
      long pathPtr,
      long pathLen,
      int oflags,
      long rightsBase,
      long rightsInheriting,
      int fdFlags,
      long fdPtr) {
    DirectoryDescriptor dir = PathSyscalls.openDir(context, fd);
    if ((oflags & ~0xF) != 0 || (fdFlags & ~FdFlags.ALL) != 0) {
      throw new WasiException(Errno.EINVAL, "undefined oflags or fdflags");
    }
    OpenFlags flags = OpenFlags.fromBits(oflags);
    if (flags.create()) {
      dir.require(Right.PATH_CREATE_FILE);
    }
    if (flags.truncate()) {
      dir.require(Right.PATH_FILESTAT_SET_SIZE);
    }
    GuestPath path = PathSyscalls.path(context, mem, pathPtr, pathLen);
    mem.check(fdPtr, 4);
    // Refuse before the VFS acts, as POSIX open does: a full table must not leave behind a file
    // that O_CREAT made or that O_TRUNC emptied.
    if (context.fds().table().size() >= context.fds().table().maxOpen()) {
      throw new WasiException(Errno.EMFILE, "fd table full");
    }
    Rights base = Rights.fromBits(rightsBase).intersect(dir.inheriting());
    Rights inheriting = Rights.fromBits(rightsInheriting).intersect(dir.inheriting());
    boolean read = base.contains(Right.FD_READ);
    boolean write = base.contains(Right.FD_WRITE);
    Opened opened =
        context
            .vfs()
            .open(
                dir.directory(),
                path,
                (dirFlags & PathSyscalls.SYMLINK_FOLLOW) != 0,
                flags,
                read,
                write);
    Descriptor created =
        opened.file() == null
            ? new DirectoryDescriptor(
                opened.directory(), null, base.intersect(Rights.DIRECTORY), inheriting)
            : new FileDescriptor(
                opened.file(), base.intersect(Rights.REGULAR_FILE), inheriting, fdFlags);
    int newFd;
    try {
      newFd = context.fds().table().add(created);
    } catch (WasiException e) {
      created.close();
      throw e;
    }
    mem.putU32(fdPtr, newFd);
    return Errno.SUCCESS;
  }
}
