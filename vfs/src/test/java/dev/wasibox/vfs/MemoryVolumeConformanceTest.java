package dev.wasibox.vfs;

import dev.wasibox.vfs.memory.MemoryVolume;

/** Runs the backend conformance suite on the Jimfs memory backend. */
class MemoryVolumeConformanceTest extends VolumeConformanceTest {
  @Override
  protected DirectoryNode mountSandbox() {
    return FixtureTree.plantWithSpi(MemoryVolume.create().root());
  }

  @Override
  protected boolean readOnly() {
    return false;
  }
}
