package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.vfs.DirectoryNode;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rename} in an overlay: copy-up of lower files and symlinks, whiteouts at the source,
 * {@code EXDEV} for directories with a lower part, POSIX replacement of targets in either layer,
 * and the order of the checks.
 *
 * <pre>
 * lower:  lfile = "lower"   ldir/lchild = "lc"   lsym -> lfile   lup -> ..
 *         lesc -> ../../outside/secret.txt
 * </pre>
 */
class RenameTest extends OverlayTestBase {
  private static Arguments row(String name, Function<OverlayFixture, String> steps, String expected) {
    return Arguments.of(name, steps, expected);
  }

  private static String all(String... outcomes) {
    return String.join(" ", outcomes);
  }

  static Stream<Arguments> renames() {
    return Stream.of(
        row("lower file to a new name",
            f -> all(f.rename("lfile", "moved"), f.read("moved"), f.read("lfile"), f.ls(".")),
            "ok file:lower ENOENT [ldir,lesc,lsym,lup,moved]"),
        row("lower file into a lower-only dir",
            f -> all(f.rename("lfile", "ldir/moved"), f.ls("ldir"), f.read("ldir/moved"), f.read("lfile")),
            "ok [lchild,moved] file:lower ENOENT"),
        row("lower file over a lower file",
            f -> all(f.rename("ldir/lchild", "lfile"), f.read("lfile"), f.ls("ldir"), f.unlink("lfile"), f.read("lfile")),
            "ok file:lc [] ok ENOENT"),
        row("upper file over a lower-only file keeps it hidden",
            f -> all(f.create("new", "n"), f.rename("new", "lfile"), f.read("lfile"), f.unlink("lfile"),
                f.read("lfile"), f.ls(".")),
            "ok ok file:n ok ENOENT [ldir,lesc,lsym,lup]"),
        row("upper file onto a whiteout",
            f -> all(f.unlink("lfile"), f.create("new", "n"), f.rename("new", "lfile"), f.read("lfile"), f.ls(".")),
            "ok ok ok file:n [ldir,lesc,lfile,lsym,lup]"),
        row("copied-up file renamed away leaves a whiteout",
            f -> all(f.write("lfile", "X"), f.rename("lfile", "moved"), f.read("lfile"), f.read("moved")),
            "ok ok ENOENT file:Xower"),
        row("lower symlink keeps its text",
            f -> all(f.rename("lsym", "ldir/s"), f.readlink("ldir/s"), f.readFollow("ldir/s"), f.rename("lup", "ldir/up"),
                f.read("ldir/up/lfile")),
            "ok link:lfile ENOENT ok file:lower"),
        row("lower directory", f -> all(f.rename("ldir", "d2"), f.ls("ldir")), "EXDEV [lchild]"),
        row("merged directory", f -> all(f.create("ldir/n", ""), f.rename("ldir", "d2"), f.ls("ldir")),
            "ok EXDEV [lchild,n]"),
        row("lower directory into itself is EINVAL first", f -> f.rename("ldir", "ldir/sub"), "EINVAL"),
        row("upper directory",
            f -> all(f.mkdir("u"), f.create("u/x", "x"), f.rename("u", "ldir/v"), f.ls("ldir/v"), f.read("u")),
            "ok ok ok [x] ENOENT"),
        row("upper directory into its own subtree",
            f -> all(f.mkdir("u"), f.mkdir("u/w"), f.rename("u", "u/w/z")),
            "ok ok EINVAL"),
        row("upper directory over an emptied lower dir is opaque",
            f -> all(f.unlink("ldir/lchild"), f.mkdir("u"), f.rename("u", "ldir"), f.ls("ldir"), f.read("ldir/lchild")),
            "ok ok ok [] ENOENT"),
        row("opaque directory renamed away does not uncover the lower one",
            f -> all(f.unlink("ldir/lchild"), f.rmdir("ldir"), f.mkdir("ldir"), f.rename("ldir", "d2"), f.read("ldir"),
                f.ls("."), f.read("d2/lchild")),
            "ok ok ok ok ENOENT [d2,lesc,lfile,lsym,lup] ENOENT"),
        row("upper directory over a non-empty merged dir",
            f -> all(f.mkdir("u"), f.rename("u", "ldir"), f.ls("ldir")),
            "ok ENOTEMPTY [lchild]"),
        row("file over a directory", f -> f.rename("lfile", "ldir"), "EISDIR"),
        row("directory over a file", f -> all(f.mkdir("u"), f.rename("u", "lfile")), "ok ENOTDIR"),
        row("same lower file", f -> all(f.rename("lfile", "lfile"), f.ls(".")), "ok [ldir,lesc,lfile,lsym,lup]"),
        row("two links of one file", f -> all(f.link("lfile", "hl"), f.rename("hl", "lfile"), f.read("hl"), f.read("lfile")),
            "ok ok file:lower file:lower"),
        row("missing source", f -> f.rename("nothing", "x"), "ENOENT"),
        row("whited-out source", f -> all(f.unlink("lfile"), f.rename("lfile", "x")), "ok ENOENT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renames")
  void rename_table(String name, Function<OverlayFixture, String> steps, String expected) {
    assertEquals(expected, steps.apply(f));
  }

  @Test
  void rename_spiDirectly_upperDirOverNonEmptyMergedDir_isEnotempty() {
    // Vfs checks ENOTEMPTY itself; the backend must too.
    f.mkdir("u");
    assertEquals("ENOTEMPTY", OverlayFixture.ok(() -> f.root.rename("u", f.root, "ldir")));
    assertEquals("EXDEV", OverlayFixture.ok(() -> f.root.rename("ldir", f.root, "u")));
    assertEquals("ENOENT", OverlayFixture.ok(() -> f.root.rename("nothing", f.root, "u")));
  }

  @Test
  void rename_replacedDirectoryHandle_isRemoved() {
    f.unlink("ldir/lchild");
    DirectoryNode old = f.dir("ldir");
    f.mkdir("u");
    f.rename("u", "ldir");
    assertEquals("ENOENT", OverlayFixture.ok(() -> old.createFile("x")));
    assertEquals("ok", f.create("ldir/y", ""));
    assertEquals("[y]", f.ls("ldir"));
  }
}
