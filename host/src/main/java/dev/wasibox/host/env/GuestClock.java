package dev.wasibox.host.env;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One clock as a guest sees it: real, frozen at a value, or virtual (a start and a fixed step per
 * read). Sleeping on a virtual or frozen clock advances it instead of waiting, so a deterministic
 * run never depends on the host's time.
 */
public abstract class GuestClock {
  private final long resolutionNs;

  GuestClock(long resolutionNs) {
    checkArgument(resolutionNs > 0, "resolution must be > 0");
    this.resolutionNs = resolutionNs;
  }

  /** The current reading in nanoseconds. */
  public abstract long now();

  /**
   * Waits until this clock reads at least {@code deadlineNs}. A real clock sleeps (and stops if
   * the thread is interrupted); a virtual clock jumps there; a frozen clock returns at once.
   *
   * @return for a virtual clock, the time from its last reading to the deadline, so that the run's
   *     other virtual clocks can move as much ({@link #advance}); 0 for real and frozen clocks
   */
  public abstract long sleepUntil(long deadlineNs) throws InterruptedException;

  /**
   * Moves a virtual clock forward by {@code ns} because the guest slept on another clock of the
   * same run; real and frozen clocks ignore it.
   */
  public void advance(long ns) {}

  /** What {@code clock_res_get} reports. */
  public long resolution() {
    return resolutionNs;
  }

  /** The host's wall clock, in ns since the epoch. */
  public static GuestClock realtime() {
    return realtime(1_000L);
  }

  /** The host's wall clock, reporting {@code resolutionNs} to {@code clock_res_get}. */
  public static GuestClock realtime(long resolutionNs) {
    return new Real(resolutionNs) {
      private final long offset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

      @Override
      public long now() {
        return offset + System.nanoTime();
      }
    };
  }

  /** The host's monotonic clock. */
  public static GuestClock monotonic() {
    return monotonic(1L);
  }

  /** The host's monotonic clock, reporting {@code resolutionNs} to {@code clock_res_get}. */
  public static GuestClock monotonic(long resolutionNs) {
    return new Real(resolutionNs) {
      @Override
      public long now() {
        return System.nanoTime();
      }
    };
  }

  /** CPU time of the calling thread: the guest runs on one thread, so this is the guest's. */
  public static GuestClock threadCpu() {
    return threadCpu(1_000L);
  }

  /** The guest thread's CPU time, reporting {@code resolutionNs} to {@code clock_res_get}. */
  public static GuestClock threadCpu(long resolutionNs) {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    return new Real(resolutionNs) {
      @Override
      public long now() {
        return bean.getCurrentThreadCpuTime();
      }
    };
  }

  /** Always reads {@code valueNs}. */
  public static GuestClock frozen(long valueNs, long resolutionNs) {
    return new GuestClock(resolutionNs) {
      @Override
      public long now() {
        return valueNs;
      }

      @Override
      public long sleepUntil(long deadlineNs) {
        return 0;
      }
    };
  }

  /** Reads {@code startNs}, then {@code startNs + stepNs}, and so on. */
  public static GuestClock virtual(long startNs, long stepNs, long resolutionNs) {
    checkArgument(stepNs >= 0, "step must be >= 0");
    return new Virtual(startNs, stepNs, resolutionNs);
  }

  private abstract static class Real extends GuestClock {
    Real(long resolutionNs) {
      super(resolutionNs);
    }

    @Override
    public long sleepUntil(long deadlineNs) throws InterruptedException {
      while (true) {
        long remaining = deadlineNs - now();
        if (remaining <= 0) {
          return 0;
        }
        Thread.sleep(remaining / 1_000_000L, (int) (remaining % 1_000_000L));
      }
    }
  }

  private static final class Virtual extends GuestClock {
    private final long stepNs;
    private long next;

    Virtual(long startNs, long stepNs, long resolutionNs) {
      super(resolutionNs);
      this.stepNs = stepNs;
      this.next = startNs;
    }

    @Override
    public synchronized long now() {
      long value = next;
      // Saturate: a clock that reached the end of time stays there instead of wrapping negative.
      next = value > Long.MAX_VALUE - stepNs ? Long.MAX_VALUE : value + stepNs;
      return value;
    }

    /** Jumps to the deadline; returns the time from the last reading to it (what the guest slept). */
    @Override
    public synchronized long sleepUntil(long deadlineNs) {
      long lastReading = next - stepNs;
      long slept = Math.max(0, deadlineNs - lastReading);
      if (next < deadlineNs) {
        next = deadlineNs;
      }
      return slept;
    }

    @Override
    public synchronized void advance(long ns) {
      if (ns > 0) {
        next = next > Long.MAX_VALUE - ns ? Long.MAX_VALUE : next + ns;
      }
    }
  }
}
