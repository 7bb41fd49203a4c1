package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.Abi;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.WasiContext;
import dev.wasibox.host.fd.DirectoryDescriptor;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.GuestPath;
import dev.wasibox.vfs.Vfs;

/**
 * The {@code path_*} functions. Each checks the directory descriptor and its right, reads the
 * path through {@link GuestMemory} (too long is {@code ENAMETOOLONG} before it is read), and hands
 * it to one {@link Vfs} operation, which resolves it exactly once. {@code path_open}, where rights
 * are derived, is {@link PathOpen}.
 *
 * <p>Errors common to every function: {@code EBADF} the fd is not open · {@code ENOTDIR} it is
 * not a directory · {@code ENOTCAPABLE} it lacks the right · {@code EFAULT} a pointer is out of
 * bounds · {@code ENAMETOOLONG}, {@code EINVAL} (NUL), {@code EILSEQ}, {@code ENOENT} (empty) and
 * {@code EPERM} (absolute) from parsing · every error of {@link dev.wasibox.vfs.PathResolver}.
 */
public final class PathSyscalls {
  /** {@code lookupflags.symlink_follow}. */
  static final int SYMLINK_FOLLOW = 1;

  private final WasiContext context;

  public PathSyscalls(WasiContext context) {
    this.context = checkNotNull(context);
  }

  private Vfs vfs() {
    return context.vfs();
  }

  private DirectoryNode dir(int fd, Right right) {
    return context.fds().requireDirectory(fd, right).directory();
  }

  /** Reads and parses a guest path. */
  static GuestPath path(WasiContext context, GuestMemory mem, long ptr, long len) {
    Vfs vfs = context.vfs();
    byte[] bytes = mem.bytes(ptr, len, vfs.resolver().limits().maxPathBytes(), Errno.ENAMETOOLONG);
    return vfs.parse(bytes);
  }

  private GuestPath path(GuestMemory mem, long ptr, long len) {
    return path(context, mem, ptr, len);
  }

  /**
   * {@code path_create_directory}. Right: {@code PATH_CREATE_DIRECTORY}. Errors: {@code EEXIST},
   * {@code EROFS}, {@code ENOSPC}, and the common ones.
   */
  public Errno pathCreateDirectory(GuestMemory mem, int fd, long pathPtr, long pathLen) {
    DirectoryNode dir = dir(fd, Right.PATH_CREATE_DIRECTORY);
    vfs().createDirectory(dir, path(mem, pathPtr, pathLen));
    return Errno.SUCCESS;
  }

  /**
   * {@code path_filestat_get}. Right: {@code PATH_FILESTAT_GET}. Errors: the common ones.
   */
  public Errno pathFilestatGet(
      GuestMemory mem, int fd, int flags, long pathPtr, long pathLen, long buf, Abi abi) {
    DirectoryNode dir = dir(fd, Right.PATH_FILESTAT_GET);
    GuestPath path = path(mem, pathPtr, pathLen);
    mem.check(buf, abi.filestatSize());
    FileStat st = vfs().stat(dir, path, (flags & SYMLINK_FOLLOW) != 0);
    abi.writeFilestat(mem, buf, st);
    return Errno.SUCCESS;
  }

  /**
   * {@code path_filestat_set_times}. Right: {@code PATH_FILESTAT_SET_TIMES}. Errors: {@code
   * EINVAL} bad flags, {@code EROFS}, and the common ones.
   */
  public Errno pathFilestatSetTimes(
      GuestMemory mem, int fd, int flags, long pathPtr, long pathLen, long atim, long mtim, int fstFlags) {
    DirectoryNode dir = dir(fd, Right.PATH_FILESTAT_SET_TIMES);
    GuestPath path = path(mem, pathPtr, pathLen);
    long[] times = SetTimes.decode(atim, mtim, fstFlags, context.realtime());
    vfs().setTimes(dir, path, (flags & SYMLINK_FOLLOW) != 0, times[0], times[1]);
    return Errno.SUCCESS;
  }

  /**
   * {@code path_link}. Rights: {@code PATH_LINK_SOURCE} on the old fd, {@code PATH_LINK_TARGET}
   * on the new. Errors: {@code EPERM} a directory, {@code EEXIST}, {@code EXDEV} across volumes,
   * {@code EROFS}, and the common ones.
   */
  public Errno pathLink(
      GuestMemory mem,
      int oldFd,
      int oldFlags,
      long oldPathPtr,
      long oldPathLen,
      int newFd,
      long newPathPtr,
      long newPathLen) {
    DirectoryNode from = dir(oldFd, Right.PATH_LINK_SOURCE);
    DirectoryNode to = dir(newFd, Right.PATH_LINK_TARGET);
    GuestPath oldPath = path(mem, oldPathPtr, oldPathLen);
    GuestPath newPath = path(mem, newPathPtr, newPathLen);
    vfs().link(from, oldPath, (oldFlags & SYMLINK_FOLLOW) != 0, to, newPath);
    return Errno.SUCCESS;
  }

  /**
   * {@code path_readlink}: copies at most {@code bufLen} bytes of the target (truncating
   * silently, as POSIX {@code readlink}). Right: {@code PATH_READLINK}. Errors: {@code EINVAL} not
   * a symlink, {@code EPERM} an absolute (host-planted) target, and the common ones.
   */
  public Errno pathReadlink(
      GuestMemory mem, int fd, long pathPtr, long pathLen, long buf, long bufLen, long bufusedPtr) {
    DirectoryNode dir = dir(fd, Right.PATH_READLINK);
    GuestPath path = path(mem, pathPtr, pathLen);
    mem.check(bufusedPtr, 4);
    byte[] target = GuestPath.encodeUtf8(vfs().readlink(dir, path));
    int n = (int) Math.min(target.length, bufLen);
    mem.write(buf, target, 0, n);
    mem.putU32(bufusedPtr, n);
    return Errno.SUCCESS;
  }

  /**
   * {@code path_remove_directory}. Right: {@code PATH_REMOVE_DIRECTORY}. Errors: {@code
   * ENOTEMPTY}, {@code EINVAL} for {@code .}, {@code EROFS}, and the common ones.
   */
  public Errno pathRemoveDirectory(GuestMemory mem, int fd, long pathPtr, long pathLen) {
    DirectoryNode dir = dir(fd, Right.PATH_REMOVE_DIRECTORY);
    vfs().removeDirectory(dir, path(mem, pathPtr, pathLen));
    return Errno.SUCCESS;
  }

  /**
   * {@code path_rename}. Rights: {@code PATH_RENAME_SOURCE} on the old fd, {@code
   * PATH_RENAME_TARGET} on the new. Errors: {@code EXDEV}, {@code EISDIR}, {@code ENOTEMPTY},
   * {@code EINVAL}, {@code EROFS}, and the common ones.
   */
  public Errno pathRename(
      GuestMemory mem,
      int fd,
      long oldPathPtr,
      long oldPathLen,
      int newFd,
      long newPathPtr,
      long newPathLen) {
    DirectoryNode from = dir(fd, Right.PATH_RENAME_SOURCE);
    DirectoryNode to = dir(newFd, Right.PATH_RENAME_TARGET);
    GuestPath oldPath = path(mem, oldPathPtr, oldPathLen);
    GuestPath newPath = path(mem, newPathPtr, newPathLen);
    vfs().rename(from, oldPath, to, newPath);
    return Errno.SUCCESS;
  }

  /**
   * {@code path_symlink}: creates {@code newPath} pointing to the text {@code oldPath}. Right:
   * {@code PATH_SYMLINK}. Errors: {@code EPERM} absolute target, {@code ENOENT} empty target,
   * {@code EINVAL} NUL in the target, {@code EEXIST}, {@code EROFS}, and the common ones.
   */
  public Errno pathSymlink(
      GuestMemory mem, long oldPathPtr, long oldPathLen, int fd, long newPathPtr, long newPathLen) {
    DirectoryNode dir = dir(fd, Right.PATH_SYMLINK);
    int max = vfs().resolver().limits().maxPathBytes();
    byte[] targetBytes = mem.bytes(oldPathPtr, oldPathLen, max, Errno.ENAMETOOLONG);
    for (byte b : targetBytes) {
      if (b == 0) {
        throw new WasiException(Errno.EINVAL, "NUL in symlink target");
      }
    }
    String target = GuestPath.decodeUtf8(targetBytes);
    vfs().symlink(target, dir, path(mem, newPathPtr, newPathLen));
    return Errno.SUCCESS;
  }

  /**
   * {@code path_unlink_file}. Right: {@code PATH_UNLINK_FILE}. Errors: {@code EISDIR}, {@code
   * EROFS}, and the common ones.
   */
  public Errno pathUnlinkFile(GuestMemory mem, int fd, long pathPtr, long pathLen) {
    DirectoryNode dir = dir(fd, Right.PATH_UNLINK_FILE);
    vfs().unlinkFile(dir, path(mem, pathPtr, pathLen));
    return Errno.SUCCESS;
  }

  /** For {@link PathOpen}: the directory descriptor of {@code fd} with {@code PATH_OPEN}. */
  static DirectoryDescriptor openDir(WasiContext context, int fd) {
    return context.fds().requireDirectory(fd, Right.PATH_OPEN);
  }
}
