package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The overlay's inode number space: upper as is, lower shifted, the rest numbered. */
class InodesTest {
  private final Inodes inodes = new Inodes();

  static Stream<Arguments> lowerNumbers() {
    return Stream.of(
        // lower ino, overlay ino
        Arguments.of(0L, 1L << 62),
        Arguments.of(7L, (1L << 62) + 7),
        Arguments.of((1L << 62) - 1, Long.MAX_VALUE),
        Arguments.of(1L << 62, Long.MIN_VALUE), // outside the range: first numbered one
        Arguments.of(-1L, Long.MIN_VALUE)); // likewise (each row has a fresh table)
  }

  @ParameterizedTest(name = "lower {0}")
  @MethodSource("lowerNumbers")
  void ofLower_eachRange_mapsAsDocumented(long lowerIno, long expected) {
    assertEquals(expected, inodes.ofLower(lowerIno));
  }

  @Test
  void ofUpper_smallNumber_isUnchanged() {
    assertEquals(42L, inodes.ofUpper(42L));
  }

  @Test
  void ofLowerAndUpper_sameRawNumbers_neverCollide() {
    Set<Long> seen = new HashSet<>();
    long[] raw = {0, 1, 2, 1L << 62, -5, Long.MAX_VALUE, Long.MIN_VALUE};
    for (long r : raw) {
      assertTrue(seen.add(inodes.ofUpper(r)), "upper " + r);
    }
    for (long r : raw) {
      assertTrue(seen.add(inodes.ofLower(r)), "lower " + r);
    }
  }

  @Test
  void ofLower_wideNumber_isStable() {
    long first = inodes.ofLower(-7L);
    inodes.ofLower(-8L);
    assertEquals(first, inodes.ofLower(-7L));
  }

  @Test
  void copiedUp_inheriting_reportsLowerNumber() {
    inodes.copiedUp(5, 9, true);
    assertEquals(inodes.ofLower(9), inodes.ofUpper(5));
    assertTrue(inodes.isCopyOf(5, 9));
    assertFalse(inodes.isCopyOf(5, 8));
  }

  @Test
  void copiedUp_notInheriting_keepsUpperNumber() {
    inodes.copiedUp(5, 9, false);
    assertEquals(5, inodes.ofUpper(5));
    assertNotEquals(inodes.ofLower(9), inodes.ofUpper(5));
    assertTrue(inodes.isCopyOf(5, 9));
  }

  @Test
  void forget_undoesCopiedUp() {
    inodes.copiedUp(5, 9, true);
    inodes.forget(5);
    assertEquals(5, inodes.ofUpper(5));
    assertFalse(inodes.isCopyOf(5, 9));
  }
}
