package dev.wasibox.host.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.policy.ClockMode;
import dev.wasibox.capabilities.policy.ClockPolicy;
import dev.wasibox.capabilities.policy.CpuTimeMode;
import dev.wasibox.host.env.GuestClock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The guest clocks a {@code [clocks]} section gives: readings and resolutions. */
class ClocksTest {
  private static final long T2024 = 1_704_067_200_000_000_000L; // 2024-01-01T00:00:00Z

  private static List<Long> readings(GuestClock c) {
    return List.of(c.now(), c.now(), c.now());
  }

  static Stream<Arguments> pinned() {
    Function<ClockPolicy, GuestClock> realtime = p -> new Clocks(p).realtime();
    Function<ClockPolicy, GuestClock> monotonic = p -> new Clocks(p).monotonic();
    Function<ClockPolicy, GuestClock> cpu = p -> new Clocks(p).cpuTime();
    return Stream.of(
        // name, policy, which clock, three readings, resolution
        Arguments.of(
            "realtime virtual, default start and step",
            ClockPolicy.builder().realtime(ClockMode.VIRTUAL).build(),
            realtime, List.of(0L, 1_000_000L, 2_000_000L), 1L),
        Arguments.of(
            "realtime virtual from 2024, 1us",
            ClockPolicy.builder().realtime(ClockMode.VIRTUAL).realtimeStart(T2024).realtimeStep(Duration.ofNanos(1000)).build(),
            realtime, List.of(T2024, T2024 + 1000, T2024 + 2000), 1L),
        Arguments.of(
            "realtime frozen",
            ClockPolicy.builder().realtime(ClockMode.FROZEN).realtimeStart(T2024).build(),
            realtime, List.of(T2024, T2024, T2024), 1L),
        Arguments.of(
            "monotonic virtual from 5s, 2ms",
            ClockPolicy.builder().monotonic(ClockMode.VIRTUAL).monotonicStart(5_000_000_000L).monotonicStep(Duration.ofMillis(2)).build(),
            monotonic, List.of(5_000_000_000L, 5_002_000_000L, 5_004_000_000L), 1L),
        Arguments.of(
            "monotonic frozen at 0",
            ClockPolicy.builder().monotonic(ClockMode.FROZEN).build(),
            monotonic, List.of(0L, 0L, 0L), 1L),
        Arguments.of(
            "resolution on a virtual clock",
            ClockPolicy.builder().monotonic(ClockMode.VIRTUAL).resolution(Duration.ofNanos(1000)).build(),
            monotonic, List.of(0L, 1_000_000L, 2_000_000L), 1000L),
        Arguments.of(
            "cpu-time virtual follows the monotonic rules, with its own readings",
            ClockPolicy.builder().monotonic(ClockMode.VIRTUAL).monotonicStart(7L).monotonicStep(Duration.ofNanos(3)).cpuTime(CpuTimeMode.VIRTUAL).build(),
            cpu, List.of(7L, 10L, 13L), 1L),
        Arguments.of(
            "cpu-time virtual with a frozen monotonic clock",
            ClockPolicy.builder().monotonic(ClockMode.FROZEN).monotonicStart(9L).cpuTime(CpuTimeMode.VIRTUAL).build(),
            cpu, List.of(9L, 9L, 9L), 1L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pinned")
  void clock_frozenOrVirtual_readsExactly(
      String name, ClockPolicy policy, Function<ClockPolicy, GuestClock> which, List<Long> expected, long resolution) {
    GuestClock c = which.apply(policy);
    assertEquals(expected, readings(c));
    assertEquals(resolution, c.resolution());
  }

  @Test
  void clocks_separateRuns_startAgain() {
    ClockPolicy p = ClockPolicy.builder().realtime(ClockMode.VIRTUAL).realtimeStart(T2024).build();
    new Clocks(p).realtime().now();
    assertEquals(T2024, new Clocks(p).realtime().now());
  }

  @Test
  void realtime_real_readsTheHostClock() {
    long before = System.currentTimeMillis() * 1_000_000L;
    long now = new Clocks(ClockPolicy.defaults()).realtime().now();
    long after = (System.currentTimeMillis() + 1) * 1_000_000L;
    assertTrue(before <= now && now <= after, () -> before + " <= " + now + " <= " + after);
  }

  @Test
  void cpuTime_none_isAbsent() {
    assertNull(new Clocks(ClockPolicy.builder().cpuTime(CpuTimeMode.NONE).build()).cpuTime());
  }

  @Test
  void cpuTime_real_isPresent() {
    assertNotNull(new Clocks(ClockPolicy.defaults()).cpuTime());
  }
}
