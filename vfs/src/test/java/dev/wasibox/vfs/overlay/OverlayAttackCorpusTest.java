package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attack corpus section E (notes/attack-corpus.md), one row per case, driven through {@link
 * dev.wasibox.vfs.Vfs} as the host drives it. Each row runs a few guest operations on the
 * fixture of {@link OverlayFixture} and states their outcomes in order; after each row the lower
 * layer must be unchanged.
 *
 * <pre>
 * lower:  lfile = "lower"   ldir/lchild = "lc"   lsym -> lfile   lup -> ..
 *         lesc -> ../../outside/secret.txt        (outside/ is a sibling of the lower root)
 * upper:  empty
 * </pre>
 */
class OverlayAttackCorpusTest extends OverlayTestBase {
  private static Arguments row(String id, Function<OverlayFixture, String> steps, String expected) {
    return Arguments.of(id, steps, expected);
  }

  private static String all(String... outcomes) {
    return String.join(" ", outcomes);
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
        row("E01 write to lower file copies up",
            f -> all(f.write("lfile", "X"), f.read("lfile")),
            "ok file:Xower"),
        row("E02 truncate lower file",
            f -> all(f.truncate("lfile"), f.read("lfile"), f.ls(".")),
            "ok file: [ldir,lesc,lfile,lsym,lup]"),
        row("E03 unlink lower file leaves a whiteout",
            f -> all(f.unlink("lfile"), f.read("lfile"), f.ls("."), f.readFollow("lsym")),
            "ok ENOENT [ldir,lesc,lsym,lup] ENOENT"),
        row("E04 unlink of the copy does not resurrect lower",
            f -> all(f.write("lfile", "X"), f.unlink("lfile"), f.read("lfile"), f.ls(".")),
            "ok ok ENOENT [ldir,lesc,lsym,lup]"),
        row("E05 rmdir of non-empty lower dir",
            f -> all(f.rmdir("ldir"), f.ls("ldir")),
            "ENOTEMPTY [lchild]"),
        row("E06 rmdir then mkdir is opaque",
            f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"), f.mkdir("ldir"),
                f.read("ldir/lchild"), f.ls("ldir")),
            "ok ok ok ENOENT []"),
        row("E07 whiteout-looking names are ordinary",
            f -> all(f.create(".wh.lfile", "w"), f.mkdir(".wh.ldir"),
                f.create("ldir/.wh..wh..opq", ""), f.read("lfile"), f.ls("ldir"), f.ls("."),
                f.unlink(".wh.lfile"), f.read("lfile")),
            "ok ok ok file:lower [.wh..wh..opq,lchild] [.wh.ldir,.wh.lfile,ldir,lesc,lfile,lsym,lup]"
                + " ok file:lower"),
        row("E08 rename lower directory",
            f -> all(f.rename("ldir", "moved"), f.ls("."), f.ls("ldir"), f.read("moved")),
            "EXDEV [ldir,lesc,lfile,lsym,lup] [lchild] ENOENT"),
        row("E09 rename escaping lower symlink copies its text",
            f -> all(f.rename("lesc", "r"), f.readFollow("r"), f.readlink("r"), f.read("lesc")),
            "ok EPERM link:../../outside/secret.txt ENOENT"),
        row("E10 content is copied, never re-resolved",
            f -> {
              String renamed = f.rename("ldir/lchild", "moved");
              // The host swaps the lower file for a link out of the sandbox.
              DirectoryNode ldir = (DirectoryNode) f.lower.lookup("ldir");
              ldir.unlink("lchild");
              ldir.createSymlink("lchild", "../../outside/secret.txt");
              f.lowerChangedOnPurpose();
              return all(renamed, f.read("moved"), f.append("moved", "+"), f.read("moved"),
                  f.read("ldir/lchild"), f.ls("ldir"));
            },
            "ok file:lc ok file:lc+ ENOENT []"),
        row("E11 hard link to lower file",
            f -> all(f.link("lfile", "hl"), f.write("hl", "X"), f.read("lfile"), f.read("hl"),
                Long.toString(f.stat("lfile").nlink())),
            "ok ok file:Xower file:Xower 2"),
        row("E12 upper file shadows lower dir",
            f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"), f.create("ldir", "f"), f.ls("."),
                f.read("ldir/lchild"), f.read("ldir")),
            "ok ok ok [ldir,lesc,lfile,lsym,lup] ENOTDIR file:f"),
        row("E13 readdir merge lists each name once",
            f -> all(f.create("new", ""), f.unlink("lfile"),
                OverlayFixture.names(f.vfs.readdir(f.root)), f.ls(".")),
            "ok ok [.,..,ldir,lesc,lsym,lup,new] [ldir,lesc,lsym,lup,new]"),
        row("E14 lower symlinks resolve inside the overlay",
            f -> all(f.readFollow("lsym"), f.read("lup/lfile"), f.readFollow("lup"),
                f.readFollow("lesc"), f.read("ldir/../lsym")),
            "file:lower EPERM EPERM EPERM ELOOP"),
        row("E15 read-only handle opened before copy-up",
            f -> {
              try (OpenFile r = f.vfs.open(f.root, f.p("lfile"), false, OverlayFixture.NONE, true, false).file();
                  OpenFile w = f.vfs.open(f.root, f.p("lfile"), false, OverlayFixture.NONE, true, true).file()) {
                w.write(ByteBuffer.wrap("X".getBytes(StandardCharsets.UTF_8)), 0);
                return all(OverlayFixture.content(r), OverlayFixture.content(w), f.read("lfile"));
              }
            },
            "Xower Xower file:Xower"),
        row("E16 create through lower-only parent",
            f -> all(f.create("ldir/new", "n"), f.read("ldir/new"), f.ls("ldir"), f.read("ldir/lchild")),
            "ok file:n [lchild,new] file:lc"),
        row("E17 cross-layer dot-dot",
            f -> all(f.read("ldir/../lfile"), f.read("ldir/../.."), f.create("ldir/x", ""),
                f.read("ldir/../lfile"), f.read("ldir/../ldir/../..")),
            "file:lower EPERM ok file:lower EPERM"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void vfs_attackCorpusE_behavesAsSpecified(
      String id, Function<OverlayFixture, String> steps, String expected) {
    assertEquals(expected, steps.apply(f));
  }
}
