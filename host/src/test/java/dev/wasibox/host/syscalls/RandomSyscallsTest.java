package dev.wasibox.host.syscalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.HostHarness;
import dev.wasibox.host.env.RandomSource;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code random_get}, on a source seeded with 42 and two pages (131072 bytes) of memory. */
class RandomSyscallsTest {
  private static final long MEM = 131072;

  private static HostHarness harness() {
    return HostHarness.builder().pages(2).build();
  }

  private static byte[] seeded(int n) {
    byte[] b = new byte[n];
    RandomSource.seeded(42).fill(b);
    return b;
  }

  /** {@code (name, buf, len, errno)}. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("small", 0x100L, 16L, Errno.SUCCESS),
        Arguments.of("zeroLength", 0x100L, 0L, Errno.SUCCESS),
        Arguments.of("zeroLengthAtMemoryEnd", MEM, 0L, Errno.SUCCESS),
        Arguments.of("wholeMemoryAcrossChunks", 0L, MEM, Errno.SUCCESS),
        Arguments.of("lastByte", MEM - 1, 1L, Errno.SUCCESS),
        Arguments.of("oneBytePastEnd", MEM - 15, 16L, Errno.EFAULT),
        Arguments.of("hugeLength", 0x100L, 0x7FFF_FFF0L, Errno.EFAULT),
        Arguments.of("maxU32Length", 0L, 0xFFFF_FFFFL, Errno.EFAULT),
        Arguments.of("pointerNear2pow32", 0xFFFF_FFF0L, 16L, Errno.EFAULT),
        Arguments.of("pointerPlusLengthWraps", 0x10L, 0xFFFF_FFF8L, Errno.EFAULT),
        Arguments.of("zeroLengthPastMemory", 0xFFFF_FFFFL, 0L, Errno.EFAULT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void randomGet_table(String name, long buf, long len, Errno errno) {
    HostHarness h = harness();
    assertEquals(errno, h.call("random_get", buf, len));
    if (errno == Errno.SUCCESS) {
      assertArrayEquals(seeded((int) len), h.read(buf, len));
    } else {
      assertArrayEquals(new byte[(int) MEM], h.read(0, MEM), "nothing written");
    }
  }

  @Test
  void randomGet_afterFault_sourceNotConsumed() {
    HostHarness h = harness();
    assertEquals(Errno.EFAULT, h.call("random_get", 0x100, 0x7FFF_FFF0L));
    assertEquals(Errno.SUCCESS, h.call("random_get", 0x100, 32));
    assertArrayEquals(seeded(32), h.read(0x100, 32));
  }

  @Test
  void randomGet_secureSource_fillsBuffer() {
    HostHarness h = HostHarness.builder().random(RandomSource.secure()).build();
    assertEquals(Errno.SUCCESS, h.call("random_get", 0x100, 4096));
    byte[] b = h.read(0x100, 4096);
    assertFalse(Arrays.equals(new byte[4096], b), "4096 random bytes are not all zero");
  }

  @Test
  void randomGet_trace() {
    HostHarness h = harness();
    h.call("random_get", 0x100, 0x7FFF_FFF0L);
    assertEquals(List.of("==> random_get(buf=256,buf_len=2147483632)", "<== errno=EFAULT"), h.trace());
  }
}
