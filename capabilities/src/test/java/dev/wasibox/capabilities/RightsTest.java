package dev.wasibox.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RightsTest {
  @Test
  void bits_matchWitxPositions() {
    assertEquals(1L << 1, Right.FD_READ.mask());
    assertEquals(1L << 6, Right.FD_WRITE.mask());
    assertEquals(1L << 13, Right.PATH_OPEN.mask());
    assertEquals(1L << 29, Right.SOCK_ACCEPT.mask());
    assertEquals((1L << 30) - 1, Rights.ALL.bits());
  }

  @Test
  void fromBits_undefinedBits_areDropped() {
    Rights r = Rights.fromBits(-1L);
    assertEquals(Rights.ALL, r);
  }

  @Test
  void intersect_neverWidens() {
    Rights parent = Rights.of(Right.FD_READ, Right.PATH_OPEN);
    Rights asked = Rights.of(Right.FD_READ, Right.FD_WRITE);
    Rights child = asked.intersect(parent);
    assertEquals(Rights.of(Right.FD_READ), child);
    assertTrue(parent.containsAll(child));
    assertFalse(child.contains(Right.FD_WRITE));
  }

  @Test
  void without_removesOnlyNamed() {
    Rights r = Rights.of(Right.FD_READ, Right.FD_WRITE).without(Right.FD_WRITE);
    assertEquals(EnumSet.of(Right.FD_READ), r.toSet());
  }

  @Test
  void containsAll_detectsExtraRight() {
    assertFalse(Rights.of(Right.FD_READ).containsAll(Rights.of(Right.FD_READ, Right.FD_SEEK)));
    assertTrue(Rights.ALL.containsAll(Rights.DIRECTORY));
    assertTrue(Rights.ALL.containsAll(Rights.REGULAR_FILE));
  }

  @Test
  void toString_namesRights() {
    assertEquals("Rights[FD_READ|FD_WRITE]", Rights.of(Right.FD_WRITE, Right.FD_READ).toString());
  }
}
