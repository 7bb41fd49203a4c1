package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.Vfs;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code O_TRUNC} on a lower file copies up an empty file, not the content it discards:
 *
 * <pre>
 * lower/
 *   big = 64 KiB      (the upper quota is 1 KiB)
 * </pre>
 */
class OverlayTruncateTest {
  private final Vfs vfs = Vfs.withDefaults();

  @Test
  void open_truncateLowerFileBiggerThanQuota_succeedsAndLeavesLower() {
    DirectoryNode lower = MemoryVolume.create().root();
    try (OpenFile f = lower.createFile("big").open(false, true)) {
      f.write(ByteBuffer.allocate(64 * 1024), 0);
    }
    Map<String, String> before = LowerSnapshot.of(lower);
    OverlayVolume overlay = OverlayVolume.create(lower, new Quota(1024, 16), () -> 0L);
    try (OpenFile f =
        vfs.open(overlay.root(), vfs.parse("big"), false, new OpenFlags(false, false, false, true), true, true).file()) {
      assertEquals(0, f.size());
      f.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
    }
    assertEquals(3, vfs.stat(overlay.root(), vfs.parse("big"), false).size());
    assertEquals(3, overlay.usedBytes());
    assertEquals(before, LowerSnapshot.of(lower));
  }

  @Test
  void open_truncateUpperFile_truncatesInPlace() {
    DirectoryNode lower = MemoryVolume.create().root();
    OverlayVolume overlay = OverlayVolume.create(lower, new Quota(1024, 16), () -> 0L);
    try (OpenFile f =
        vfs.open(overlay.root(), vfs.parse("new"), false, new OpenFlags(true, false, false, false), true, true).file()) {
      f.write(ByteBuffer.wrap(new byte[100]), 0);
    }
    vfs.open(overlay.root(), vfs.parse("new"), false, new OpenFlags(false, false, false, true), false, true).file().close();
    assertEquals(0, vfs.stat(overlay.root(), vfs.parse("new"), false).size());
    assertEquals(0, overlay.usedBytes());
  }
}
