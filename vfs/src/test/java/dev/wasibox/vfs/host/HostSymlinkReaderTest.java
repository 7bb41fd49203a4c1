package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.SymlinkNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link HostSymlinkReader}: verbatim link text by identity-checked host path (option B). */
class HostSymlinkReaderTest extends HostVolumeTestBase {
  private static final OpenFlags DIRECTORY = new OpenFlags(false, true, false, false);

  static Stream<Arguments> targets() {
    return Stream.of(
        Arguments.of("inside", "file"),
        Arguments.of("dir/link1", "evil/"),
        Arguments.of("todir", "dir/"),
        Arguments.of("up", ".."),
        Arguments.of("a/up", ".."),
        Arguments.of("loop", "loop"),
        Arguments.of("dirlink", "../outside"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("targets")
  void target_plantedLink_returnsTextVerbatim(String path, String expected) {
    assertEquals(expected, lookUp(path).target());
  }

  /** The symlink node {@code path} names, found through the VFS without following it. */
  private SymlinkNode lookUp(String path) {
    int slash = path.lastIndexOf('/');
    DirectoryNode dir =
        slash < 0
            ? root
            : vfs.open(root, p(path.substring(0, slash)), false, DIRECTORY, true, false).directory();
    return (SymlinkNode) dir.lookup(path.substring(slash + 1));
  }

  @Test
  void target_absoluteLink_returnedAsIsForTheResolverToRefuse() {
    assertEquals(base.resolve("outside/secret.txt").toString(), lookUp("abs").target());
    assertEquals("EPERM", VfsOutcome.of(() -> vfs.readlink(root, p("abs"))));
  }

  @Test
  void target_volumeMountedThroughALink_readsThroughIt() throws Exception {
    try (HostReadOnlyVolume viaLink = HostReadOnlyVolume.mount(sandbox.resolve("todir"))) {
      assertEquals("evil/", VfsOutcome.of(() -> vfs.readlink(viaLink.root(), p("link1"))));
      assertEquals("EPERM", VfsOutcome.open(vfs, viaLink.root(), "link1", true));
    }
  }

  @Test
  void target_nonUtf8Text_throwsEilseq() throws Exception {
    hostMutatedByTest = true;
    Path bad = sandbox.resolve("bad");
    HostFixture.run(List.of("sh", "-c", "ln -s \"$(printf 'x\\377y')\" \"$1\"", "sh", bad.toString()));
    try {
      assertEquals("EILSEQ", VfsOutcome.of(() -> lookUp("bad").target()));
      assertEquals("EILSEQ", VfsOutcome.of(() -> vfs.readlink(root, p("bad"))));
      assertEquals("EILSEQ", open("bad", true));
    } finally {
      Files.delete(bad);
    }
  }

  @Test
  void target_mountPathNoLongerReachesLink_throwsEioWhileHandlesStillWork() throws Exception {
    hostMutatedByTest = true;
    SymlinkNode inside = lookUp("inside");
    Path moved = base.resolve("moved");
    Files.move(sandbox, moved);
    try {
      assertEquals("EIO", VfsOutcome.of(inside::target));
      assertEquals("EIO", VfsOutcome.of(() -> vfs.readlink(root, p("inside"))));
      assertEquals("file:hello", open("file", false));
    } finally {
      Files.move(moved, sandbox);
    }
    assertEquals("file", inside.target());
  }

  @Test
  void target_linkReplacedAfterLookup_throwsEnoent() throws Exception {
    hostMutatedByTest = true;
    SymlinkNode inside = lookUp("inside");
    Path link = sandbox.resolve("inside");
    Path aside = base.resolve("inside.aside");
    Files.move(link, aside);
    HostFixture.link(sandbox, "inside", "../outside/secret.txt");
    try {
      assertEquals("ENOENT", VfsOutcome.of(inside::target));
      assertEquals("../outside/secret.txt", lookUp("inside").target());
    } finally {
      Files.delete(link);
      Files.move(aside, link);
    }
  }

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("ascii", "abc", 3L, "abc"),
        Arguments.of("utf-8", "\u00e9t\u00e9", 5L, "\u00e9t\u00e9"),
        Arguments.of("size unknown", "abc", 0L, "abc"),
        Arguments.of("replacement char", "x\uFFFDy", 5L, "EILSEQ"),
        Arguments.of("Latin-1 decoding", "\u00c3\u00a9", 2L, "EILSEQ"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void checkedText_decodedText_acceptedOnlyIfExactUtf8(String rule, String text, long size, String expected) {
    assertEquals(expected, VfsOutcome.of(() -> HostSymlinkReader.checkedText(text, size)));
  }

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("a/b", "EINVAL"),
        Arguments.of("..", "EINVAL"),
        Arguments.of(".", "EINVAL"),
        Arguments.of("/etc", "EINVAL"),
        Arguments.of("x\0y", "EINVAL"),
        Arguments.of("x", "/base/x"),
        Arguments.of("..x", "/base/..x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void childPath_name_joinsOnlySingleComponents(String name, String expected) {
    assertEquals(expected, VfsOutcome.of(() -> HostSymlinkReader.childPath(Path.of("/base"), name).toString()));
  }
}
