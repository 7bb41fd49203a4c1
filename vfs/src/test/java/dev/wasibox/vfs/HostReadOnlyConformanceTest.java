package dev.wasibox.vfs;

import dev.wasibox.vfs.host.HostReadOnlyVolume;
import dev.wasibox.vfs.host.HostTreeSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the backend conformance suite on the read-only host backend, over a real directory with
 * the fixture's planted symlinks (absolute ones, and relative ones climbing to a real {@code
 * outside/} holding {@code HOST-SECRET}). After every test the whole host tree, {@code outside/}
 * included, is byte-for-byte, link-for-link and mtime-for-mtime what it was.
 */
class HostReadOnlyConformanceTest extends VolumeConformanceTest {
  @TempDir static Path base;
  private static Path sandbox;
  private static HostTreeSnapshot before;
  private HostReadOnlyVolume volume;

  @BeforeAll
  static void plant() throws Exception {
    sandbox = FixtureTree.plantOnHost(base);
    before = HostTreeSnapshot.of(base);
  }

  @Override
  protected DirectoryNode mountSandbox() throws Exception {
    volume = HostReadOnlyVolume.mount(sandbox);
    return volume.root();
  }

  @Override
  protected boolean readOnly() {
    return true;
  }

  @AfterEach
  void hostUnchanged() throws Exception {
    volume.close();
    before.assertSameAs(HostTreeSnapshot.of(base));
  }
}
