package dev.wasibox.vfs;

import dev.wasibox.vfs.host.HostReadOnlyVolume;
import dev.wasibox.vfs.host.HostTreeSnapshot;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the backend conformance suite on an overlay of a real host directory (the CLI's {@code
 * --dir}): the guest writes freely, and after every test the host tree, {@code outside/} included,
 * is exactly what it was.
 */
class OverlayOverHostConformanceTest extends VolumeConformanceTest {
  @TempDir static Path base;
  private static Path sandbox;
  private static HostTreeSnapshot before;
  private HostReadOnlyVolume lower;

  @BeforeAll
  static void plant() throws Exception {
    sandbox = FixtureTree.plantOnHost(base);
    before = HostTreeSnapshot.of(base);
  }

  @Override
  protected DirectoryNode mountSandbox() throws Exception {
    lower = HostReadOnlyVolume.mount(sandbox);
    return OverlayVolume.create(lower.root()).root();
  }

  @Override
  protected boolean readOnly() {
    return false;
  }

  @AfterEach
  void hostUnchanged() throws Exception {
    lower.close();
    before.assertSameAs(HostTreeSnapshot.of(base));
  }
}
