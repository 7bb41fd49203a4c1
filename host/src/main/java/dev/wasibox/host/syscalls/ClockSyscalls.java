package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.WasiContext;
import dev.wasibox.host.env.GuestClock;

/** {@code clock_res_get} and {@code clock_time_get}, on the clocks the policy grants. */
public final class ClockSyscalls {
  /** Preview1 clock ids. */
  public static final int REALTIME = 0;

  public static final int MONOTONIC = 1;
  public static final int PROCESS_CPUTIME = 2;
  public static final int THREAD_CPUTIME = 3;

  private final WasiContext context;

  public ClockSyscalls(WasiContext context) {
    this.context = checkNotNull(context);
  }

  /**
   * The clock for {@code id}.
   *
   * @throws WasiException {@code EINVAL} unknown id, or a CPU-time clock the policy withholds
   */
  public GuestClock clock(int id) {
    GuestClock c =
        switch (id) {
          case REALTIME -> context.realtime();
          case MONOTONIC -> context.monotonic();
          case PROCESS_CPUTIME, THREAD_CPUTIME -> context.cpuTime();
          default -> null;
        };
    if (c == null) {
      throw new WasiException(Errno.EINVAL, "clock " + id + " not available");
    }
    return c;
  }

  /**
   * {@code clock_res_get}.
   *
   * <p>Errors: {@code EINVAL} unknown or withheld clock · {@code EFAULT} bad pointer.
   */
  public Errno clockResGet(GuestMemory mem, int id, long resultPtr) {
    GuestClock c = clock(id);
    mem.putU64(resultPtr, c.resolution());
    return Errno.SUCCESS;
  }

  /**
   * {@code clock_time_get}; {@code precision} is a hint and ignored.
   *
   * <p>Errors: {@code EINVAL} unknown or withheld clock · {@code EFAULT} bad pointer.
   */
  public Errno clockTimeGet(GuestMemory mem, int id, long precision, long resultPtr) {
    GuestClock c = clock(id);
    mem.check(resultPtr, 8);
    mem.putU64(resultPtr, c.now());
    return Errno.SUCCESS;
  }
}
