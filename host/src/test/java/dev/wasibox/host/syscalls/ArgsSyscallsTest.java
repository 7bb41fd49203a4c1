package dev.wasibox.host.syscalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.Abi;
import dev.wasibox.host.HostHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code args_get}, {@code args_sizes_get}, {@code environ_get}, {@code environ_sizes_get}.
 *
 * <p>Fixture: argv {@code ["prog", "é", ""]} (5 + 3 + 1 = 9 bytes with NULs), environment {@code
 * A=1}, {@code LONG=xyz} (4 + 9 = 13 bytes). Memory is one page (65536 bytes).
 */
class ArgsSyscallsTest {
  private static final long MEM = 65536;
  private static final int ARGV_BYTES = 9;
  private static final int ENV_BYTES = 13;

  private static HostHarness harness() {
    return HostHarness.builder().args("prog", "é", "").env("A", "1").env("LONG", "xyz").build();
  }

  /**
   * Where {@code *_get} writes its pointers and strings, for a list of {@code n} entries taking
   * {@code bytes}: {@code (name, ptrs, buf, errno)}.
   */
  private static Stream<Arguments> getCases(int n, int bytes) {
    long ptrBytes = 4L * n;
    return Stream.of(
        Arguments.of("ordinary", 0x1000L, 0x2000L, Errno.SUCCESS),
        Arguments.of("exactFitAtEndOfMemory", MEM - bytes - ptrBytes, MEM - bytes, Errno.SUCCESS),
        Arguments.of("pointersOneBytePastEnd", MEM - ptrBytes + 1, 0x2000L, Errno.EFAULT),
        Arguments.of("bufferOneBytePastEnd", 0x1000L, MEM - bytes + 1, Errno.EFAULT),
        Arguments.of("pointersNear2pow32", 0xFFFF_FFF0L, 0x2000L, Errno.EFAULT),
        Arguments.of("bufferNear2pow32", 0x1000L, 0xFFFF_FFFFL, Errno.EFAULT),
        Arguments.of("pointersJustPastMemory", MEM, 0x2000L, Errno.EFAULT));
  }

  static Stream<Arguments> argsGetCases() {
    return getCases(3, ARGV_BYTES);
  }

  static Stream<Arguments> environGetCases() {
    return getCases(2, ENV_BYTES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argsGetCases")
  void argsGet_table(String name, long ptrs, long buf, Errno expected) {
    HostHarness h = harness();
    assertEquals(expected, h.call("args_get", ptrs, buf));
    if (expected == Errno.SUCCESS) {
      assertList(h, ptrs, buf, List.of("prog", "é", ""));
    } else {
      assertNothingWritten(h);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environGetCases")
  void environGet_table(String name, long ptrs, long buf, Errno expected) {
    HostHarness h = harness();
    assertEquals(expected, h.call("environ_get", ptrs, buf));
    if (expected == Errno.SUCCESS) {
      assertList(h, ptrs, buf, List.of("A=1", "LONG=xyz"));
    } else {
      assertNothingWritten(h);
    }
  }

  private static void assertList(HostHarness h, long ptrs, long buf, List<String> expected) {
    long at = buf;
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(at, h.u32(ptrs + 4L * i), "pointer " + i);
      byte[] s = expected.get(i).getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(s, h.read(at, s.length));
      assertEquals(0, h.u8(at + s.length), "NUL after " + i);
      at += s.length + 1;
    }
  }

  private static void assertNothingWritten(HostHarness h) {
    assertArrayEquals(new byte[(int) MEM], h.read(0, MEM), "memory must be untouched");
  }

  /** {@code (name, countPtr, sizePtr, errno)}. */
  static Stream<Arguments> sizesCases() {
    return Stream.of(
        Arguments.of("ordinary", 0x100L, 0x104L, Errno.SUCCESS),
        Arguments.of("sameAddressForBoth", 0x100L, 0x100L, Errno.SUCCESS),
        Arguments.of("lastFourBytes", MEM - 8, MEM - 4, Errno.SUCCESS),
        Arguments.of("countStraddlesEnd", MEM - 3, 0x104L, Errno.EFAULT),
        Arguments.of("sizeStraddlesEnd", 0x100L, MEM - 3, Errno.EFAULT),
        Arguments.of("countNear2pow32", 0xFFFF_FFFEL, 0x104L, Errno.EFAULT),
        Arguments.of("sizeNear2pow32", 0x100L, 0xFFFF_FFFCL, Errno.EFAULT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sizesCases")
  void argsSizesGet_table(String name, long countPtr, long sizePtr, Errno expected) {
    HostHarness h = harness();
    assertEquals(expected, h.call("args_sizes_get", countPtr, sizePtr));
    if (expected == Errno.SUCCESS) {
      if (countPtr != sizePtr) {
        assertEquals(3, h.u32(countPtr));
      }
      assertEquals(ARGV_BYTES, h.u32(sizePtr));
    } else {
      assertNothingWritten(h);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sizesCases")
  void environSizesGet_table(String name, long countPtr, long sizePtr, Errno expected) {
    HostHarness h = harness();
    assertEquals(expected, h.call("environ_sizes_get", countPtr, sizePtr));
    if (expected == Errno.SUCCESS) {
      if (countPtr != sizePtr) {
        assertEquals(2, h.u32(countPtr));
      }
      assertEquals(ENV_BYTES, h.u32(sizePtr));
    } else {
      assertNothingWritten(h);
    }
  }

  @Test
  void argsSizesGet_nothingGranted_isZeroAndZero() {
    HostHarness h = HostHarness.create();
    h.putU32(0x100, 99);
    h.putU32(0x104, 99);
    assertEquals(Errno.SUCCESS, h.call("environ_sizes_get", 0x100, 0x104));
    assertEquals(0, h.u32(0x100));
    assertEquals(0, h.u32(0x104));
    assertEquals(Errno.SUCCESS, h.call("args_sizes_get", 0x100, 0x104));
    assertEquals(0, h.u32(0x100));
  }

  @Test
  void environGet_nothingGranted_writesNothingAndSucceeds() {
    HostHarness h = HostHarness.create();
    assertEquals(Errno.SUCCESS, h.call("environ_get", 0x100, 0x200));
    assertArrayEquals(new byte[(int) MEM], h.read(0, MEM));
  }

  @Test
  void argsGet_trace_showsCallAndErrno() {
    HostHarness h = harness();
    h.call("args_get", 0xFFFF_FFF0L, 0x2000);
    assertEquals(List.of("==> args_get(argv=-16,argv_buf=8192)", "<== errno=EFAULT"), h.trace());
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void argsSizesGet_eachAbi_sameAnswer(Abi abi) {
    HostHarness h = harness();
    assertEquals(Errno.SUCCESS, h.call(abi, "args_sizes_get", 0x100, 0x104));
    assertEquals(3, h.u32(0x100));
    assertEquals(ARGV_BYTES, h.u32(0x104));
  }

  @Test
  void argsGet_moduleWithoutMemory_isEfault() {
    HostHarness h = HostHarness.builder().pages(-1).args("x").build();
    assertEquals(Errno.EFAULT, h.call("args_get", 0, 0));
    assertEquals(Errno.EFAULT, h.call("args_sizes_get", 0, 4));
  }
}
