package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClockPolicyTest {
  @Test
  void defaults_everyClockReal() {
    ClockPolicy c = ClockPolicy.builder().build();
    assertEquals(ClockPolicy.defaults(), c);
    assertEquals(ClockMode.REAL, c.realtime().mode());
    assertEquals(ClockMode.REAL, c.monotonic().mode());
    assertEquals(CpuTimeMode.REAL, c.cpuTime());
    assertEquals(Optional.empty(), c.resolution());
    assertEquals(0, c.realtime().startNanos());
    assertEquals(Duration.ZERO, c.realtime().step());
  }

  @Test
  void build_frozenWithoutStart_startsAtZeroWithoutStep() {
    ClockPolicy c = ClockPolicy.builder().realtime(ClockMode.FROZEN).build();
    assertEquals(ClockMode.FROZEN, c.realtime().mode());
    assertEquals(0, c.realtime().startNanos());
    assertEquals(Duration.ZERO, c.realtime().step());
  }

  @Test
  void build_virtualWithoutStep_stepsOneMillisecond() {
    ClockPolicy c = ClockPolicy.builder().monotonic(ClockMode.VIRTUAL).build();
    assertEquals(Duration.ofMillis(1), c.monotonic().step());
    assertEquals(ClockPolicy.DEFAULT_STEP, c.monotonic().step());
  }

  @Test
  void build_everyField_isReflectedAndRoundTrips() {
    ClockPolicy c =
        ClockPolicy.builder()
            .realtime(ClockMode.VIRTUAL)
            .realtimeStart(1_704_067_200_000_000_000L)
            .realtimeStep(Duration.ofNanos(7))
            .monotonic(ClockMode.FROZEN)
            .monotonicStart(5L)
            .cpuTime(CpuTimeMode.VIRTUAL)
            .resolution(Duration.ofNanos(1000))
            .build();
    assertEquals(1_704_067_200_000_000_000L, c.realtime().startNanos());
    assertEquals(Duration.ofNanos(7), c.realtime().step());
    assertEquals(ClockMode.FROZEN, c.monotonic().mode());
    assertEquals(5, c.monotonic().startNanos());
    assertEquals(CpuTimeMode.VIRTUAL, c.cpuTime());
    assertEquals(Optional.of(Duration.ofNanos(1000)), c.resolution());
    assertEquals(c, c.toBuilder().build());
    assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
    assertEquals(
        "ClockPolicy{realtime=ClockSpec{mode=virtual, startNanos=1704067200000000000, step=7ns},"
            + " monotonic=ClockSpec{mode=frozen, startNanos=5}, cpuTime=virtual, resolution=1us}",
        c.toString());
  }

  @Test
  void build_cpuTimeNone_isAllowedWithRealClocks() {
    assertEquals(
        CpuTimeMode.NONE, ClockPolicy.builder().cpuTime(CpuTimeMode.NONE).build().cpuTime());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            ClockPolicy.builder().realtimeStart(0L),
            "key 'clocks.realtime-start': only allowed when realtime is \"frozen\" or \"virtual\""
                + " (realtime is \"real\")"),
        Arguments.of(
            ClockPolicy.builder().realtime(ClockMode.FROZEN).realtimeStep(Duration.ofMillis(1)),
            "key 'clocks.realtime-step': only allowed when realtime = \"virtual\""
                + " (realtime is \"frozen\")"),
        Arguments.of(
            ClockPolicy.builder().monotonicStep(Duration.ofMillis(1)),
            "key 'clocks.monotonic-step': only allowed when monotonic = \"virtual\""
                + " (monotonic is \"real\")"),
        Arguments.of(
            ClockPolicy.builder().monotonicStart(3L),
            "key 'clocks.monotonic-start': only allowed when monotonic is \"frozen\" or"
                + " \"virtual\" (monotonic is \"real\")"),
        Arguments.of(
            ClockPolicy.builder().monotonic(ClockMode.FROZEN).monotonicStart(-1L),
            "key 'clocks.monotonic-start': must not be negative: -1"),
        Arguments.of(
            ClockPolicy.builder().realtime(ClockMode.VIRTUAL).realtimeStep(Duration.ZERO),
            "key 'clocks.realtime-step': must be positive; a clock that does not advance is"
                + " \"frozen\""),
        Arguments.of(
            ClockPolicy.builder().monotonic(ClockMode.VIRTUAL).monotonicStep(Duration.ofNanos(-1)),
            "key 'clocks.monotonic-step': must be positive; a clock that does not advance is"
                + " \"frozen\""),
        Arguments.of(
            ClockPolicy.builder().monotonic(ClockMode.VIRTUAL).monotonicStep(Duration.ofDays(200_000)),
            "key 'clocks.monotonic-step': too large: more than 9223372036854775807ns"),
        Arguments.of(
            ClockPolicy.builder().cpuTime(CpuTimeMode.VIRTUAL),
            "key 'clocks.cpu-time': \"virtual\" follows the monotonic clock, which must then be"
                + " \"frozen\" or \"virtual\" (monotonic is \"real\")"),
        Arguments.of(
            ClockPolicy.builder().resolution(Duration.ZERO),
            "key 'clocks.resolution': must be positive"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalid")
  void build_inconsistentClocks_throwsNamingKey(ClockPolicy.Builder b, String message) {
    PolicyKeyException e = assertThrows(PolicyKeyException.class, b::build);
    assertEquals(message, e.getMessage());
  }
}
