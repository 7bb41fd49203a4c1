package dev.wasibox.capabilities.policy;

import com.google.common.base.MoreObjects;
import com.google.errorprone.annotations.Immutable;
import java.time.Duration;
import java.util.Objects;

/**
 * One guest clock (realtime or monotonic): real, frozen at a start value, or virtual (the start
 * value, then one step more per read); built by {@link ClockPolicy.Builder}.
 */
@Immutable
public final class ClockSpec {
  static final ClockSpec REAL = new ClockSpec(ClockMode.REAL, 0, Duration.ZERO);

  private final ClockMode mode;
  private final long startNanos;

  @SuppressWarnings("Immutable") // java.time.Duration is immutable
  private final Duration step;

  ClockSpec(ClockMode mode, long startNanos, Duration step) {
    this.mode = mode;
    this.startNanos = startNanos;
    this.step = step;
  }

  /** Real, frozen or virtual. */
  public ClockMode mode() {
    return mode;
  }

  /**
   * The first value read, in nanoseconds (since 1970-01-01T00:00:00Z for realtime); 0 for a real
   * clock.
   */
  public long startNanos() {
    return startNanos;
  }

  /** What each read adds, for a virtual clock; zero otherwise. */
  public Duration step() {
    return step;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClockSpec)) {
      return false;
    }
    ClockSpec that = (ClockSpec) o;
    return mode == that.mode && startNanos == that.startNanos && step.equals(that.step);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, startNanos, step);
  }

  @Override
  public String toString() {
    MoreObjects.ToStringHelper h = MoreObjects.toStringHelper(this).add("mode", mode.keyword());
    if (mode != ClockMode.REAL) {
      h.add("startNanos", startNanos);
    }
    if (mode == ClockMode.VIRTUAL) {
      h.add("step", Durations.format(step));
    }
    return h.toString();
  }
}
