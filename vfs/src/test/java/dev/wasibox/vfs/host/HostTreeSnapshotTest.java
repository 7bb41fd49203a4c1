package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link HostTreeSnapshot}: notices every kind of change to a host tree, and follows no link. */
class HostTreeSnapshotTest {
  @TempDir Path base;
  Path sandbox;

  @BeforeEach
  void plant() throws Exception {
    sandbox = HostFixture.plant(base);
  }

  /** A change a buggy backend could make to the tree, and the word its difference starts with. */
  private interface Change {
    void apply(Path sandbox) throws Exception;
  }

  static Stream<Arguments> changes() {
    FileTime past = FileTime.fromMillis(1_000_000L);
    return Stream.of(
        Arguments.of("content, same size", (Change) s -> Files.writeString(s.resolve("file"), "HELLO"), "changed sandbox/file"),
        Arguments.of("mtime only", (Change) s -> Files.setLastModifiedTime(s.resolve("file"), past), "changed sandbox/file"),
        Arguments.of(
            "mtime put back (ctime moves)",
            (Change) s -> {
              FileTime t = Files.getLastModifiedTime(s.resolve("file"));
              Files.writeString(s.resolve("file"), "HELLO");
              Files.setLastModifiedTime(s.resolve("file"), t);
            },
            "changed sandbox/file"),
        Arguments.of(
            "link retargeted",
            (Change) s -> {
              Files.delete(s.resolve("inside"));
              Files.createSymbolicLink(s.resolve("inside"), Path.of("dir"));
            },
            "changed sandbox/inside"),
        Arguments.of("mode", (Change) s -> Files.setPosixFilePermissions(s.resolve("file"), PosixFilePermissions.fromString("rwx------")), "changed sandbox/file"),
        Arguments.of("added", (Change) s -> Files.createFile(s.resolve("new")), "added sandbox/new"),
        Arguments.of("removed", (Change) s -> Files.delete(s.resolve("a/up")), "removed sandbox/a/up"),
        Arguments.of(
            "file replaced by identical copy",
            (Change) s -> {
              Files.copy(s.resolve("file"), s.resolve("copy"));
              Files.move(s.resolve("copy"), s.resolve("file"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            },
            "changed sandbox/file"),
        Arguments.of("outside changed", (Change) s -> Files.writeString(s.resolveSibling("outside/secret.txt"), "x"), "changed outside/secret.txt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void differences_change_isReported(String rule, Change change, String expectedStart) throws Exception {
    HostTreeSnapshot before = HostTreeSnapshot.of(base);
    Thread.sleep(5); // coarse-grained file times on some hosts
    change.apply(sandbox);
    List<String> diff = before.differences(HostTreeSnapshot.of(base));
    assertTrue(diff.stream().anyMatch(d -> d.startsWith(expectedStart)), diff.toString());
    assertThrows(AssertionError.class, before::assertUnchanged);
  }

  @Test
  void differences_untouchedTree_none() throws Exception {
    HostTreeSnapshot before = HostTreeSnapshot.of(base);
    assertEquals(List.of(), before.differences(HostTreeSnapshot.of(base)));
    before.assertUnchanged();
  }

  @Test
  void of_tree_recordsLinksWithoutFollowingAndNeverOpensFifos() throws Exception {
    HostTreeSnapshot snap =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> HostTreeSnapshot.of(sandbox));
    assertEquals("link", snap.entries().get("dirlink").type());
    assertEquals("../outside", snap.entries().get("dirlink").data());
    assertEquals("evil/", snap.entries().get("dir/link1").data());
    assertEquals("other", snap.entries().get("fifo").type());
    assertTrue(snap.entries().keySet().stream().noneMatch(k -> k.startsWith("dirlink/")));
    assertTrue(snap.entries().keySet().stream().noneMatch(k -> k.contains("secret")));
  }

  @Test
  void withoutTimes_timesChangedOnly_equal() throws Exception {
    HostTreeSnapshot before = HostTreeSnapshot.of(base);
    Files.setLastModifiedTime(sandbox.resolve("file"), FileTime.fromMillis(1_000_000L));
    before.assertUnchangedIgnoringTimes();
    assertThrows(AssertionError.class, before::assertUnchanged);
  }
}
