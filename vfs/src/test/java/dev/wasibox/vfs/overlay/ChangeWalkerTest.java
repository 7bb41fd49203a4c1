package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.OpenFile;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OverlayVolume#changes()}: what an exporter needs, in the order it applies it.
 *
 * <pre>
 * lower:  lfile = "lower"   ldir/lchild = "lc"   lsym -> lfile   lup -> ..
 *         lesc -> ../../outside/secret.txt
 * </pre>
 */
class ChangeWalkerTest extends OverlayTestBase {
  private static Arguments row(String name, Consumer<OverlayFixture> steps, String expected) {
    return Arguments.of(name, steps, expected);
  }

  private String changes() {
    return f.overlay.changes().stream()
        .map(c -> c.kind() + " " + c.path() + " " + c.type())
        .collect(Collectors.joining(", "));
  }

  static Stream<Arguments> walks() {
    return Stream.of(
        row("nothing", f -> {}, ""),
        row("reads change nothing", f -> {
              f.read("lfile");
              f.ls("ldir");
              f.readFollow("lsym");
            }, ""),
        row("new file", f -> f.create("new", "n"), "ADDED new REGULAR_FILE"),
        row("modified lower file", f -> f.write("ldir/lchild", "X"), "MODIFIED ldir/lchild REGULAR_FILE"),
        row("deleted lower file", f -> f.unlink("lfile"), "DELETED lfile REGULAR_FILE"),
        row("deleted lower tree", f -> {
              f.unlink("ldir/lchild");
              f.rmdir("ldir");
            }, "DELETED ldir DIRECTORY"),
        row("new file deleted again", f -> {
              f.create("new", "n");
              f.unlink("new");
            }, ""),
        row("opaque directory", f -> {
              f.unlink("ldir/lchild");
              f.rmdir("ldir");
              f.mkdir("ldir");
              f.create("ldir/n", "");
            }, "MODIFIED ldir DIRECTORY, ADDED ldir/n REGULAR_FILE"),
        row("renamed lower file", f -> f.rename("lfile", "ldir/moved"),
            "ADDED ldir/moved REGULAR_FILE, DELETED lfile REGULAR_FILE"),
        row("new tree, sorted and depth first", f -> {
              f.mkdir("b");
              f.create("b/z", "");
              f.mkdir("b/a");
              f.symlink("../z", "b/a/l");
              f.create("a", "");
            }, "ADDED a REGULAR_FILE, ADDED b DIRECTORY, ADDED b/a DIRECTORY, ADDED b/a/l SYMBOLIC_LINK,"
                + " ADDED b/z REGULAR_FILE"),
        row("file replacing a lower symlink", f -> {
              f.unlink("lsym");
              f.create("lsym", "");
            }, "MODIFIED lsym REGULAR_FILE"),
        row("wh names are ordinary", f -> f.create(".wh.lfile", ""), "ADDED .wh.lfile REGULAR_FILE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("walks")
  void changes_table(String name, Consumer<OverlayFixture> steps, String expected) {
    steps.accept(f);
    assertEquals(expected, changes());
  }

  @Test
  void changes_nodes_readTheNewContent() {
    f.write("lfile", "X");
    f.unlink("lsym");
    List<Change> changes = f.overlay.changes();
    assertEquals(List.of("lfile"), changes.get(0).names());
    try (OpenFile r = ((FileNode) changes.get(0).node()).open(true, false)) {
      assertEquals("Xower", OverlayFixture.content(r));
    }
    assertNull(changes.get(1).node());
  }

  @Test
  void change_record_checksItsArguments() {
    assertThrows(IllegalArgumentException.class, () -> new Change(List.of(), Change.Kind.DELETED, FileType.UNKNOWN, null));
    assertThrows(IllegalArgumentException.class, () -> new Change(List.of("a"), Change.Kind.ADDED, FileType.UNKNOWN, null));
    assertEquals("a/b", new Change(List.of("a", "b"), Change.Kind.DELETED, FileType.UNKNOWN, null).path());
  }

  /** A tree nested as deep as a guest likes is walked without recursion, in order. */
  @Test
  void changes_deepTree_areListedParentFirst() {
    dev.wasibox.vfs.DirectoryNode d = f.overlay.root();
    for (int i = 0; i < 3_000; i++) {
      d = d.createDirectory("d");
    }
    List<Change> changes = f.overlay.changes();
    assertEquals(3_000, changes.size());
    for (int i = 0; i < changes.size(); i++) {
      assertEquals(i + 1, changes.get(i).names().size());
    }
    assertEquals("d/d/d", changes.get(2).path());
  }
}
