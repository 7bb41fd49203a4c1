package dev.wasibox.vfs.host;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns host file keys into inode numbers that are stable for the volume's lifetime and distinct
 * per file, for {@link dev.wasibox.vfs.FileStat#ino()} and {@link dev.wasibox.vfs.DirEntry#ino()}.
 *
 * <p>On Unix the JDK's file key is {@code (st_dev, st_ino)}, printed as {@code
 * (dev=<hex>,ino=<decimal>)}. A mount can span several host devices (mount points inside it), so
 * the number is {@code deviceIndex << 48 | st_ino}, where device index 0 is the mount root's device
 * and others are numbered as first seen; the host's device numbers are never shown. A key that
 * does not fit (another key format, an inode of 48 bits or more, more than 16384 devices) gets a
 * number from a table, marked by bit 62, so it can never collide with the computed ones. That
 * table grows only on such unusual file systems.
 */
final class InodeNumbers {
  private static final Pattern UNIX_KEY = Pattern.compile("\\(dev=([0-9a-f]{1,16}),ino=(\\d{1,19})\\)");
  private static final int DEVICE_SHIFT = 48;
  private static final long INODE_MASK = (1L << DEVICE_SHIFT) - 1;
  private static final int MAX_DEVICES = 1 << 14;
  private static final long TABLE_MARK = 1L << 62;

  private final Map<Long, Long> deviceIndex = new HashMap<>();
  private final Map<Object, Long> table = new HashMap<>();

  /** Numbers for a volume whose root has file key {@code rootKey} (its device gets index 0). */
  InodeNumbers(Object rootKey) {
    numberOf(rootKey);
  }

  /** The inode number of the file with host key {@code fileKey}. */
  synchronized long numberOf(Object fileKey) {
    Matcher m = UNIX_KEY.matcher(fileKey.toString());
    if (m.matches() && m.group(2).length() <= 15) {
      // 15 decimal digits stay below 2^50: parseLong cannot overflow; the mask check decides.
      long dev = Long.parseUnsignedLong(m.group(1), 16);
      long ino = Long.parseLong(m.group(2));
      if ((ino & ~INODE_MASK) == 0) {
        Long index = deviceIndex.get(dev);
        if (index == null && deviceIndex.size() < MAX_DEVICES) {
          index = (long) deviceIndex.size();
          deviceIndex.put(dev, index);
        }
        if (index != null) {
          return (index << DEVICE_SHIFT) | ino;
        }
      }
    }
    return table.computeIfAbsent(fileKey, k -> TABLE_MARK | (table.size() + 1));
  }
}
