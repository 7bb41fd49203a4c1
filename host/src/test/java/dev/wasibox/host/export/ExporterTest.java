package dev.wasibox.host.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.Vfs;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
}
