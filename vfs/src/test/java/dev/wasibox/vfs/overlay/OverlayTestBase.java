package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Gives each test a fresh {@link OverlayFixture} and checks after it that the lower layer is
 * exactly as it was: nothing an overlay does may write to it.
 */
abstract class OverlayTestBase {
  OverlayFixture f;

  @BeforeEach
  final void buildFixture() {
    f = fixture();
  }

  /** The fixture for each test; override for another quota. */
  OverlayFixture fixture() {
    return new OverlayFixture();
  }

  @AfterEach
  final void lowerLayerUnchanged() {
    assertEquals(f.lowerBaseline, LowerSnapshot.of(f.lowerVolume.root()), "the lower layer changed");
  }
}
