package dev.wasibox.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.vfs.memory.MemoryVolume;
import dev.wasibox.vfs.overlay.LowerSnapshot;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the backend conformance suite on an overlay whose lower layer is a memory volume holding
 * the fixture; after every test the lower layer is exactly what it was.
 */
class OverlayConformanceTest extends VolumeConformanceTest {
  private DirectoryNode lower;
  private Map<String, String> before;

  @Override
  protected DirectoryNode mountSandbox() {
    lower = FixtureTree.plantWithSpi(MemoryVolume.create().root());
    before = LowerSnapshot.of(lower);
    return OverlayVolume.create(lower).root();
  }

  @Override
  protected boolean readOnly() {
    return false;
  }

  @AfterEach
  void lowerUnchanged() {
    assertEquals(before, LowerSnapshot.of(lower));
  }
}
