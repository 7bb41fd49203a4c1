package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.MoreObjects;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The clocks of a guest ({@code [clocks]}): realtime and monotonic each real, frozen or virtual;
 * the CPU-time clocks real, virtual or absent; and the resolution {@code clock_res_get} reports.
 *
 * <p>Real clocks are the default: the time of day is weak information, most programs need it,
 * and a policy asks for reproducibility by naming it. A {@code *-start} (default 0) is allowed
 * only for a frozen or virtual clock, a {@code *-step} (default 1ms, as wazero's fake clocks) only
 * for a virtual one, and must be positive: a clock that does not advance is {@code frozen}.
 */
@Immutable
public final class ClockPolicy {
  /** The step of a virtual clock whose policy names none. */
  public static final Duration DEFAULT_STEP = Duration.ofMillis(1);

  private static final ClockPolicy DEFAULT = builder().build();

  private final ClockSpec realtime;
  private final ClockSpec monotonic;
  private final CpuTimeMode cpuTime;

  @SuppressWarnings("Immutable") // java.time.Duration is immutable
  private final @Nullable Duration resolution;

  private ClockPolicy(
      ClockSpec realtime, ClockSpec monotonic, CpuTimeMode cpuTime, @Nullable Duration resolution) {
    this.realtime = realtime;
    this.monotonic = monotonic;
    this.cpuTime = cpuTime;
    this.resolution = resolution;
  }

  /** Every clock real. */
  public static ClockPolicy defaults() {
    return DEFAULT;
  }

  /** A builder holding the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.realtime = realtime.mode();
    b.realtimeStart = realtime.mode() == ClockMode.REAL ? null : realtime.startNanos();
    b.realtimeStep = realtime.mode() == ClockMode.VIRTUAL ? realtime.step() : null;
    b.monotonic = monotonic.mode();
    b.monotonicStart = monotonic.mode() == ClockMode.REAL ? null : monotonic.startNanos();
    b.monotonicStep = monotonic.mode() == ClockMode.VIRTUAL ? monotonic.step() : null;
    b.cpuTime = cpuTime;
    b.resolution = resolution;
    return b;
  }

  /** {@code clocks.realtime}, {@code realtime-start}, {@code realtime-step}. */
  public ClockSpec realtime() {
    return realtime;
  }

  /** {@code clocks.monotonic}, {@code monotonic-start}, {@code monotonic-step}. */
  public ClockSpec monotonic() {
    return monotonic;
  }

  /** {@code clocks.cpu-time}. */
  public CpuTimeMode cpuTime() {
    return cpuTime;
  }

  /** {@code clocks.resolution}; empty means the runtime reports the clock's own resolution. */
  public Optional<Duration> resolution() {
    return Optional.ofNullable(resolution);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClockPolicy)) {
      return false;
    }
    ClockPolicy that = (ClockPolicy) o;
    return realtime.equals(that.realtime)
        && monotonic.equals(that.monotonic)
        && cpuTime == that.cpuTime
        && Objects.equals(resolution, that.resolution);
  }

  @Override
  public int hashCode() {
    return Objects.hash(realtime, monotonic, cpuTime, resolution);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper(this)
        .omitNullValues()
        .add("realtime", realtime)
        .add("monotonic", monotonic)
        .add("cpuTime", cpuTime.keyword())
        .add("resolution", resolution == null ? null : Durations.format(resolution))
        .toString();
  }

  /** Builds a {@link ClockPolicy}; {@link #build} checks that starts and steps fit the modes. */
  public static final class Builder {
    private ClockMode realtime = ClockMode.REAL;
    private @Nullable Long realtimeStart;
    private @Nullable Duration realtimeStep;
    private ClockMode monotonic = ClockMode.REAL;
    private @Nullable Long monotonicStart;
    private @Nullable Duration monotonicStep;
    private CpuTimeMode cpuTime = CpuTimeMode.REAL;
    private @Nullable Duration resolution;

    private Builder() {}

    /** Sets {@code realtime}. */
    @CanIgnoreReturnValue
    public Builder realtime(ClockMode mode) {
      this.realtime = checkNotNull(mode);
      return this;
    }

    /** Sets {@code realtime-start}, nanoseconds since 1970-01-01T00:00:00Z; null for the default. */
    @CanIgnoreReturnValue
    public Builder realtimeStart(@Nullable Long nanos) {
      this.realtimeStart = nanos;
      return this;
    }

    /** Sets {@code realtime-step}; null for the default. */
    @CanIgnoreReturnValue
    public Builder realtimeStep(@Nullable Duration step) {
      this.realtimeStep = step;
      return this;
    }

    /** Sets {@code monotonic}. */
    @CanIgnoreReturnValue
    public Builder monotonic(ClockMode mode) {
      this.monotonic = checkNotNull(mode);
      return this;
    }

    /** Sets {@code monotonic-start} in nanoseconds; null for the default. */
    @CanIgnoreReturnValue
    public Builder monotonicStart(@Nullable Long nanos) {
      this.monotonicStart = nanos;
      return this;
    }

    /** Sets {@code monotonic-step}; null for the default. */
    @CanIgnoreReturnValue
    public Builder monotonicStep(@Nullable Duration step) {
      this.monotonicStep = step;
      return this;
    }

    /** Sets {@code cpu-time}. */
    @CanIgnoreReturnValue
    public Builder cpuTime(CpuTimeMode mode) {
      this.cpuTime = checkNotNull(mode);
      return this;
    }

    /** Sets {@code resolution}; null to let the runtime report the clock's own. */
    @CanIgnoreReturnValue
    public Builder resolution(@Nullable Duration resolution) {
      this.resolution = resolution;
      return this;
    }

    /**
     * The policy.
     *
     * @throws PolicyKeyException for a start or step the mode does not take, a negative start, a
     *     step or resolution that is not positive, or virtual CPU time over a real monotonic clock
     */
    public ClockPolicy build() {
      ClockSpec rt = clock("realtime", realtime, realtimeStart, realtimeStep);
      ClockSpec mono = clock("monotonic", monotonic, monotonicStart, monotonicStep);
      if (cpuTime == CpuTimeMode.VIRTUAL && monotonic == ClockMode.REAL) {
        throw new PolicyKeyException(
            KeyPath.of("clocks", "cpu-time"),
            "\"virtual\" follows the monotonic clock, which must then be \"frozen\" or"
                + " \"virtual\" (monotonic is \"real\")");
      }
      if (resolution != null) {
        positive(KeyPath.of("clocks", "resolution"), resolution, "");
      }
      return new ClockPolicy(rt, mono, cpuTime, resolution);
    }

    private static ClockSpec clock(
        String name, ClockMode mode, @Nullable Long start, @Nullable Duration step) {
      KeyPath startKey = KeyPath.of("clocks", name + "-start");
      KeyPath stepKey = KeyPath.of("clocks", name + "-step");
      String is = " (" + name + " is \"" + mode.keyword() + "\")";
      if (start != null && mode == ClockMode.REAL) {
        throw new PolicyKeyException(
            startKey, "only allowed when " + name + " is \"frozen\" or \"virtual\"" + is);
      }
      if (step != null && mode != ClockMode.VIRTUAL) {
        throw new PolicyKeyException(stepKey, "only allowed when " + name + " = \"virtual\"" + is);
      }
      if (start != null && start < 0) {
        throw new PolicyKeyException(startKey, "must not be negative: " + start);
      }
      if (mode == ClockMode.REAL) {
        return ClockSpec.REAL;
      }
      Duration s = Duration.ZERO;
      if (mode == ClockMode.VIRTUAL) {
        s = step == null ? DEFAULT_STEP : step;
        positive(stepKey, s, "; a clock that does not advance is \"frozen\"");
      }
      return new ClockSpec(mode, start == null ? 0 : start, s);
    }

    private static void positive(KeyPath key, Duration d, String hint) {
      if (d.isNegative() || d.isZero()) {
        throw new PolicyKeyException(key, "must be positive" + hint);
      }
      try {
        d.toNanos();
      } catch (ArithmeticException e) {
        throw new PolicyKeyException(key, "too large: more than " + Long.MAX_VALUE + "ns");
      }
    }
  }
}
