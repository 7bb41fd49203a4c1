package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFlags;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HostSpecial} (attack corpus F06): a planted FIFO or socket is listed and stat'ed as
 * {@code UNKNOWN} and never opened, so no operation blocks the host thread.
 */
class HostSpecialTest extends HostVolumeTestBase {
  /** A guard against a hang, not a timing assertion: a blocked open never returns at all. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);

  private static final OpenFlags DIRECTORY = new OpenFlags(false, true, false, false);
  private static final OpenFlags CREATE = new OpenFlags(true, false, false, false);

  static Stream<Arguments> fifoOpens() {
    return Stream.of(
        Arguments.of("read", OpenFlags.NONE, true, false, "ENOTSUP"),
        Arguments.of("no rights", OpenFlags.NONE, false, false, "ENOTSUP"),
        Arguments.of("create existing", CREATE, true, false, "ENOTSUP"),
        Arguments.of("O_DIRECTORY", DIRECTORY, true, false, "ENOTDIR"),
        Arguments.of("write", OpenFlags.NONE, false, true, "ENOTSUP"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fifoOpens")
  void open_fifo_failsPromptlyWithoutOpeningIt(
      String rule, OpenFlags flags, boolean read, boolean write, String expected) {
    String outcome =
        assertTimeoutPreemptively(
            HANG_GUARD,
            () -> VfsOutcome.of(() -> vfs.open(root, p("fifo"), true, flags, read, write).toString()));
    assertEquals(expected, outcome);
  }

  static Stream<Arguments> fifoPaths() {
    return Stream.of(
        // A trailing slash on a non-directory is ENOTDIR, as POSIX says; nothing is opened.
        Arguments.of("fifo/", "ENOTDIR"),
        Arguments.of("fifo/x", "ENOTDIR"),
        Arguments.of("fifo/..", "ENOTDIR"),
        Arguments.of("fifo/.", "ENOTDIR"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fifoPaths")
  void open_fifoAsDirectory_failsWithoutOpening(String path, String expected) {
    assertEquals(expected, assertTimeoutPreemptively(HANG_GUARD, () -> open(path, true)));
  }

  @Test
  void stat_fifoWithTrailingSlash_throwsEnotdir() {
    assertEquals("ENOTDIR", VfsOutcome.of(() -> vfs.stat(root, p("fifo/"), true).toString()));
  }

  @Test
  void lookup_fifo_isNeitherFileNorDirectory() {
    Node fifo = root.lookup("fifo");
    assertEquals(FileType.UNKNOWN, fifo.type());
    assertFalse(fifo instanceof FileNode, "nothing may ever open a FIFO");
    assertEquals(FileType.UNKNOWN, fifo.stat().type());
    assertEquals(0, fifo.stat().size());
  }

  @Test
  void readdir_fifo_listedAsUnknown() {
    DirEntry fifo =
        vfs.readdir(root).stream().filter(e -> e.name().equals("fifo")).findFirst().orElseThrow();
    assertEquals(FileType.UNKNOWN, fifo.type());
    assertEquals(vfs.stat(root, p("fifo"), false).ino(), fifo.ino());
  }

  @Test
  void openAndStat_unixSocket_unknownAndNeverOpened() throws Exception {
    hostMutatedByTest = true;
    var socketPath = sandbox.resolve("sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socketPath));
      assertEquals(FileType.UNKNOWN, vfs.stat(root, p("sock"), false).type());
      assertEquals(
          "ENOTSUP",
          assertTimeoutPreemptively(
              HANG_GUARD,
              () -> VfsOutcome.of(() -> vfs.open(root, p("sock"), false, OpenFlags.NONE, true, false).toString())));
    } finally {
      Files.deleteIfExists(socketPath);
    }
  }
}
