package dev.wasibox.vfs.overlay;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps the inode numbers of both layers into one overlay-wide space, so that every node of an
 * overlay has a {@link dev.wasibox.vfs.FileStat#ino()} that is stable and that no other node
 * shares.
 *
 * <p>The space is split by the top two bits of the unsigned 64-bit number:
 *
 * <ul>
 *   <li>{@code [0, 2^62)}: upper-layer nodes, with their own number (the memory backend numbers
 *       nodes with small positive integers);
 *   <li>{@code [2^62, 2^63)}: lower-layer nodes, {@code 2^62 + ino} for a lower number {@code ino}
 *       in {@code [0, 2^62)}, with no table;
 *   <li>{@code [2^63, 2^64)}: a number of either layer outside its range (a host filesystem may use
 *       the top bits, overlayfs with {@code xino} does), numbered in order of first sight; only
 *       these need a table entry.
 * </ul>
 *
 * <p>A copied-up node keeps its lower number, as overlayfs does with {@code xino}: a directory or
 * file does not change identity when it is first written, and a directory's number is the same
 * before and after a child is created in it. The exception is a file or symlink whose lower node
 * had more than one link: its other lower names still report the lower number, so its copy
 * reports its own upper number (copy-up breaks lower hard links, as overlayfs with {@code
 * index=off}). An open read-only
 * handle made before the copy-up keeps the lower number too; it reads the same object's old
 * content, so that is the same file as far as a guest can tell.
 *
 * <p>Origins are recorded once per copy-up; a lower name can be copied up at most once (afterwards
 * it is shadowed or whited out forever), so the table is bounded by the size of the lower layer.
 * All methods are called under the overlay's lock.
 */
final class Inodes {
  private static final long LOWER_BASE = 1L << 62;

  /** Where a copied-up upper node came from, by raw lower number. */
  private record Origin(long lowerIno, boolean inherits) {}

  private final Map<Long, Long> wideLower = new HashMap<>();
  private final Map<Long, Long> wideUpper = new HashMap<>();
  private final Map<Long, Origin> origins = new HashMap<>();
  private long nextWide = Long.MIN_VALUE;

  /** The overlay number of a lower node whose own number is {@code ino}. */
  long ofLower(long ino) {
    if (ino >= 0 && ino < LOWER_BASE) {
      return LOWER_BASE + ino;
    }
    return wide(wideLower, ino);
  }

  /** The overlay number of an upper node whose own number is {@code ino}. */
  long ofUpper(long ino) {
    Origin origin = origins.get(ino);
    if (origin != null && origin.inherits()) {
      return ofLower(origin.lowerIno());
    }
    if (ino >= 0 && ino < LOWER_BASE) {
      return ino;
    }
    return wide(wideUpper, ino);
  }

  /**
   * Records that upper node {@code upperIno} is a copy of lower node {@code lowerIno}; with {@code
   * inherits} it reports the lower node's number from now on.
   */
  void copiedUp(long upperIno, long lowerIno, boolean inherits) {
    origins.put(upperIno, new Origin(lowerIno, inherits));
  }

  /** Undoes {@link #copiedUp} for a copy that was removed again before anyone saw it. */
  void forget(long upperIno) {
    origins.remove(upperIno);
  }

  /** Whether upper node {@code upperIno} was copied up from lower node {@code lowerIno}. */
  boolean isCopyOf(long upperIno, long lowerIno) {
    Origin origin = origins.get(upperIno);
    return origin != null && origin.lowerIno() == lowerIno;
  }

  private long wide(Map<Long, Long> table, long ino) {
    Long mapped = table.get(ino);
    if (mapped == null) {
      mapped = nextWide++;
      table.put(ino, mapped);
    }
    return mapped;
  }
}
