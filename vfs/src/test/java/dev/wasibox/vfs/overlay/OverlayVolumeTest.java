package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.Vfs;
import dev.wasibox.vfs.memory.MemoryVolume;
import org.junit.jupiter.api.Test;

/** Creating overlays: device numbers, description, quota accounting, layering. */
class OverlayVolumeTest {
  private final Vfs vfs = Vfs.withDefaults();

  @Test
  void create_nullArguments_areRejected() {
    DirectoryNode lower = MemoryVolume.create().root();
    assertThrows(NullPointerException.class, () -> OverlayVolume.create(null));
    assertThrows(NullPointerException.class, () -> OverlayVolume.create(lower, null, () -> 0));
    assertThrows(NullPointerException.class, () -> OverlayVolume.create(lower, Quota.DEFAULT, null));
  }

  @Test
  void deviceId_differsFromLowerAndOtherVolumes() {
    MemoryVolume lower = MemoryVolume.create();
    OverlayVolume a = OverlayVolume.create(lower.root());
    OverlayVolume b = OverlayVolume.create(lower.root());
    MemoryVolume other = MemoryVolume.create();
    assertNotEquals(lower.deviceId(), a.deviceId());
    assertNotEquals(a.deviceId(), b.deviceId());
    assertNotEquals(other.deviceId(), a.deviceId());
    assertEquals(a.deviceId(), a.root().stat().dev());
    assertFalse(a.readOnly());
    assertEquals("overlay:memory", a.describe());
  }

  @Test
  void usage_countsCopiesAndNewNodes() {
    OverlayFixture f = new OverlayFixture(new Quota(1_000, 100));
    assertEquals(new Quota(1_000, 100), f.overlay.quota());
    assertEquals(0, f.overlay.usedBytes());
    assertEquals(1, f.overlay.usedInodes());
    f.write("ldir/lchild", "X"); // copies ldir and lchild (2 bytes)
    assertEquals(2, f.overlay.usedBytes());
    assertEquals(3, f.overlay.usedInodes());
    f.unlink("ldir/lchild");
    assertEquals(0, f.overlay.usedBytes());
    assertEquals(2, f.overlay.usedInodes());
  }

  @Test
  void twoOverlays_overOneLower_areIndependent() {
    MemoryVolume lowerVolume = MemoryVolume.create();
    OverlayFixture.write(lowerVolume.root().createFile("f"), "base");
    DirectoryNode a = OverlayVolume.create(lowerVolume.root()).root();
    DirectoryNode b = OverlayVolume.create(lowerVolume.root()).root();
    vfs.unlinkFile(a, vfs.parse("f"));
    assertEquals(FileType.REGULAR_FILE, vfs.stat(b, vfs.parse("f"), false).type());
    assertEquals(1, lowerVolume.root().list().size());
  }

  @Test
  void overlay_overAnOverlay_neverWritesTheMiddleLayer() {
    OverlayFixture f = new OverlayFixture();
    f.write("lfile", "middle");
    OverlayVolume top = OverlayVolume.create(f.root);
    vfs.createDirectory(top.root(), vfs.parse("ldir/new"));
    vfs.unlinkFile(top.root(), vfs.parse("lfile"));
    assertEquals("[lchild]", f.ls("ldir"));
    assertEquals("file:middle", f.read("lfile"));
    FileStat st = vfs.stat(top.root(), vfs.parse("ldir/lchild"), false);
    assertEquals(top.deviceId(), st.dev());
    assertEquals(f.lowerBaseline, LowerSnapshot.of(f.lowerVolume.root()));
  }
}
