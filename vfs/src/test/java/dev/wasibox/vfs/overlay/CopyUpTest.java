package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upper quota and copy-up: {@code ENOSPC} on a copy-up, a create or a write leaves the
 * overlay exactly as it was (its listing, its times, its quota use), never a half-made copy.
 *
 * <pre>
 * lower:  lfile = "lower" (5 bytes)   ldir/lchild = "lc" (2 bytes)   lsym -> lfile ...
 * upper:  quota per row: bytes / inodes (the upper root is one inode)
 * </pre>
 */
class CopyUpTest {
  private static Arguments row(
      String name, long bytes, long inodes, Function<OverlayFixture, String> steps, String expected) {
    return Arguments.of(name, bytes, inodes, steps, expected);
  }

  private static String all(String... outcomes) {
    return String.join(" ", outcomes);
  }

  static Stream<Arguments> quotas() {
    return Stream.of(
        row("file larger than the byte quota", 4, 10, f -> all(f.write("lfile", "X"), f.read("lfile")),
            "ENOSPC file:lower"),
        row("truncating open copies up an empty file", 4, 10, f -> all(f.truncate("lfile"), f.read("lfile")),
            "ok file:"),
        row("file exactly fits, growing does not", 5, 10,
            f -> all(f.write("lfile", "X"), f.append("lfile", "!"), f.read("lfile")),
            "ok ENOSPC file:Xower"),
        row("no inode for the copy", 100, 1, f -> all(f.write("lfile", "X"), f.read("lfile")),
            "ENOSPC file:lower"),
        row("parent fits, the file does not", 100, 2, f -> all(f.write("ldir/lchild", "X"), f.read("ldir/lchild")),
            "ENOSPC file:lc"),
        row("create needs the parent copied up", 100, 2, f -> all(f.create("ldir/new", ""), f.ls("ldir")),
            "ENOSPC [lchild]"),
        row("whiteout in the root costs nothing", 100, 1, f -> all(f.unlink("lfile"), f.ls(".")),
            "ok [ldir,lesc,lsym,lup]"),
        row("whiteout needing a parent copy", 100, 1, f -> all(f.unlink("ldir/lchild"), f.ls("ldir")),
            "ENOSPC [lchild]"),
        row("rmdir needing no parent copy", 100, 2,
            f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"), f.ls(".")),
            "ok ok [lesc,lfile,lsym,lup]"),
        row("rename of a lower file into a lower dir", 100, 2,
            f -> all(f.rename("lfile", "ldir/x"), f.ls("."), f.ls("ldir")),
            "ENOSPC [ldir,lesc,lfile,lsym,lup] [lchild]"),
        row("rename of a lower symlink", 100, 1, f -> all(f.rename("lsym", "s"), f.readlink("lsym")),
            "ENOSPC link:lfile"),
        row("link of a lower file", 100, 1, f -> all(f.link("lfile", "hl"), f.ls(".")),
            "ENOSPC [ldir,lesc,lfile,lsym,lup]"),
        row("setTimes of a lower file", 100, 1, f -> all(OverlayFixture.ok(() -> f.vfs.setTimes(f.root, f.p("lfile"), false, 1, 2)),
                Long.toString(f.stat("lfile").mtimNs() == 2 ? 2 : 0)),
            "ENOSPC 0"),
        row("mkdir", 100, 1, f -> all(f.mkdir("d"), f.ls(".")), "ENOSPC [ldir,lesc,lfile,lsym,lup]"),
        row("write to a new file", 3, 10, f -> all(f.create("n", ""), f.write("n", "abcd"), f.read("n")),
            "ok ENOSPC file:"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quotas")
  void copyUp_overQuota_changesNothing(
      String name, long bytes, long inodes, Function<OverlayFixture, String> steps, String expected) {
    OverlayFixture f = new OverlayFixture(new Quota(bytes, inodes));
    Map<String, String> overlayBefore = LowerSnapshot.of(f.root);
    long usedBytes = f.overlay.usedBytes();
    long usedInodes = f.overlay.usedInodes();
    String outcome = steps.apply(f);
    assertEquals(expected, outcome);
    if (expected.startsWith("ENOSPC")) { // the first syscall failed: it must have changed nothing
      assertEquals(overlayBefore, LowerSnapshot.of(f.root), "the merged view changed");
      assertEquals(usedBytes, f.overlay.usedBytes());
      assertEquals(usedInodes, f.overlay.usedInodes());
      assertEquals(0, f.overlay.changes().size());
    }
    assertEquals(f.lowerBaseline, LowerSnapshot.of(f.lowerVolume.root()), "the lower layer changed");
  }

  @Test
  void copyUp_lowerFileGrowsWhileCopied_removesPartialCopy() {
    // A lower file that reports size 0 passes the quota check before copying; its 10 bytes then
    // do not fit in 6. The partial copy must go, quota and parent times included.
    MemoryVolume lowerVolume = MemoryVolume.create();
    FileNode grows = lowerVolume.root().createFile("grows");
    try (OpenFile w = grows.open(false, true)) {
      w.write(ByteBuffer.wrap("0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0);
    }
    OverlayVolume overlay =
        OverlayVolume.create(new FakeLower(lowerVolume.root(), "grows"), new Quota(6, 10), () -> 77);
    long rootMtime = overlay.root().stat().mtimNs();
    FileNode node = (FileNode) overlay.root().lookup("grows");
    assertEquals("ENOSPC", OverlayFixture.ok(() -> node.open(true, true)));
    assertEquals(0, overlay.usedBytes());
    assertEquals(1, overlay.usedInodes());
    assertEquals(rootMtime, overlay.root().stat().mtimNs());
    assertEquals(0, overlay.changes().size());
    try (OpenFile r = node.open(true, false)) {
      assertEquals("0123456789", OverlayFixture.content(r));
    }
  }

  @Test
  void copyUp_deepLowerTree_copiesEveryParentOnce() {
    OverlayFixture f = new OverlayFixture();
    dev.wasibox.vfs.DirectoryNode d = f.lower;
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      d = d.createDirectory("d");
      path.append("d/");
    }
    OverlayFixture.write(d.createFile("leaf"), "deep");
    f.lowerChangedOnPurpose();
    assertEquals("ok", f.append(path + "leaf", "!"));
    assertEquals("file:deep!", f.read(path + "leaf"));
    assertEquals(202, f.overlay.usedInodes());
    assertEquals(f.lowerBaseline, LowerSnapshot.of(f.lowerVolume.root()));
  }
}
