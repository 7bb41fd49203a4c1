package dev.wasibox.capabilities;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.Immutable;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An immutable set of preview1 {@link Right}s. A set is built once from constants ({@link #of},
 * {@link #ALL}); after that it can only narrow ({@link #intersect}, {@link #without}), so a
 * child descriptor can never hold a right its parent did not.
 */
@Immutable
public final class Rights {
  private static final long ALL_BITS = (1L << 30) - 1;

  /** No rights at all. */
  public static final Rights NONE = new Rights(0);

  /** Every right defined by preview1. */
  public static final Rights ALL = new Rights(ALL_BITS);

  /** Rights that only make sense on a regular file (wasi-libc's {@code RIGHTS_REGULAR_FILE_BASE}). */
  public static final Rights REGULAR_FILE =
      of(
          Right.FD_DATASYNC,
          Right.FD_READ,
          Right.FD_SEEK,
          Right.FD_FDSTAT_SET_FLAGS,
          Right.FD_SYNC,
          Right.FD_TELL,
          Right.FD_WRITE,
          Right.FD_ADVISE,
          Right.FD_ALLOCATE,
          Right.FD_FILESTAT_GET,
          Right.FD_FILESTAT_SET_SIZE,
          Right.FD_FILESTAT_SET_TIMES,
          Right.POLL_FD_READWRITE);

  /** Rights that only make sense on a directory (wasi-libc's {@code RIGHTS_DIRECTORY_BASE}). */
  public static final Rights DIRECTORY =
      of(
          Right.FD_FDSTAT_SET_FLAGS,
          Right.FD_SYNC,
          Right.FD_ADVISE,
          Right.PATH_CREATE_DIRECTORY,
          Right.PATH_CREATE_FILE,
          Right.PATH_LINK_SOURCE,
          Right.PATH_LINK_TARGET,
          Right.PATH_OPEN,
          Right.FD_READDIR,
          Right.PATH_READLINK,
          Right.PATH_RENAME_SOURCE,
          Right.PATH_RENAME_TARGET,
          Right.PATH_FILESTAT_GET,
          Right.PATH_FILESTAT_SET_SIZE,
          Right.PATH_FILESTAT_SET_TIMES,
          Right.FD_FILESTAT_GET,
          Right.FD_FILESTAT_SET_TIMES,
          Right.PATH_SYMLINK,
          Right.PATH_REMOVE_DIRECTORY,
          Right.PATH_UNLINK_FILE);

  /** Rights of a character device such as stdin, stdout and stderr. */
  public static final Rights CHARACTER_DEVICE =
      of(
          Right.FD_READ,
          Right.FD_WRITE,
          Right.FD_FDSTAT_SET_FLAGS,
          Right.FD_FILESTAT_GET,
          Right.POLL_FD_READWRITE);

  private final long bits;

  private Rights(long bits) {
    this.bits = bits;
  }

  /** The set holding exactly {@code rights}. */
  public static Rights of(Right... rights) {
    long bits = 0;
    for (Right r : rights) {
      bits |= checkNotNull(r).mask();
    }
    return new Rights(bits);
  }

  /**
   * Decodes a guest-supplied bitmask. Bits that preview1 does not define are dropped: they name
   * no right and so can grant nothing.
   */
  public static Rights fromBits(long bits) {
    return new Rights(bits & ALL_BITS);
  }

  /** The preview1 bitmask. */
  public long bits() {
    return bits;
  }

  public boolean contains(Right right) {
    return (bits & right.mask()) != 0;
  }

  /** Whether every right in {@code other} is also in this set. */
  public boolean containsAll(Rights other) {
    return (other.bits & ~bits) == 0;
  }

  /** The rights in both sets: the only way to derive one set from another. */
  public Rights intersect(Rights other) {
    return new Rights(bits & other.bits);
  }

  /** This set minus {@code rights}. */
  public Rights without(Right... rights) {
    return new Rights(bits & ~of(rights).bits);
  }

  /** The rights as an enum set, in bit order. */
  public Set<Right> toSet() {
    EnumSet<Right> set = EnumSet.noneOf(Right.class);
    for (Right r : Right.values()) {
      if (contains(r)) {
        set.add(r);
      }
    }
    return set;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rights && ((Rights) o).bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner("|", "Rights[", "]");
    toSet().forEach(r -> j.add(r.name()));
    return j.toString();
  }
}
