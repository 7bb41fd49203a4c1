package dev.wasibox.host.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.Vfs;
import dev.wasibox.vfs.memory.MemoryVolume;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of a guest tree:
 *
 * <pre>
 * out/
 *   a.txt = "alpha"
 *   sub/
 *     b.txt = "beta"
 *     link -> "../a.txt"
 *   empty/
 * </pre>
 */
class ExporterTest {
  @TempDir Path tmp;
  private DirectoryNode root;

  @BeforeEach
  void plant() {
    root = MemoryVolume.create().root();
    write(root, "a.txt", "alpha");
    DirectoryNode sub = root.createDirectory("sub");
    write(sub, "b.txt", "beta");
    sub.createSymlink("link", "../a.txt");
    root.createDirectory("empty");
  }

  private static void write(DirectoryNode dir, String name, String content) {
    try (OpenFile f = dir.createFile(name).open(false, true)) {
      f.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0);
    }
  }

  @Test
  void export_newDirectory_copiesFilesDirsAndLinks() throws Exception {
    Path target = tmp.resolve("new/out");
    Exporter.Summary s = new Exporter(1 << 20, Exporter.Symlinks.COPY).export(root, target);
    assertEquals(new Exporter.Summary(2, 2, 1, 9, java.util.List.of()), s);
    assertEquals("alpha", Files.readString(target.resolve("a.txt")));
    assertEquals("beta", Files.readString(target.resolve("sub/b.txt")));
    assertEquals("../a.txt", Files.readSymbolicLink(target.resolve("sub/link")).toString());
    assertTrue(Files.isDirectory(target.resolve("empty")));
  }

  @Test
  void export_overLimit_writesNothing() {
    Path target = tmp.resolve("out");
    ExportException e =
        assertThrows(ExportException.class, () -> new Exporter(8, Exporter.Symlinks.COPY).export(root, target));
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void export_refusedSymlink_writesNothing() {
    Path target = tmp.resolve("out");
    ExportException e =
        assertThrows(ExportException.class, () -> new Exporter(1 << 20, Exporter.Symlinks.REFUSE).export(root, target));
    assertEquals("guest symlink sub/link refused (symlinks = refuse)", e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void export_nonEmptyTarget_isRefused() throws IOException {
    Files.writeString(tmp.resolve("existing"), "x");
    ExportException e =
        assertThrows(ExportException.class, () -> new Exporter(1 << 20, Exporter.Symlinks.COPY).export(root, tmp));
    assertTrue(e.getMessage().endsWith("is not empty"), e.getMessage());
    assertEquals("x", Files.readString(tmp.resolve("existing")));
  }

  @Test
  void export_targetIsSymlink_isRefused() throws IOException {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    assertThrows(ExportException.class, () -> new Exporter(1 << 20, Exporter.Symlinks.COPY).export(root, link));
    try (var s = Files.list(real)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void export_absoluteGuestLink_isCopiedAsTextNeverFollowed() throws Exception {
    // A link planted through the SPI with an absolute target: copied as a link, not followed.
    root.createSymlink("abs", "/etc/passwd");
    Path target = tmp.resolve("out");
    new Exporter(1 << 20, Exporter.Symlinks.COPY).export(root, target);
    assertTrue(Files.isSymbolicLink(target.resolve("abs")));
    assertEquals("/etc/passwd", Files.readSymbolicLink(target.resolve("abs")).toString());
  }

  @Test
  void export_afterGuestWrites_seesThem() throws Exception {
    Vfs vfs = Vfs.withDefaults();
    vfs.createDirectory(root, vfs.parse("made"));
    vfs.createDirectory(root, vfs.parse("made/by"));
    vfs.createDirectory(root, vfs.parse("made/by/guest"));
    Path target = tmp.resolve("out");
    new Exporter(1 << 20, Exporter.Symlinks.COPY).export(root, target);
    assertTrue(Files.isDirectory(target.resolve("made/by/guest")));
  }

  /**
   * A guest can nest directories as deep as its inode quota allows (through directory fds, each
   * path short). The host cannot hold such paths: the export is refused at the first path that
   * would pass PATH_MAX below the target, before anything is written (it used to recurse once per
   * level, a StackOverflowError at 20,000 levels, and to write until the host said ENAMETOOLONG).
   */
  @Test
  void export_deeperThanTheHostCanHold_isRefusedWithNothingWritten() {
    DirectoryNode deep = MemoryVolume.create().root();
    DirectoryNode d = deep;
    for (int i = 0; i < 2_100; i++) {
      d = d.createDirectory("d");
    }
    write(d, "leaf.txt", "x");
    Path target = tmp.resolve("deep");

    ExportException e =
        assertThrows(
            ExportException.class,
            () -> new Exporter(1 << 20, Exporter.Symlinks.COPY).export(deep, target));
    assertTrue(e.getMessage().contains("below the export target the host cannot hold it"), e.getMessage());
    assertFalse(Files.exists(target));
  }

  /** The longest path the host holds is written; one byte more is refused with nothing written. */
  @Test
  void export_pathAtTheHostLimit_isWrittenAndOneByteMoreIsRefused() throws Exception {
    Path target = tmp.resolve("out");
    int room = Exporter.HOST_PATH_MAX - 1 - target.toAbsolutePath().toString().length() - 1;
    DirectoryNode tree = MemoryVolume.create().root();
    DirectoryNode d = tree;
    int used = 0;
    while (room - used > 250) {
      d = d.createDirectory("d".repeat(199));
      used += 200;
    }
    write(d, "f".repeat(room - used), "at the limit");
    assertEquals(1, new Exporter(1 << 20, Exporter.Symlinks.COPY).export(tree, target).files());

    d.createDirectory("g".repeat(room - used + 1));
    Path other = tmp.resolve("tuo");
    assertEquals(other.toString().length(), target.toString().length());
    assertThrows(ExportException.class, () -> new Exporter(1 << 20, Exporter.Symlinks.COPY).export(tree, other));
    assertFalse(Files.exists(other));
  }

  /**
   * A chain 20,000 directories deep, built cheaply by renames (every path the guest names stays
   * short). Exporting it from a memory mount or from an overlay is refused quickly, before
   * anything is written: the walks stop where the host could not hold the path. The timeout only
   * guards against a hang (the old walks recursed once per level, and the overlay's took time and
   * memory in the square of the depth).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "overlay"})
  @Timeout(120)
  void export_chainOf20000Directories_isRefusedQuicklyWithNothingWritten(String kind) {
    MemoryVolume memory = MemoryVolume.create();
    OverlayVolume overlay = OverlayVolume.create(MemoryVolume.create().root());
    DirectoryNode root = kind.equals("memory") ? memory.root() : overlay.root();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      root.createDirectory("x" + i);
    }
    for (int i = 0; i < n - 1; i++) {
      root.rename("x" + i, (DirectoryNode) root.lookup("x" + (i + 1)), "x" + i);
    }
    Path target = tmp.resolve("chain");
    Exporter exporter = new Exporter(1 << 20, Exporter.Symlinks.COPY);

    ExportException e =
        assertThrows(
            ExportException.class,
            () -> {
              if (kind.equals("memory")) {
                exporter.export(root, target);
              } else {
                exporter.exportChanges(overlay, java.util.List.of(), target);
              }
            });
    assertTrue(e.getMessage().contains("the host cannot hold it"), e.getMessage());
    assertFalse(Files.exists(target));
  }
}
