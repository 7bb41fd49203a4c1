package dev.wasibox.host.integration;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.host.HostReadOnlyVolume;
import dev.wasibox.vfs.host.HostTreeSnapshot;
import dev.wasibox.vfs.memory.MemoryVolume;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The three kinds of volume a preopen can be. Each mounts a {@link Tree} with a secret beside it,
 * in a base directory of its own:
 *
 * <pre>
 * base/                      (a real temp dir; for MEMORY, the root of the memory volume)
 *   secret.txt = "HOST-SECRET"   never readable by the guest
 *   NAME/                    the fixture: what the guest gets as its preopen
 * </pre>
 *
 * For OVERLAY and HOST_RO the whole base directory is snapshotted before mounting, so that {@link
 * Mounted#assertHostUnchanged()} proves the run changed nothing on the host, secret included.
 */
enum Backend {
  /** A memory volume (Jimfs), fixture planted through the SPI. */
  MEMORY,
  /** An overlay whose lower layer is the fixture on the host, mounted read-only. */
  OVERLAY,
  /** The fixture on the host, mounted read-only: every mutation is {@code EROFS}. */
  HOST_RO;

  static final String SECRET = "HOST-SECRET";

  /** Whether the guest may change the tree. */
  boolean writable() {
    return this != HOST_RO;
  }

  /** Plants {@code fixture} as {@code base/name} and mounts it. */
  Mounted mount(Path base, String name, Tree fixture) {
    try {
      if (this == MEMORY) {
        MemoryVolume v = MemoryVolume.create();
        Tree.of(Tree.file("secret.txt", SECRET), Tree.dir(name)).plantWithSpi(v.root());
        DirectoryNode root = (DirectoryNode) v.root().lookup(name);
        fixture.plantWithSpi(root);
        return new Mounted(this, root, null, null);
      }
      Files.writeString(base.resolve("secret.txt"), SECRET);
      Path dir = Files.createDirectory(base.resolve(name));
      fixture.plantOnHost(dir);
      HostTreeSnapshot before = HostTreeSnapshot.of(base);
      HostReadOnlyVolume host = HostReadOnlyVolume.mount(dir);
      DirectoryNode root = this == HOST_RO ? host.root() : OverlayVolume.create(host.root()).root();
      return new Mounted(this, root, host, before);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mounted fixture: its root, and what to check and close after the run. */
  record Mounted(
      Backend backend,
      DirectoryNode root,
      @Nullable HostReadOnlyVolume host,
      @Nullable HostTreeSnapshot hostBefore)
      implements AutoCloseable {
    /** Asserts that the host base directory is exactly as it was before mounting (no-op for MEMORY). */
    void assertHostUnchanged() throws IOException {
      if (hostBefore != null) {
        hostBefore.assertUnchanged();
      }
    }

    @Override
    public void close() {
      if (host != null) {
        host.close();
      }
    }
  }
}
