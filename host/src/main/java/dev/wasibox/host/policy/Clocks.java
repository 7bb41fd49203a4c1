package dev.wasibox.host.policy;

import dev.wasibox.capabilities.policy.ClockPolicy;
import dev.wasibox.capabilities.policy.ClockSpec;
import dev.wasibox.capabilities.policy.CpuTimeMode;
import dev.wasibox.host.env.GuestClock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The guest clocks a {@link ClockPolicy} describes. */
final class Clocks {
  private static final long DEFAULT_VIRTUAL_RESOLUTION_NS = 1;
  private static final long DEFAULT_REAL_RESOLUTION_NS = 1_000;
  private static final long DEFAULT_MONOTONIC_RESOLUTION_NS = 1;

  private final GuestClock realtime;
  private final GuestClock monotonic;
  private final @Nullable GuestClock cpuTime;

  Clocks(ClockPolicy policy) {
    Duration resolution = policy.resolution().orElse(null);
    this.realtime =
        clock(policy.realtime(), resolution, GuestClock.realtime(res(resolution, DEFAULT_REAL_RESOLUTION_NS)));
    this.monotonic =
        clock(policy.monotonic(), resolution, GuestClock.monotonic(res(resolution, DEFAULT_MONOTONIC_RESOLUTION_NS)));
    GuestClock realCpu = GuestClock.threadCpu(res(resolution, DEFAULT_REAL_RESOLUTION_NS));
    this.cpuTime =
        policy.cpuTime() == CpuTimeMode.NONE
            ? null
            : policy.cpuTime() == CpuTimeMode.VIRTUAL ? clock(policy.monotonic(), resolution, realCpu) : realCpu;
  }

  private static GuestClock clock(ClockSpec spec, @Nullable Duration resolution, GuestClock real) {
    return switch (spec.mode()) {
      case REAL -> real;
      case FROZEN -> GuestClock.frozen(spec.startNanos(), res(resolution, DEFAULT_VIRTUAL_RESOLUTION_NS));
      case VIRTUAL ->
          GuestClock.virtual(spec.startNanos(), spec.step().toNanos(), res(resolution, DEFAULT_VIRTUAL_RESOLUTION_NS));
    };
  }

  private static long res(@Nullable Duration d, long dflt) {
    return d == null ? dflt : Math.max(1, d.toNanos());
  }

  GuestClock realtime() {
    return realtime;
  }

  GuestClock monotonic() {
    return monotonic;
  }

  @Nullable GuestClock cpuTime() {
    return cpuTime;
  }
}
