package dev.wasibox.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ErrnoTest {
  static Stream<Arguments> wireCodes() {
    // Spot checks against typenames.witx, plus the ends of the range.
    return Stream.of(
        Arguments.of(Errno.SUCCESS, 0),
        Arguments.of(Errno.E2BIG, 1),
        Arguments.of(Errno.EACCES, 2),
        Arguments.of(Errno.EBADF, 8),
        Arguments.of(Errno.EEXIST, 20),
        Arguments.of(Errno.EFAULT, 21),
        Arguments.of(Errno.EILSEQ, 25),
        Arguments.of(Errno.EINVAL, 28),
        Arguments.of(Errno.EIO, 29),
        Arguments.of(Errno.EISDIR, 31),
        Arguments.of(Errno.ELOOP, 32),
        Arguments.of(Errno.EMFILE, 33),
        Arguments.of(Errno.ENAMETOOLONG, 37),
        Arguments.of(Errno.ENOENT, 44),
        Arguments.of(Errno.ENOSPC, 51),
        Arguments.of(Errno.ENOSYS, 52),
        Arguments.of(Errno.ENOTDIR, 54),
        Arguments.of(Errno.ENOTEMPTY, 55),
        Arguments.of(Errno.ENOTSUP, 58),
        Arguments.of(Errno.EPERM, 63),
        Arguments.of(Errno.EROFS, 69),
        Arguments.of(Errno.ESPIPE, 70),
        Arguments.of(Errno.EXDEV, 75),
        Arguments.of(Errno.ENOTCAPABLE, 76));
  }

  @ParameterizedTest
  @MethodSource("wireCodes")
  void code_matchesWitx(Errno errno, int code) {
    assertEquals(code, errno.code());
    assertEquals(errno, Errno.fromCode(code));
  }

  @Test
  void values_coverEveryCodeOnce() {
    assertEquals(77, Errno.values().length);
    for (int code = 0; code < 77; code++) {
      assertEquals(code, Errno.fromCode(code).code());
    }
  }

  @Test
  void fromCode_outOfRange_throws() {
    assertThrows(IllegalArgumentException.class, () -> Errno.fromCode(77));
    assertThrows(IllegalArgumentException.class, () -> Errno.fromCode(-1));
  }

  @Test
  void wasiException_success_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new WasiException(Errno.SUCCESS));
  }

  @Test
  void wasiException_isStackless() {
    assertEquals(0, new WasiException(Errno.EBADF).getStackTrace().length);
  }
}
