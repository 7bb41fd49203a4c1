package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whiteouts and opaque marks, per upper directory, outside the name space. */
class MarkersTest {
  private final Markers markers = new Markers();

  @Test
  void addWhiteout_onlyThatDirectoryAndName() {
    markers.addWhiteout(1, "a");
    assertTrue(markers.isWhiteout(1, "a"));
    assertFalse(markers.isWhiteout(2, "a"));
    assertFalse(markers.isWhiteout(1, ".wh.a"));
    assertEquals(Set.of("a"), markers.whiteouts(1));
    assertEquals(Set.of(), markers.whiteouts(2));
  }

  @Test
  void removeWhiteout_lastOne_leavesNoSet() {
    markers.addWhiteout(1, "a");
    markers.removeWhiteout(1, "a");
    markers.removeWhiteout(1, "missing");
    assertFalse(markers.isWhiteout(1, "a"));
    assertEquals(Set.of(), markers.whiteouts(1));
  }

  @Test
  void forget_dropsWhiteoutsAndOpaque() {
    markers.addWhiteout(1, "a");
    markers.setOpaque(1);
    markers.setOpaque(2);
    markers.forget(1);
    assertFalse(markers.isWhiteout(1, "a"));
    assertFalse(markers.isOpaque(1));
    assertTrue(markers.isOpaque(2));
  }
}
