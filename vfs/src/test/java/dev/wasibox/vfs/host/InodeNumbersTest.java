package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link InodeNumbers}: stable, distinct inode numbers from host file keys. */
class InodeNumbersTest {
  /** A stand-in for the JDK's file key, which only shows itself through toString and equals. */
  private record Key(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private static final Key ROOT = new Key("(dev=fe00,ino=2)");
  private static final long TABLE = 1L << 62;

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of("root device: host ino", new Key("(dev=fe00,ino=12345)"), 12345L),
        Arguments.of("root itself", ROOT, 2L),
        Arguments.of("second device", new Key("(dev=803,ino=12345)"), (1L << 48) | 12345L),
        Arguments.of("largest ino that fits", new Key("(dev=fe00,ino=281474976710655)"), (1L << 48) - 1),
        Arguments.of("ino of 48 bits", new Key("(dev=fe00,ino=281474976710656)"), TABLE | 1),
        Arguments.of("ino above 2^63", new Key("(dev=fe00,ino=-5)"), TABLE | 1),
        Arguments.of("huge decimal", new Key("(dev=fe00,ino=99999999999999999999)"), TABLE | 1),
        Arguments.of("another key type", 7, TABLE | 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void numberOf_key_isHostInoOnRootDeviceElseDisjoint(String rule, Object key, long expected) {
    InodeNumbers numbers = new InodeNumbers(ROOT);
    assertEquals(expected, numbers.numberOf(key));
    assertEquals(expected, numbers.numberOf(key), "stable");
  }

  @Test
  void numberOf_manyKeysAcrossDevices_allDistinct() {
    InodeNumbers numbers = new InodeNumbers(ROOT);
    Set<Long> seen = new HashSet<>();
    List<String> devices = List.of("fe00", "803", "0", "ffffffffffffffff");
    for (String dev : devices) {
      for (long ino = 0; ino < 100; ino++) {
        seen.add(numbers.numberOf(new Key("(dev=" + dev + ",ino=" + ino + ")")));
      }
      seen.add(numbers.numberOf(new Key("(dev=" + dev + ",ino=" + Long.MAX_VALUE + ")")));
    }
    seen.add(numbers.numberOf("not a unix key"));
    assertEquals(devices.size() * 101 + 1, seen.size());
  }

  @Test
  void numberOf_twoVolumes_numberTheirOwnRootDeviceZero() {
    InodeNumbers a = new InodeNumbers(new Key("(dev=1,ino=2)"));
    InodeNumbers b = new InodeNumbers(new Key("(dev=9,ino=2)"));
    Key onNine = new Key("(dev=9,ino=50)");
    assertEquals(50L, b.numberOf(onNine));
    assertNotEquals(50L, a.numberOf(onNine));
  }
}
