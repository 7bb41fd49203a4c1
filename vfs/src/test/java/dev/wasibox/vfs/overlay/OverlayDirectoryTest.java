package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Merged lookups and listings, whiteouts, opaque directories, creation and removal, stale
 * directory handles and inode numbers of {@link OverlayDirectory}.
 *
 * <pre>
 * lower:  lfile = "lower"   ldir/lchild = "lc"   lsym -> lfile   lup -> ..
 *         lesc -> ../../outside/secret.txt
 * upper:  empty (each row makes its own changes first)
 * </pre>
 */
class OverlayDirectoryTest extends OverlayTestBase {
  private static final OpenFlags EXCLUSIVE = new OpenFlags(true, false, true, false);

  private static Arguments row(String name, Function<OverlayFixture, String> steps, String expected) {
    return Arguments.of(name, steps, expected);
  }

  private static String all(String... outcomes) {
    return String.join(" ", outcomes);
  }

  // ---------------------------------------------------------------- readdir merge

  static Stream<Arguments> listings() {
    return Stream.of(
        row("lower only", f -> all(f.ls("."), f.ls("ldir")),
            "[ldir,lesc,lfile,lsym,lup] [lchild]"),
        row("upper entry merged in order", f -> all(f.create("a", ""), f.create("ldir/m", ""), f.ls("."), f.ls("ldir")),
            "ok ok [a,ldir,lesc,lfile,lsym,lup] [lchild,m]"),
        row("copied-up name listed once", f -> all(f.write("lfile", "x"), f.write("ldir/lchild", "y"), f.ls("."), f.ls("ldir")),
            "ok ok [ldir,lesc,lfile,lsym,lup] [lchild]"),
        row("whiteouts hide lower names", f -> all(f.unlink("lsym"), f.unlink("ldir/lchild"), f.ls("."), f.ls("ldir")),
            "ok ok [ldir,lesc,lfile,lup] []"),
        row("whiteout of a copied-up file", f -> all(f.write("lfile", "x"), f.unlink("lfile"), f.ls(".")),
            "ok ok [ldir,lesc,lsym,lup]"),
        row("opaque dir hides lower children", f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"), f.mkdir("ldir"),
                f.create("ldir/n", ""), f.ls("ldir")),
            "ok ok ok ok [n]"),
        row("recreated file over whiteout", f -> all(f.unlink("lfile"), f.create("lfile", "new"), f.ls("."), f.read("lfile")),
            "ok ok [ldir,lesc,lfile,lsym,lup] file:new"),
        row("dir over a whited-out file is opaque", f -> all(f.unlink("lfile"), f.mkdir("lfile"), f.ls("lfile")),
            "ok ok []"),
        row("wh names are ordinary", f -> all(f.create(".wh.lsym", ""), f.mkdir(".wh..wh..opq"), f.create("ldir/.wh.lchild", ""),
                f.ls("."), f.ls("ldir"), f.unlink(".wh.lsym"), f.ls(".")),
            "ok ok ok [.wh..wh..opq,.wh.lsym,ldir,lesc,lfile,lsym,lup] [.wh.lchild,lchild] ok"
                + " [.wh..wh..opq,ldir,lesc,lfile,lsym,lup]"),
        row("new dir under lower-only dir", f -> all(f.mkdir("ldir/sub"), f.create("ldir/sub/x", "x"), f.ls("ldir"), f.ls("ldir/sub")),
            "ok ok [lchild,sub] [x]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listings")
  void list_mergedView_eachNameOnceSorted(String name, Function<OverlayFixture, String> steps, String expected) {
    assertEquals(expected, steps.apply(f));
  }

  // ---------------------------------------------------------------- lookups and opens

  static Stream<Arguments> lookups() {
    return Stream.of(
        row("lower file", f -> f.read("lfile"), "file:lower"),
        row("lower dir child", f -> f.read("ldir/lchild"), "file:lc"),
        row("lower symlink followed", f -> f.readFollow("lsym"), "file:lower"),
        row("lower symlink not followed", f -> f.read("lsym"), "ELOOP"),
        row("lower link out of the overlay", f -> f.readFollow("lesc"), "EPERM"),
        row("lower link to the parent", f -> f.read("lup/ldir"), "EPERM"),
        row("missing", f -> f.read("nothing"), "ENOENT"),
        row("whited-out dir in the middle", f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"), f.read("ldir/lchild")),
            "ok ok ENOENT"),
        row("upper file shadows lower dir", f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"), f.create("ldir", "f"),
                f.read("ldir/lchild"), f.read("ldir/")),
            "ok ok ok ENOTDIR ENOTDIR"),
        row("upper symlink over whited-out file", f -> all(f.unlink("lfile"), f.symlink("ldir/lchild", "lfile"),
                f.readFollow("lfile"), f.readlink("lfile")),
            "ok ok file:lc link:ldir/lchild"),
        row("upper symlink climbing out", f -> all(f.symlink("../../outside/secret.txt", "out"), f.readFollow("out"),
                f.symlink("../outside", "ldir/in"), f.read("ldir/in/secret.txt"),
                f.symlink("../../outside", "ldir/o"), f.read("ldir/o/secret.txt")),
            "ok EPERM ok ENOENT ok EPERM"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lookups")
  void lookup_table(String name, Function<OverlayFixture, String> steps, String expected) {
    assertEquals(expected, steps.apply(f));
  }

  // ---------------------------------------------------------------- create and remove

  static Stream<Arguments> mutations() {
    return Stream.of(
        row("create over lower file", f -> all(f.mkdir("lfile"), f.symlink("x", "ldir"), f.write("lsym", EXCLUSIVE, 0, "x")),
            "EEXIST EEXIST EEXIST"),
        row("create where a whiteout is", f -> all(f.unlink("lsym"), f.symlink("ldir", "lsym"), f.readlink("lsym")),
            "ok ok link:ldir"),
        row("rmdir lower dir with whited-out children", f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"), f.ls("."), f.read("ldir")),
            "ok ok [lesc,lfile,lsym,lup] ENOENT"),
        row("rmdir of a non-empty merged dir", f -> all(f.create("ldir/n", ""), f.unlink("ldir/lchild"), f.rmdir("ldir"),
                f.unlink("ldir/n"), f.rmdir("ldir")),
            "ok ok ENOTEMPTY ok ok"),
        row("rmdir of an upper-only dir leaves no whiteout", f -> all(f.mkdir("u"), f.rmdir("u"), f.mkdir("u"), f.ls("u")),
            "ok ok ok []"),
        row("rmdir of a file", f -> f.rmdir("lfile"), "ENOTDIR"),
        row("unlink of a lower dir", f -> f.unlink("ldir"), "EISDIR"),
        row("unlink lower symlink keeps its target", f -> all(f.unlink("lsym"), f.read("lfile")), "ok file:lower"),
        row("unlink twice", f -> all(f.unlink("lfile"), f.unlink("lfile")), "ok ENOENT"),
        row("rmdir then rmdir again", f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"), f.rmdir("ldir")), "ok ok ENOENT"),
        row("upper file over a lower dir, unlinked", f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"),
                f.create("ldir", "f"), f.unlink("ldir"), f.ls("."), f.mkdir("ldir"), f.ls("ldir")),
            "ok ok ok ok [lesc,lfile,lsym,lup] ok []"),
        row("lower symlink replaced by dir", f -> all(f.unlink("lup"), f.mkdir("lup"), f.create("lup/x", ""), f.ls("lup")),
            "ok ok ok [x]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void mutation_table(String name, Function<OverlayFixture, String> steps, String expected) {
    assertEquals(expected, steps.apply(f));
  }

  // ---------------------------------------------------------------- stale handles

  @Test
  void createFile_inRemovedLowerOnlyDir_isEnoentAndNothingResurfaces() {
    DirectoryNode ldir = f.dir("ldir");
    f.unlink("ldir/lchild");
    f.rmdir("ldir");
    assertEquals("ENOENT", OverlayFixture.ok(() -> ldir.createFile("x")));
    assertEquals("ENOENT", OverlayFixture.ok(() -> ldir.lookup("lchild")));
    assertEquals("ENOENT", OverlayFixture.ok(ldir::list));
    assertEquals("ENOENT", OverlayFixture.ok(() -> ldir.setTimes(1, 1)));
    assertEquals("ENOENT", f.read("ldir"));
    assertEquals(List.of(), f.overlay.changes().stream().filter(c -> c.kind() != Change.Kind.DELETED).toList());
  }

  @Test
  void createFile_staleHandleAfterRecreate_isEnoent() {
    DirectoryNode old = f.dir("ldir");
    f.unlink("ldir/lchild");
    f.rmdir("ldir");
    f.mkdir("ldir");
    assertEquals("ENOENT", OverlayFixture.ok(() -> old.createFile("x")));
    assertEquals("[]", f.ls("ldir"));
    assertEquals("ok", f.create("ldir/y", ""));
  }

  @Test
  void lookup_handleOpenedBeforeCopyUp_seesChangesMadeElsewhere() {
    DirectoryNode ldir = f.dir("ldir");
    f.create("ldir/new", "n");
    f.unlink("ldir/lchild");
    assertEquals("[new]", OverlayFixture.names(ldir.list()));
    assertNull(ldir.lookup("lchild"));
    assertSame(ldir, f.dir("ldir"));
  }

  @Test
  void lookup_directoryHandleOfMovedUpperDir_followsIt() {
    f.mkdir("u");
    f.create("u/x", "x");
    DirectoryNode u = f.dir("u");
    assertEquals("ok", f.rename("u", "ldir/v"));
    assertEquals("[x]", OverlayFixture.names(u.list()));
    assertEquals("ok", OverlayFixture.ok(() -> u.createFile("y")));
    assertEquals("[lchild,v]", f.ls("ldir"));
    assertEquals("[x,y]", f.ls("ldir/v"));
  }

  // ---------------------------------------------------------------- stat and inode numbers

  @Test
  void stat_everyNode_reportsOverlayDeviceAndUniqueInos() {
    f.create("a", "");
    f.mkdir("ldir/d");
    f.write("lfile", "x");
    Set<Long> inos = new HashSet<>();
    for (String path : List.of(".", "a", "ldir", "ldir/d", "ldir/lchild", "lfile", "lsym", "lup", "lesc")) {
      FileStat s = f.stat(path);
      assertEquals(f.overlay.deviceId(), s.dev(), path);
      assertTrue(inos.add(s.ino()), "duplicate ino at " + path);
    }
  }

  @Test
  void list_inos_matchStat() {
    f.create("a", "");
    f.write("lfile", "x");
    for (DirEntry e : f.root.list()) {
      assertEquals(f.stat(e.name()).ino(), e.ino(), e.name());
      assertEquals(f.stat(e.name()).type(), e.type(), e.name());
    }
  }

  @Test
  void stat_copyUp_keepsInoOfDirAndFile() {
    long dirIno = f.stat("ldir").ino();
    long fileIno = f.stat("ldir/lchild").ino();
    long rootIno = f.stat(".").ino();
    f.write("ldir/lchild", "x");
    f.create("ldir/new", "");
    assertEquals(dirIno, f.stat("ldir").ino());
    assertEquals(fileIno, f.stat("ldir/lchild").ino());
    assertEquals(rootIno, f.stat(".").ino());
  }

  @Test
  void unlink_lowerOnlyName_touchesParentLikeAnyRemoval() {
    long root = f.stat(".").mtimNs();
    long ldir = f.stat("ldir").mtimNs();
    f.unlink("lfile");
    f.unlink("ldir/lchild");
    assertTrue(f.stat(".").mtimNs() > root);
    assertTrue(f.stat("ldir").mtimNs() > ldir);
  }

  @Test
  void stat_mergedDirectory_reportsNlinkOne() {
    f.mkdir("u");
    f.mkdir("u/v");
    assertEquals(3, f.stat("u").nlink());
    assertEquals(f.lower.lookup("ldir").stat().nlink(), f.stat("ldir").nlink());
    f.mkdir("ldir/sub");
    assertEquals(1, f.stat("ldir").nlink());
    assertEquals(1, f.stat(".").nlink());
  }

  @Test
  void stat_root_hasLowerRootTimes() {
    FileStat lower = f.lower.stat();
    FileStat root = f.stat(".");
    assertEquals(lower.mtimNs(), root.mtimNs());
    assertEquals(FileType.DIRECTORY, root.type());
  }

  // ---------------------------------------------------------------- the SPI directly

  @Test
  void spi_badNamesAndForeignNodes_areRefused() {
    DirectoryNode root = f.root;
    DirectoryNode other = MemoryVolume.create().root();
    Node lfile = root.lookup("lfile");
    assertEquals("EINVAL", OverlayFixture.ok(() -> root.lookup("ldir/lchild")));
    assertEquals("EINVAL", OverlayFixture.ok(() -> root.createFile("..")));
    assertEquals("EINVAL", OverlayFixture.ok(() -> root.unlink("a\0b")));
    assertEquals("EXDEV", OverlayFixture.ok(() -> root.link("x", other.createFile("f"))));
    assertEquals("EXDEV", OverlayFixture.ok(() -> root.link("x", f.lower.lookup("lfile"))));
    assertEquals("EXDEV", OverlayFixture.ok(() -> root.rename("lfile", other, "x")));
    assertEquals("EPERM", OverlayFixture.ok(() -> root.link("x", root.lookup("ldir"))));
    assertEquals("EXDEV", OverlayFixture.ok(() -> other.link("x", lfile)));
    assertEquals("[ldir,lesc,lfile,lsym,lup]", f.ls("."));
  }

  @Test
  void isEmpty_mergedView() {
    DirectoryNode ldir = f.dir("ldir");
    assertFalse(ldir.isEmpty());
    f.unlink("ldir/lchild");
    assertTrue(ldir.isEmpty());
    f.create("ldir/x", "");
    assertFalse(ldir.isEmpty());
  }
}
