package dev.wasibox.host.syscalls;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.vfs.Node;

/**
 * Decodes the {@code fstflags} of {@code fd_filestat_set_times} and {@code
 * path_filestat_set_times} into two times for {@link Node#setTimes}, taking "now" from the guest's
 * realtime clock so that a deterministic run stays deterministic.
 */
final class SetTimes {
  static final int ATIM = 1;
  static final int ATIM_NOW = 2;
  static final int MTIM = 4;
  static final int MTIM_NOW = 8;

  private SetTimes() {}

  /**
   * Returns {@code {atime, mtime}}, each a value or {@link Node#OMIT}.
   *
   * @throws WasiException {@code EINVAL} for undefined bits, or a time both given and "now"
   */
  static long[] decode(long atim, long mtim, int fstFlags, GuestClock realtime) {
    if ((fstFlags & ~0xF) != 0
        || (fstFlags & (ATIM | ATIM_NOW)) == (ATIM | ATIM_NOW)
        || (fstFlags & (MTIM | MTIM_NOW)) == (MTIM | MTIM_NOW)) {
      throw new WasiException(Errno.EINVAL, "bad fstflags " + fstFlags);
    }
    long now = (fstFlags & (ATIM_NOW | MTIM_NOW)) != 0 ? realtime.now() : 0;
    long a = (fstFlags & ATIM) != 0 ? atim : (fstFlags & ATIM_NOW) != 0 ? now : Node.OMIT;
    long m = (fstFlags & MTIM) != 0 ? mtim : (fstFlags & MTIM_NOW) != 0 ? now : Node.OMIT;
    return new long[] {a, m};
  }
}
