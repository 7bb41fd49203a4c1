package dev.wasibox.host.fd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.FdTable;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.WasiException;

/**
 * Typed guards over the fd table: each fetches a descriptor of the kind a syscall needs and checks
 * one right, so that no syscall repeats the lookup, the type test and the rights test (as
 * Jimfs's {@code requireDirectory} does).
 */
public final class Fds {
  private final FdTable<Descriptor> table;

  public Fds(FdTable<Descriptor> table) {
    this.table = checkNotNull(table);
  }

  public FdTable<Descriptor> table() {
    return table;
  }

  /** Any open descriptor ({@code EBADF} otherwise), with {@code right}. */
  public Descriptor require(int fd, Right right) {
    Descriptor d = table.get(fd);
    d.require(right);
    return d;
  }

  /** Any open descriptor, no right needed. */
  public Descriptor get(int fd) {
    return table.get(fd);
  }

  /**
   * A directory descriptor with {@code right}: {@code EBADF} if not open, {@code ENOTDIR} if not a
   * directory, {@code ENOTCAPABLE} without the right.
   */
  public DirectoryDescriptor requireDirectory(int fd, Right right) {
    Descriptor d = table.get(fd);
    if (!(d instanceof DirectoryDescriptor)) {
      throw new WasiException(Errno.ENOTDIR);
    }
    d.require(right);
    return (DirectoryDescriptor) d;
  }

  /**
   * A regular-file descriptor with {@code right}: {@code EBADF} if not open or a directory,
   * {@code ESPIPE} for a stream (it has no position), {@code ENOTCAPABLE} without the right.
   */
  public FileDescriptor requireFile(int fd, Right right) {
    Descriptor d = table.get(fd);
    if (d instanceof StreamDescriptor) {
      throw new WasiException(Errno.ESPIPE);
    }
    if (!(d instanceof FileDescriptor)) {
      throw new WasiException(Errno.EBADF, "not a regular file");
    }
    d.require(right);
    return (FileDescriptor) d;
  }

  /**
   * A file or stream descriptor with {@code right} (for read and write): {@code EBADF} for a
   * directory.
   */
  public Descriptor requireReadWrite(int fd, Right right) {
    Descriptor d = table.get(fd);
    if (d instanceof DirectoryDescriptor) {
      throw new WasiException(Errno.EBADF, "a directory");
    }
    d.require(right);
    return d;
  }
}
