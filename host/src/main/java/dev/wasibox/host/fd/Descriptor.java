package dev.wasibox.host.fd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;

/**
 * An open descriptor: what it refers to, its rights (base and inheriting, which can only narrow)
 * and its {@code fdflags}. Subclasses are the three kinds a guest can hold.
 */
public abstract class Descriptor {
  private Rights base;
  private Rights inheriting;
  private int flags;

  Descriptor(Rights base, Rights inheriting, int flags) {
    this.base = checkNotNull(base);
    this.inheriting = checkNotNull(inheriting);
    this.flags = flags;
  }

  /** The preview1 filetype reported by {@code fd_fdstat_get}. */
  public abstract FileType type();

  /** The attributes reported by {@code fd_filestat_get}. */
  public abstract FileStat stat();

  /** Releases what the descriptor holds. Idempotent. */
  public abstract void close();

  public Rights base() {
    return base;
  }

  public Rights inheriting() {
    return inheriting;
  }

  public int flags() {
    return flags;
  }

  public boolean append() {
    return (flags & FdFlags.APPEND) != 0;
  }

  /** Replaces the fdflags (the caller has checked which bits this kind accepts). */
  public void setFlags(int flags) {
    this.flags = flags;
  }

  /**
   * Requires {@code right} in the base rights.
   *
   * @throws WasiException {@code ENOTCAPABLE} if it is missing
   */
  public void require(Right right) {
    if (!base.contains(right)) {
      throw new WasiException(Errno.ENOTCAPABLE, "missing right " + right);
    }
  }

  /**
   * {@code fd_fdstat_set_rights}: narrows the rights.
   *
   * @throws WasiException {@code ENOTCAPABLE} if either set would grow
   */
  public void narrowRights(Rights newBase, Rights newInheriting) {
    if (!base.containsAll(newBase) || !inheriting.containsAll(newInheriting)) {
      throw new WasiException(Errno.ENOTCAPABLE, "rights can only narrow");
    }
    base = newBase;
    inheriting = newInheriting;
  }
}
