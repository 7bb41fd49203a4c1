package dev.wasibox.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link GuestMemory} over a real one-page Chicory memory: every bound in 64-bit arithmetic. */
class GuestMemoryTest {
  private static final long MEM = 65536;

  private final HostHarness h = HostHarness.create();
  private final GuestMemory mem = new GuestMemory(h.memory());

  private static Errno errno(Runnable r) {
    return assertThrows(WasiException.class, r::run).errno();
  }

  /** {@code (name, ptr, len, in bounds)}. */
  static Stream<Arguments> ranges() {
    return Stream.of(
        Arguments.of("empty at 0", 0L, 0L, true),
        Arguments.of("empty at end", MEM, 0L, true),
        Arguments.of("whole memory", 0L, MEM, true),
        Arguments.of("last byte", MEM - 1, 1L, true),
        Arguments.of("one past end", MEM, 1L, false),
        Arguments.of("straddles end", MEM - 4, 8L, false),
        Arguments.of("empty past end", MEM + 1, 0L, false),
        Arguments.of("ptr near 2^32", 0xFFFF_FFFFL, 1L, false),
        Arguments.of("len 0x7FFFFFF0 (Chicory int overflow)", 0x100L, 0x7FFF_FFF0L, false),
        Arguments.of("len max u32", 0L, 0xFFFF_FFFFL, false),
        Arguments.of("u32 ptr + len wraps to 0x10", 0x20L, 0xFFFF_FFF0L, false),
        Arguments.of("both max u32", 0xFFFF_FFFFL, 0xFFFF_FFFFL, false),
        Arguments.of("negative ptr", -1L, 1L, false),
        Arguments.of("negative len", 0L, -1L, false),
        Arguments.of("long overflow of ptr + len", 0x10L, Long.MAX_VALUE, false),
        Arguments.of("long overflow of ptr", Long.MAX_VALUE, 1L, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ranges")
  void check_range_efaultUnlessInBounds(String name, long ptr, long len, boolean ok) {
    if (ok) {
      mem.check(ptr, len);
    } else {
      assertEquals(Errno.EFAULT, errno(() -> mem.check(ptr, len)));
    }
  }

  /** {@code (name, unused, width)}. */
  static Stream<Arguments> scalars() {
    return Stream.of(
        Arguments.of("u8", (Consumer<Object[]>) null, 1),
        Arguments.of("u16", null, 2),
        Arguments.of("u32", null, 4),
        Arguments.of("u64", null, 8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scalars")
  void scalarAccessors_lastSlotFitsNextFaults(String name, Object unused, int width) {
    long last = MEM - width;
    long past = MEM - width + 1;
    switch (width) {
      case 1 -> {
        mem.putU8(last, 0xAB);
        assertEquals(0xAB, mem.u8(last));
        assertEquals(Errno.EFAULT, errno(() -> mem.u8(past)));
        assertEquals(Errno.EFAULT, errno(() -> mem.putU8(past, 1)));
      }
      case 2 -> {
        mem.putU16(last, 0xFFFE);
        assertEquals(0xFFFE, mem.u16(last));
        assertEquals(Errno.EFAULT, errno(() -> mem.u16(past)));
        assertEquals(Errno.EFAULT, errno(() -> mem.putU16(past, 1)));
      }
      case 4 -> {
        mem.putU32(last, 0xFFFF_FFFEL);
        assertEquals(0xFFFF_FFFEL, mem.u32(last));
        assertEquals(Errno.EFAULT, errno(() -> mem.u32(past)));
        assertEquals(Errno.EFAULT, errno(() -> mem.putU32(past, 1)));
      }
      default -> {
        mem.putU64(last, -2L);
        assertEquals(-2L, mem.u64(last));
        assertEquals(Errno.EFAULT, errno(() -> mem.u64(past)));
        assertEquals(Errno.EFAULT, errno(() -> mem.putU64(past, 1)));
      }
    }
    assertEquals(Errno.EFAULT, errno(() -> mem.u8(0xFFFF_FFFFL)));
  }

  @Test
  void u32_highBitSet_isZeroExtended() {
    mem.putU32(0x10, -1);
    assertEquals(0xFFFF_FFFFL, mem.u32(0x10));
  }

  @Test
  void bytes_overMax_isTooLongBeforeBoundsCheck() {
    assertEquals(Errno.ENAMETOOLONG, errno(() -> mem.bytes(0xFFFF_FFF0L, 4097, 4096, Errno.ENAMETOOLONG)));
    assertEquals(Errno.EFAULT, errno(() -> mem.bytes(0xFFFF_FFF0L, 4096, 4096, Errno.ENAMETOOLONG)));
    assertArrayEquals(new byte[0], mem.bytes(MEM, 0, 4096, Errno.ENAMETOOLONG));
  }

  @Test
  void chunk_overChunkSize_isHostBug() {
    assertThrows(IllegalArgumentException.class, () -> mem.chunk(0, GuestMemory.CHUNK + 1));
    assertEquals(GuestMemory.CHUNK, mem.chunk(0, GuestMemory.CHUNK).length);
  }

  @Test
  void write_outOfBounds_writesNothing() {
    byte[] data = {1, 2, 3, 4};
    assertEquals(Errno.EFAULT, errno(() -> mem.write(MEM - 3, data)));
    assertArrayEquals(new byte[(int) MEM], h.read(0, MEM));
    mem.write(MEM - 4, data);
    assertArrayEquals(data, h.read(MEM - 4, 4));
  }

  @Test
  void zero_rangeChecked() {
    h.fill(0, 16, 0x55);
    mem.zero(4, 8);
    assertArrayEquals(new byte[] {0x55, 0x55, 0x55, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0x55, 0x55, 0x55, 0x55}, h.read(0, 16));
    assertEquals(Errno.EFAULT, errno(() -> mem.zero(MEM - 1, 2)));
  }

  /** {@code (name, iovec pairs, count override or -1, errno)}. */
  static Stream<Arguments> iovecCases() {
    return Stream.of(
        Arguments.of("none", new long[] {}, -1L, null),
        Arguments.of("two", new long[] {0x1000, 16, 0x2000, 0}, -1L, null),
        Arguments.of("lastByteOfMemory", new long[] {MEM - 1, 1}, -1L, null),
        Arguments.of("bufferPastEnd", new long[] {MEM - 1, 2}, -1L, Errno.EFAULT),
        Arguments.of("hugeLength", new long[] {0x100, 0x7FFF_FFF0L}, -1L, Errno.EFAULT),
        Arguments.of("wrappingBuffer", new long[] {0xFFFF_FFF0L, 0x20}, -1L, Errno.EFAULT),
        Arguments.of("zeroLengthWildPointer", new long[] {0xFFFF_FFFFL, 0}, -1L, Errno.EFAULT),
        Arguments.of("badSecondOfTwo", new long[] {0x1000, 4, MEM, 1}, -1L, Errno.EFAULT),
        Arguments.of("countOverIovMax", new long[] {0x1000, 1}, 1025L, Errno.EINVAL),
        Arguments.of("countMaxU32", new long[] {0x1000, 1}, 0xFFFF_FFFFL, Errno.EINVAL),
        Arguments.of("arrayPastEnd", new long[] {0x1000, 1}, 1024L, Errno.EFAULT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("iovecCases")
  void iovecs_table(String name, long[] pairs, long count, Errno errno) {
    long at = MEM - 8L * Math.max(pairs.length / 2, 1);
    for (int i = 0; i < pairs.length; i++) {
      h.putU32(at + 4L * i, pairs[i]);
    }
    long n = count >= 0 ? count : pairs.length / 2;
    if (errno != null) {
      assertEquals(errno, errno(() -> mem.iovecs(at, n)));
      return;
    }
    GuestMemory.Iovecs iov = mem.iovecs(at, n);
    assertEquals(n, iov.count());
    long total = 0;
    for (int i = 0; i < n; i++) {
      assertEquals(pairs[2 * i], iov.buf(i));
      assertEquals(pairs[2 * i + 1], iov.len(i));
      total += pairs[2 * i + 1];
    }
    assertEquals(total, iov.total());
  }

  @Test
  void iovecs_arrayPointerWild_isEfault() {
    assertEquals(Errno.EFAULT, errno(() -> mem.iovecs(0xFFFF_FFF8L, 1)));
    assertEquals(Errno.EFAULT, errno(() -> mem.iovecs(MEM - 4, 1)));
  }

  @Test
  void noMemory_everyNonEmptyAccessFaults_emptyOnesSucceed() {
    GuestMemory none = new GuestMemory(null);
    assertEquals(0, none.size());
    assertEquals(Errno.EFAULT, errno(() -> none.u8(0)));
    assertEquals(Errno.EFAULT, errno(() -> none.putU64(0, 1)));
    assertEquals(Errno.EFAULT, errno(() -> none.check(1, 0)));
    none.check(0, 0);
    none.write(0, new byte[0]);
    none.read(0, new byte[0], 0, 0);
    assertEquals(0, none.chunk(0, 0).length);
    assertEquals(0, none.bytes(0, 0, 10, Errno.ENAMETOOLONG).length);
    assertEquals(0, none.iovecs(0, 0).count());
  }
}
