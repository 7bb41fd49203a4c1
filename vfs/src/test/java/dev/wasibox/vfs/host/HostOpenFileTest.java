package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link HostOpenFile}: positional reads, size and stat of a host file opened read-only. */
class HostOpenFileTest extends HostVolumeTestBase {
  private OpenFile openFile(String path) {
    return vfs.open(root, p(path), false, OpenFlags.NONE, true, false).file();
  }

  static Stream<Arguments> reads() {
    return Stream.of(
        Arguments.of("whole file", 0L, 16, "hello"),
        Arguments.of("from an offset", 1L, 16, "ello"),
        Arguments.of("small buffer", 1L, 2, "el"),
        Arguments.of("last byte", 4L, 16, "o"),
        Arguments.of("at end", 5L, 16, ""),
        Arguments.of("past end", 1L << 40, 16, ""),
        Arguments.of("negative position", -1L, 16, "EINVAL"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  void read_atPosition_readsThoseBytes(String rule, long position, int capacity, String expected) {
    try (OpenFile f = openFile("file")) {
      ByteBuffer buf = ByteBuffer.allocate(capacity);
      String outcome =
          VfsOutcome.of(
              () -> {
                int n = f.read(buf, position);
                return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
              });
      assertEquals(expected, outcome);
    }
  }

  @Test
  void sizeAndStat_openFile_describeTheHostFile() {
    try (OpenFile f = openFile("dir/nested/file")) {
      assertTrue(f.readable());
      assertFalse(f.writable());
      assertEquals(6, f.size());
      FileStat st = f.stat();
      assertEquals(FileType.REGULAR_FILE, st.type());
      assertEquals(6, st.size());
      assertEquals(1, st.nlink());
      assertEquals(vfs.stat(root, p("dir/nested/file"), false), st);
    }
  }

  @Test
  void stat_fileRenamedAwayOnHost_stillDescribesTheOpenFile() throws Exception {
    hostMutatedByTest = true;
    try (OpenFile f = openFile("dir/nested/file")) {
      FileStat atOpen = f.stat();
      Files.move(sandbox.resolve("dir/nested/file"), sandbox.resolve("dir/nested/moved"));
      try {
        assertEquals("nested", VfsOutcome.content(f));
        assertEquals(atOpen, f.stat());
        assertEquals("ENOENT", VfsOutcome.open(vfs, root, "dir/nested/file", false));
      } finally {
        Files.move(sandbox.resolve("dir/nested/moved"), sandbox.resolve("dir/nested/file"));
      }
    }
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        // A host handle is never open for writing: EBADF, as OpenFile says for every backend.
        Arguments.of("write", "EBADF", (Consumer<OpenFile>) f -> f.write(ByteBuffer.wrap(new byte[] {1}), 0)),
        Arguments.of("write nothing", "EBADF", (Consumer<OpenFile>) f -> f.write(ByteBuffer.allocate(0), 0)),
        Arguments.of("setSize", "EBADF", (Consumer<OpenFile>) f -> f.setSize(0)),
        Arguments.of("setSize same", "EBADF", (Consumer<OpenFile>) f -> f.setSize(5)),
        // Times may be set through a read-only handle elsewhere; here the volume refuses.
        Arguments.of("setTimes", "EROFS", (Consumer<OpenFile>) f -> f.setTimes(1, 2)),
        Arguments.of("setTimes omit", "EROFS", (Consumer<OpenFile>) f -> f.setTimes(f.stat().atimNs(), f.stat().mtimNs())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void mutator_openReadOnlyHostFile_isRefusedBeforeAnyIo(String rule, String errno, Consumer<OpenFile> op) {
    try (OpenFile f = openFile("file")) {
      assertEquals(errno, VfsOutcome.ofVoid(() -> op.accept(f)));
      assertEquals("hello", VfsOutcome.content(f));
    }
  }

  static Stream<Arguments> afterClose() {
    return Stream.of(
        Arguments.of("read", (Consumer<OpenFile>) f -> f.read(ByteBuffer.allocate(1), 0)),
        Arguments.of("write", (Consumer<OpenFile>) f -> f.write(ByteBuffer.allocate(1), 0)),
        Arguments.of("size", (Consumer<OpenFile>) OpenFile::size),
        Arguments.of("stat", (Consumer<OpenFile>) OpenFile::stat),
        Arguments.of("sync", (Consumer<OpenFile>) OpenFile::sync),
        Arguments.of("setSize", (Consumer<OpenFile>) f -> f.setSize(0)),
        Arguments.of("setTimes", (Consumer<OpenFile>) f -> f.setTimes(1, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("afterClose")
  void operation_afterClose_throwsEbadf(String rule, Consumer<OpenFile> op) {
    OpenFile f = openFile("file");
    f.close();
    assertEquals("EBADF", VfsOutcome.ofVoid(() -> op.accept(f)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("afterClose")
  void operation_afterVolumeClose_throwsEbadf(String rule, Consumer<OpenFile> op) {
    OpenFile f = openFile("file");
    volume.close();
    assertEquals("EBADF", VfsOutcome.ofVoid(() -> op.accept(f)));
  }

  @Test
  void close_twice_isIdempotent() {
    OpenFile f = openFile("file");
    f.close();
    assertDoesNotThrow(f::close);
    assertEquals(0, volume.openFileCount());
  }

  @Test
  void sync_openFile_isNoOp() {
    try (OpenFile f = openFile("file")) {
      assertDoesNotThrow(f::sync);
    }
  }

  @Test
  void read_handleOpenedWithoutRead_throwsEbadf() {
    try (OpenFile f = vfs.open(root, p("file"), false, OpenFlags.NONE, false, false).file()) {
      assertFalse(f.readable());
      assertEquals("EBADF", VfsOutcome.ofVoid(() -> f.read(ByteBuffer.allocate(1), 0)));
      assertEquals(5, f.size());
    }
  }
}
