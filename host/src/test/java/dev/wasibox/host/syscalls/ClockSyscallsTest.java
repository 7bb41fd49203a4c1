package dev.wasibox.host.syscalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.Abi;
import dev.wasibox.host.HostHarness;
import dev.wasibox.host.env.GuestClock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code clock_res_get} and {@code clock_time_get} on virtual clocks: realtime starts at
 * 1_700_000_000 s and steps 1 µs per read (resolution 1 µs), monotonic and CPU time start at 0 and
 * step 1 ns (resolution 1 ns).
 */
class ClockSyscallsTest {
  private static final long MEM = 65536;
  private static final long REALTIME_START = 1_700_000_000_000_000_000L;

  /** {@code (name, clockId, cpuGranted, resultPtr, errno, expected value)}. */
  static Stream<Arguments> resCases() {
    return Stream.of(
        Arguments.of("realtime", 0, true, 0x100L, Errno.SUCCESS, 1_000L),
        Arguments.of("monotonic", 1, true, 0x100L, Errno.SUCCESS, 1L),
        Arguments.of("processCputime", 2, true, 0x100L, Errno.SUCCESS, 1L),
        Arguments.of("threadCputime", 3, true, 0x100L, Errno.SUCCESS, 1L),
        Arguments.of("processCputimeWithheld", 2, false, 0x100L, Errno.EINVAL, 0L),
        Arguments.of("threadCputimeWithheld", 3, false, 0x100L, Errno.EINVAL, 0L),
        Arguments.of("unknownId4", 4, true, 0x100L, Errno.EINVAL, 0L),
        Arguments.of("negativeId", -1, true, 0x100L, Errno.EINVAL, 0L),
        Arguments.of("hugeId", Integer.MAX_VALUE, true, 0x100L, Errno.EINVAL, 0L),
        Arguments.of("lastEightBytes", 1, true, MEM - 8, Errno.SUCCESS, 1L),
        Arguments.of("resultStraddlesEnd", 1, true, MEM - 7, Errno.EFAULT, 0L),
        Arguments.of("resultNear2pow32", 1, true, 0xFFFF_FFFCL, Errno.EFAULT, 0L),
        Arguments.of("unknownIdAndBadPointer", 9, true, 0xFFFF_FFFCL, Errno.EINVAL, 0L));
  }

  private static HostHarness harness(boolean cpu) {
    HostHarness.Builder b = HostHarness.builder();
    if (!cpu) {
      b.cpuTime(null);
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resCases")
  void clockResGet_table(String name, int id, boolean cpu, long ptr, Errno errno, long value) {
    HostHarness h = harness(cpu);
    assertEquals(errno, h.call("clock_res_get", id, ptr));
    if (errno == Errno.SUCCESS) {
      assertEquals(value, h.u64(ptr));
    } else {
      assertArrayEquals(new byte[(int) MEM], h.read(0, MEM));
    }
  }

  static Stream<Arguments> timeCases() {
    return Stream.of(
        Arguments.of("realtime", 0, true, 0x100L, Errno.SUCCESS, REALTIME_START),
        Arguments.of("monotonic", 1, true, 0x100L, Errno.SUCCESS, 0L),
        Arguments.of("processCputime", 2, true, 0x100L, Errno.SUCCESS, 0L),
        Arguments.of("threadCputime", 3, true, 0x100L, Errno.SUCCESS, 0L),
        Arguments.of("cputimeWithheld", 2, false, 0x100L, Errno.EINVAL, 0L),
        Arguments.of("unknownId", 4, true, 0x100L, Errno.EINVAL, 0L),
        Arguments.of("negativeId", -1, true, 0x100L, Errno.EINVAL, 0L),
        Arguments.of("resultStraddlesEnd", 0, true, MEM - 4, Errno.EFAULT, 0L),
        Arguments.of("resultAtMemorySize", 0, true, MEM, Errno.EFAULT, 0L),
        Arguments.of("resultNear2pow32", 0, true, 0xFFFF_FFF9L, Errno.EFAULT, 0L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timeCases")
  void clockTimeGet_table(String name, int id, boolean cpu, long ptr, Errno errno, long value) {
    HostHarness h = harness(cpu);
    assertEquals(errno, h.call("clock_time_get", id, 0L, ptr));
    if (errno == Errno.SUCCESS) {
      assertEquals(value, h.u64(ptr));
    } else {
      assertArrayEquals(new byte[(int) MEM], h.read(0, MEM));
    }
  }

  @Test
  void clockTimeGet_badPointer_doesNotAdvanceVirtualClock() {
    HostHarness h = HostHarness.create();
    assertEquals(Errno.EFAULT, h.call("clock_time_get", 0, 0L, 0xFFFF_FFF0L));
    assertEquals(Errno.SUCCESS, h.call("clock_time_get", 0, 0L, 0x100));
    assertEquals(REALTIME_START, h.u64(0x100));
  }

  @Test
  void clockTimeGet_virtualClock_stepsPerRead() {
    HostHarness h = HostHarness.create();
    for (int i = 0; i < 3; i++) {
      assertEquals(Errno.SUCCESS, h.call("clock_time_get", 0, -1L, 0x100));
      assertEquals(REALTIME_START + 1_000L * i, h.u64(0x100));
    }
  }

  @Test
  void clockTimeGet_frozenClock_alwaysSameValue() {
    HostHarness h = HostHarness.builder().monotonic(GuestClock.frozen(42, 7)).build();
    assertEquals(Errno.SUCCESS, h.call("clock_time_get", 1, 0L, 0x100));
    assertEquals(Errno.SUCCESS, h.call("clock_time_get", 1, 0L, 0x108));
    assertEquals(42, h.u64(0x100));
    assertEquals(42, h.u64(0x108));
    assertEquals(Errno.SUCCESS, h.call("clock_res_get", 1, 0x110));
    assertEquals(7, h.u64(0x110));
  }

  @Test
  void clockTimeGet_trace_showsIdAndPrecision() {
    HostHarness h = HostHarness.create();
    h.call("clock_time_get", 7, 1000L, 0x100);
    assertEquals(List.of("==> clock_time_get(id=7,precision=1000)", "<== errno=EINVAL"), h.trace());
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void clockTimeGet_eachAbi_sameClock(Abi abi) {
    HostHarness h = HostHarness.create();
    assertEquals(Errno.SUCCESS, h.call(abi, "clock_time_get", 0, 0L, 0x100));
    assertEquals(REALTIME_START, h.u64(0x100));
  }
}
