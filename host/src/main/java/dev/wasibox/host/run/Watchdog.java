package dev.wasibox.host.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops guests that run too long. One daemon thread for the whole JVM watches every run: it
 * interrupts the guest thread at the wall-time deadline, or when the thread's CPU time (polled
 * every {@link #CPU_POLL_MS} ms) passes its limit. Chicory's compiled code notices the interrupt at
 * the next call or backward jump. If the thread is still running {@link #GRACE_MS} ms later (the
 * 1.7.5 interpreter does not check interrupts in {@code br_if} loops), the watchdog stops the
 * thread with {@link Thread#stop()}, which JDK 17 still supports.
 */
final class Watchdog {
  static final long CPU_POLL_MS = 5;
  static final long GRACE_MS = 500;

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "wasibox-watchdog");
            t.setDaemon(true);
            return t;
          });
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Watchdog() {}

  /** Which limit stopped a run, if any. */
  enum Hit {
    WALL,
    CPU
  }

  /** The watch over one guest thread; {@link #cancel()} it when the run ends. */
  static final class Watch {
    private final Thread guest;
    private final AtomicReference<Hit> hit = new AtomicReference<>();
    private volatile ScheduledFuture<?> wallTask;
    private volatile ScheduledFuture<?> cpuTask;
    private volatile ScheduledFuture<?> stopTask;

    Watch(Thread guest) {
      this.guest = guest;
    }

    Hit hit() {
      return hit.get();
    }

    void cancel() {
      for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {wallTask, cpuTask, stopTask}) {
        if (f != null) {
          f.cancel(false);
        }
      }
    }

    private void trip(Hit why) {
      if (hit.compareAndSet(null, why)) {
        guest.interrupt();
        stopTask = TIMER.schedule(this::stopHard, GRACE_MS, TimeUnit.MILLISECONDS);
        if (cpuTask != null) {
          cpuTask.cancel(false);
        }
      }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void stopHard() {
      if (guest.isAlive()) {
        try {
          guest.stop();
        } catch (UnsupportedOperationException e) {
          // JDK 20+: the thread cannot be stopped; GuestRun abandons it and reports the limit.
        }
      }
    }
  }

  /** Starts watching {@code guest}, which is about to start, under {@code limits}. */
  static Watch watch(Thread guest, RunLimits limits) {
    Watch w = new Watch(guest);
    w.wallTask = TIMER.schedule(() -> w.trip(Hit.WALL), limits.wallTime().toNanos(), TimeUnit.NANOSECONDS);
    long cpuLimit = limits.cpuTime().toNanos();
    w.cpuTask =
        TIMER.scheduleAtFixedRate(
            () -> {
              long cpu = THREADS.getThreadCpuTime(guest.getId());
              if (cpu > cpuLimit) {
                w.trip(Hit.CPU);
              }
            },
            CPU_POLL_MS,
            CPU_POLL_MS,
            TimeUnit.MILLISECONDS);
    return w;
  }
}
