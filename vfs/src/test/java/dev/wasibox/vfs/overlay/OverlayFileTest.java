package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.SymlinkNode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Copy-up of files and symlinks ({@link OverlayFile}, {@link OverlaySymlink}, {@link CopyUp}):
 * content and times, parents' times, stale nodes, and lower hard links.
 *
 * <pre>
 * lower:  lfile = "lower"   ldir/lchild = "lc"   lsym -> lfile   lup -> ..
 *         lesc -> ../../outside/secret.txt
 * </pre>
 */
class OverlayFileTest extends OverlayTestBase {
  @Test
  void open_forWrite_copiesContentAndTimes() {
    FileStat before = f.stat("ldir/lchild");
    try (OpenFile w = ((FileNode) f.node("ldir/lchild")).open(true, true)) {
      assertEquals(before.atimNs(), w.stat().atimNs());
      assertEquals(before.mtimNs(), w.stat().mtimNs());
      assertEquals("lc", OverlayFixture.content(w));
      assertEquals(before.ino(), w.stat().ino());
      assertEquals(f.overlay.deviceId(), w.stat().dev());
    }
    FileStat after = f.stat("ldir/lchild");
    assertEquals(before.mtimNs(), after.mtimNs());
    assertEquals(before.size(), after.size());
  }

  @Test
  void copyUp_doesNotTouchParentTimes() {
    long root = f.stat(".").mtimNs();
    long ldir = f.stat("ldir").mtimNs();
    f.write("ldir/lchild", "x");
    f.write("lfile", "y");
    f.vfs.setTimes(f.root, f.p("lsym"), false, 5, 6);
    assertEquals(root, f.stat(".").mtimNs());
    assertEquals(ldir, f.stat("ldir").mtimNs());
  }

  @Test
  void create_inCopiedUpDir_touchesItLikeAnyCreate() {
    long ldir = f.stat("ldir").mtimNs();
    f.create("ldir/new", "");
    assertNotEquals(ldir, f.stat("ldir").mtimNs());
  }

  @Test
  void open_largeLowerFile_copiesEveryByte() {
    byte[] data = new byte[300_001];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    FileNode big = f.lower.createFile("big");
    try (OpenFile w = big.open(false, true)) {
      w.write(ByteBuffer.wrap(data), 0);
    }
    f.lowerChangedOnPurpose();
    try (OpenFile w = f.vfs.open(f.root, f.p("big"), false, OverlayFixture.NONE, true, true).file()) {
      ByteBuffer back = ByteBuffer.allocate(data.length + 10);
      assertEquals(data.length, w.read(back, 0));
      assertEquals(true, Arrays.equals(data, Arrays.copyOf(back.array(), data.length)));
    }
    assertEquals(data.length, f.overlay.usedBytes());
  }

  @Test
  void setTimes_lowerFile_copiesUpAndSetsOnCopy() {
    f.vfs.setTimes(f.root, f.p("lfile"), false, 11, 22);
    FileStat s = f.stat("lfile");
    assertEquals(11, s.atimNs());
    assertEquals(22, s.mtimNs());
    assertEquals("file:lower", f.read("lfile"));
    assertEquals(1, f.overlay.changes().size());
  }

  @Test
  void setTimes_bothOmitted_copiesNothing() {
    f.vfs.setTimes(f.root, f.p("lfile"), false, Node.OMIT, Node.OMIT);
    f.vfs.setTimes(f.root, f.p("ldir"), false, Node.OMIT, Node.OMIT);
    assertEquals(0, f.overlay.changes().size());
    assertEquals(1, f.overlay.usedInodes());
  }

  @Test
  void setTimes_lowerSymlink_copiesTextVerbatim() {
    f.vfs.setTimes(f.root, f.p("lesc"), false, 11, 22);
    assertEquals("link:../../outside/secret.txt", f.readlink("lesc"));
    assertEquals(22, f.stat("lesc").mtimNs());
    assertEquals("EPERM", f.readFollow("lesc"));
  }

  @Test
  void setTimes_lowerDirectory_copiesItUpOnly() {
    f.vfs.setTimes(f.root, f.p("ldir"), false, 11, 22);
    assertEquals(22, f.stat("ldir").mtimNs());
    assertEquals("[lchild]", f.ls("ldir"));
    assertEquals(2, f.overlay.usedInodes());
    assertEquals(0, f.overlay.changes().size());
  }

  @Test
  void open_staleNodeAfterUnlink_isEnoentAndDoesNotResurrect() {
    FileNode lfile = (FileNode) f.node("lfile");
    f.unlink("lfile");
    assertEquals("ENOENT", OverlayFixture.ok(() -> lfile.open(true, true)));
    assertEquals("ENOENT", OverlayFixture.ok(() -> lfile.setTimes(1, 1)));
    assertEquals("ENOENT", OverlayFixture.ok(lfile::stat));
    assertEquals("ENOENT", f.read("lfile"));
    assertEquals(1, f.overlay.usedInodes());
  }

  @Test
  void open_staleNodeWhoseNameWasReplaced_neverWritesTheNewFile() {
    FileNode lfile = (FileNode) f.node("lfile");
    f.unlink("lfile");
    f.create("lfile", "new");
    assertEquals("ENOENT", OverlayFixture.ok(() -> lfile.open(true, true)));
    assertEquals("file:new", f.read("lfile"));
  }

  @Test
  void open_staleNodeWhoseFileWasCopiedUpElsewhere_usesThatCopy() {
    FileNode a = (FileNode) f.node("lfile");
    FileNode b = (FileNode) f.node("lfile");
    try (OpenFile w = a.open(true, true)) {
      w.write(ByteBuffer.wrap(new byte[] {'A'}), 0);
    }
    try (OpenFile w = b.open(true, true)) {
      w.write(ByteBuffer.wrap(new byte[] {'B'}), 1);
    }
    assertEquals("file:ABwer", f.read("lfile"));
    assertEquals(2, f.overlay.usedInodes());
  }

  @Test
  void open_staleUpperNodeAfterRename_isEnoent() {
    f.create("u", "u");
    FileNode u = (FileNode) f.node("u");
    f.rename("u", "v");
    f.create("u", "other");
    assertEquals("ENOENT", OverlayFixture.ok(() -> u.open(true, true)));
    assertEquals("file:other", f.read("u"));
    assertEquals("file:u", f.read("v"));
  }

  @Test
  void symlinkTarget_staleNode_isEnoent() {
    SymlinkNode lsym = (SymlinkNode) f.node("lsym");
    assertEquals("lfile", lsym.target());
    f.unlink("lsym");
    assertEquals("ENOENT", OverlayFixture.ok(lsym::target));
  }

  @Test
  void copyUp_lowerHardLinks_areBrokenAsIndexOff() {
    // lower: lfile and lhard are one file (nlink 2)
    f.lower.link("lhard", f.lower.lookup("lfile"));
    f.lowerChangedOnPurpose();
    assertEquals(f.stat("lfile").ino(), f.stat("lhard").ino());
    assertEquals(2, f.stat("lfile").nlink());
    f.write("lfile", "X");
    assertEquals("file:Xower", f.read("lfile"));
    assertEquals("file:lower", f.read("lhard"));
    assertNotEquals(f.stat("lfile").ino(), f.stat("lhard").ino());
    assertEquals(1, f.stat("lfile").nlink());
  }

  @Test
  void copyUp_symlinkWithOneLink_keepsItsIno() {
    long before = f.stat("lsym").ino();
    f.vfs.setTimes(f.root, f.p("lsym"), false, 1, 2);
    assertEquals(before, f.stat("lsym").ino());
  }

  @Test
  void link_lowerFile_copiesUpOnceAndSharesTheCopy() {
    assertEquals("ok", f.link("ldir/lchild", "hl"));
    assertEquals("ok", f.append("hl", "+"));
    assertEquals("file:lc+", f.read("ldir/lchild"));
    assertEquals(2, f.stat("hl").nlink());
    assertEquals(f.stat("hl").ino(), f.stat("ldir/lchild").ino());
    assertEquals("ok", f.unlink("ldir/lchild"));
    assertEquals("file:lc+", f.read("hl"));
    assertEquals("ENOENT", f.read("ldir/lchild"));
  }

  @Test
  void link_lowerSymlink_copiesTheLink() {
    assertEquals("ok", f.link("lesc", "ldir/l2"));
    assertEquals("link:../../outside/secret.txt", f.readlink("ldir/l2"));
    assertEquals("EPERM", f.readFollow("ldir/l2"));
  }

  @Test
  void link_overWhiteout_replacesIt() {
    f.unlink("lsym");
    assertEquals("ok", f.link("lfile", "lsym"));
    assertEquals("file:lower", f.read("lsym"));
  }

  @Test
  void lookup_nodesReportTheOverlayVolume() {
    for (String path : new String[] {".", "lfile", "ldir", "ldir/lchild", "lsym"}) {
      assertEquals(f.overlay, f.node(path).volume(), path);
    }
    DirectoryNode ldir = f.dir("ldir");
    assertEquals(f.overlay, ldir.lookup("lchild").volume());
  }
}
