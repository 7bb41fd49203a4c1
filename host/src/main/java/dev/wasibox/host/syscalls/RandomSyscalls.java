package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.WasiContext;

/** {@code random_get}, from the policy's random source, in bounded chunks. */
public final class RandomSyscalls {
  private final WasiContext context;

  public RandomSyscalls(WasiContext context) {
    this.context = checkNotNull(context);
  }

  /**
   * {@code random_get}: fills {@code [buf, buf + len)}.
   *
   * <p>Errors: {@code EFAULT} the buffer is out of bounds (checked before anything is written).
   */
  public Errno randomGet(GuestMemory mem, long buf, long len) {
    mem.check(buf, len);
    byte[] chunk = new byte[(int) Math.min(len, GuestMemory.CHUNK)];
    for (long done = 0; done < len; ) {
      int n = (int) Math.min(chunk.length, len - done);
      byte[] out = n == chunk.length ? chunk : new byte[n];
      context.random().fill(out);
      mem.write(buf + done, out, 0, n);
      done += n;
    }
    return Errno.SUCCESS;
  }
}
