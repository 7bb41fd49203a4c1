package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.GuestPath;
import dev.wasibox.vfs.Vfs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants {@link HostFixture} in a fresh temporary directory, mounts its {@code sandbox}, and after
 * every test closes the volume and asserts that no host fd into the tree is left open and that
 * the host tree (outside included) is byte-for-byte, link-for-link and time-for-time unchanged.
 */
abstract class HostVolumeTestBase {
  @TempDir Path base;
  Path sandbox;
  HostReadOnlyVolume volume;
  DirectoryNode root;
  final Vfs vfs = Vfs.withDefaults();
  HostTreeSnapshot before;

  /** Set by a test that mutates the host tree itself (and restores it): times are not compared. */
  boolean hostMutatedByTest;

  @BeforeEach
  final void plantAndMount() throws Exception {
    sandbox = HostFixture.plant(base);
    plantMore(sandbox);
    before = HostTreeSnapshot.of(base);
    volume = mount(sandbox);
    root = volume.root();
  }

  /** Adds entries to the planted sandbox before the snapshot is taken (none by default). */
  void plantMore(Path sandbox) throws Exception {}

  /** Mounts the sandbox; tests of the handle cache override it to choose a capacity. */
  HostReadOnlyVolume mount(Path dir) throws Exception {
    return HostReadOnlyVolume.mount(dir);
  }

  @AfterEach
  final void unmountAndCheckHost() throws Exception {
    volume.close();
    assertEquals(0, HostFixture.openFdsUnder(base), "host fds into the tree left open");
    if (hostMutatedByTest) {
      before.assertUnchangedIgnoringTimes();
    } else {
      before.assertUnchanged();
    }
  }

  GuestPath p(String path) {
    return vfs.parse(path);
  }

  String open(String path, boolean follow) {
    return VfsOutcome.open(vfs, root, path, follow);
  }
}
