package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.OpenFile;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Handles opened without write access on lower files: they never write, they move onto the copy
 * when their name is copied up, and they report a removed lower object as unlinked.
 *
 * <pre>
 * lower:  lfile = "lower"   ldir/lchild = "lc"
 * </pre>
 */
class LowerOpenFileTest extends OverlayTestBase {
  private OpenFile reader(String path) {
    return ((FileNode) f.node(path)).open(true, false);
  }

  @Test
  void writeAndSetSize_areEbadf() {
    try (OpenFile r = reader("lfile")) {
      assertFalse(r.writable());
      assertEquals("EBADF", OverlayFixture.ok(() -> r.write(ByteBuffer.wrap(new byte[] {1}), 0)));
      assertEquals("EBADF", OverlayFixture.ok(() -> r.setSize(0)));
    }
    assertEquals("file:lower", f.read("lfile"));
  }

  @Test
  void anyCall_afterClose_isEbadf() {
    OpenFile r = reader("lfile");
    r.close();
    r.close();
    assertEquals("EBADF", OverlayFixture.ok(() -> r.read(ByteBuffer.allocate(4), 0)));
    assertEquals("EBADF", OverlayFixture.ok(r::stat));
    assertEquals("EBADF", OverlayFixture.ok(() -> r.setTimes(1, 1)));
    assertEquals("EBADF", OverlayFixture.ok(r::size));
  }

  @Test
  void stat_reportsOverlayDeviceAndIno() {
    try (OpenFile r = reader("lfile")) {
      FileStat s = r.stat();
      assertEquals(f.overlay.deviceId(), s.dev());
      assertEquals(f.stat("lfile").ino(), s.ino());
      assertEquals(1, s.nlink());
    }
  }

  @Test
  void read_afterCopyUpElsewhere_seesTheCopy() {
    try (OpenFile r = reader("lfile")) {
      f.write("lfile", "X");
      assertEquals("Xower", OverlayFixture.content(r));
      f.append("lfile", "!");
      assertEquals("Xower!", OverlayFixture.content(r));
      assertEquals(f.stat("lfile").ino(), r.stat().ino());
    }
  }

  @Test
  void read_afterRenameAndUnlink_followsTheCopy() {
    try (OpenFile r = reader("ldir/lchild")) {
      f.rename("ldir/lchild", "moved");
      f.append("moved", "+");
      f.unlink("moved");
      assertEquals("lc+", OverlayFixture.content(r));
      assertEquals(0, r.stat().nlink());
    }
    assertEquals(1, f.overlay.usedInodes() - 1, "ldir copied up; the file is gone with its handle");
  }

  @Test
  void stat_afterUnlinkWithoutCopyUp_isUnlinkedButReadable() {
    try (OpenFile r = reader("lfile")) {
      f.unlink("lfile");
      assertEquals("lower", OverlayFixture.content(r));
      assertEquals(0, r.stat().nlink());
      assertEquals("ESTALE", OverlayFixture.ok(() -> r.setTimes(1, 2)));
    }
  }

  @Test
  void setTimes_throughHandle_copiesUpAndMovesHandle() {
    try (OpenFile r = reader("lfile")) {
      r.setTimes(3, 4);
      assertEquals(4, f.stat("lfile").mtimNs());
      assertEquals(4, r.stat().mtimNs());
      f.write("lfile", "Y");
      assertEquals("Yower", OverlayFixture.content(r));
    }
  }

  @Test
  void handlesUnderOtherLowerLinks_stayOnTheLowerFile() {
    f.lower.link("lhard", f.lower.lookup("lfile"));
    f.lowerChangedOnPurpose();
    try (OpenFile viaHard = reader("lhard");
        OpenFile viaFile = reader("lfile")) {
      f.write("lfile", "X");
      assertEquals("lower", OverlayFixture.content(viaHard));
      assertEquals("Xower", OverlayFixture.content(viaFile));
    }
  }
}
