package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HostDirectory} driven through {@link dev.wasibox.vfs.Vfs} as the WASI host drives it, on
 * the tree of {@link HostFixture}: reads work, every escape is {@code EPERM}, loops {@code ELOOP},
 * every mutation {@code EROFS}, and (checked after each test) the host never changes.
 */
class HostDirectoryTest extends HostVolumeTestBase {
  private static final OpenFlags CREATE = new OpenFlags(true, false, false, false);
  private static final OpenFlags CREATE_EXCL = new OpenFlags(true, false, true, false);
  private static final OpenFlags TRUNC = new OpenFlags(false, false, false, true);
  private static final OpenFlags DIRECTORY = new OpenFlags(false, true, false, false);

  static Stream<Arguments> resolution() {
    String dir = "dir:[evil,link1,nested]";
    return Stream.of(
        Arguments.of("plain file", "file", false, "file:hello"),
        Arguments.of("nested file", "dir/nested/file", false, "file:nested"),
        Arguments.of("slashes and dots", "dir//nested/./file", false, "file:nested"),
        Arguments.of("legit parent", "dir/nested/../nested/file", false, "file:nested"),
        Arguments.of("directory", "dir", false, dir),
        Arguments.of("dot is the root", ".", false, "dir:ROOT"),
        Arguments.of("empty directory", "a/b", false, "dir:[]"),
        Arguments.of("link to parent, then a file", "a/up/file", false, "file:hello"),
        Arguments.of("link to file followed", "inside", true, "file:hello"),
        Arguments.of("link to file not followed", "inside", false, "ELOOP"),
        Arguments.of("chain of links", "chain", true, "file:hello"),
        Arguments.of("link with trailing slash to dir", "todir", true, dir),
        Arguments.of("F05 absolute link followed", "abs", true, "EPERM"),
        Arguments.of("F05 absolute link not followed", "abs", false, "ELOOP"),
        Arguments.of("F05 relative link out", "rel", true, "EPERM"),
        Arguments.of("dir link out, in the middle", "dirlink/secret.txt", false, "EPERM"),
        Arguments.of("dir link out, followed", "dirlink", true, "EPERM"),
        Arguments.of("dir link out, trailing slash", "dirlink/", false, "EPERM"),
        Arguments.of("link to .. at the root", "up", true, "EPERM"),
        Arguments.of("link to .. then back in", "up/sandbox/file", false, "EPERM"),
        Arguments.of("bare parent", "..", false, "EPERM"),
        Arguments.of("parent to the secret", "../outside/secret.txt", false, "EPERM"),
        Arguments.of("out and back in", "../sandbox/file", false, "EPERM"),
        Arguments.of("absolute path", "/etc/passwd", false, "EPERM"),
        Arguments.of("GHSA-vqjp trailing slash target", "dir/link1", true, "EPERM"),
        Arguments.of("GHSA-vqjp in the middle", "dir/link1/secret.txt", false, "EPERM"),
        Arguments.of("GHSA-vqjp second link", "dir/evil/secret.txt", false, "EPERM"),
        Arguments.of("self loop followed", "loop", true, "ELOOP"),
        Arguments.of("self loop in the middle", "loop/x", false, "ELOOP"),
        Arguments.of("dangling link", "dangling", true, "ENOENT"),
        Arguments.of("missing", "missing", false, "ENOENT"),
        Arguments.of("missing in the middle", "missing/file", false, "ENOENT"),
        Arguments.of("file with trailing slash", "file/", false, "ENOTDIR"),
        Arguments.of("file then parent", "file/..", false, "ENOTDIR"),
        Arguments.of("file in the middle", "dir/nested/file/x", false, "ENOTDIR"),
        Arguments.of("F06 fifo", "fifo", false, "ENOTSUP"),
        Arguments.of("F06 fifo in the middle", "fifo/x", false, "ENOTDIR"),
        Arguments.of("hard link", "pair2", false, "file:pair"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("resolution")
  void open_fixturePath_readsInsideOrRefuses(String rule, String path, boolean follow, String expected) {
    assertEquals(expected, open(path, follow));
  }

  static Stream<Arguments> statCases() {
    return Stream.of(
        Arguments.of("file", false, "REGULAR_FILE", 5L),
        Arguments.of("inside", false, "SYMBOLIC_LINK", 4L),
        Arguments.of("inside", true, "REGULAR_FILE", 5L),
        Arguments.of("dir/link1", false, "SYMBOLIC_LINK", 5L),
        Arguments.of("rel", false, "SYMBOLIC_LINK", (long) "../outside/secret.txt".length()),
        Arguments.of("rel", true, "EPERM", -1L),
        Arguments.of("abs", true, "EPERM", -1L),
        Arguments.of("fifo", false, "UNKNOWN", 0L),
        Arguments.of("loop", true, "ELOOP", -1L),
        Arguments.of("missing", false, "ENOENT", -1L),
        Arguments.of("file/", false, "ENOTDIR", -1L));
  }

  @ParameterizedTest(name = "{0} follow={1}")
  @MethodSource("statCases")
  void stat_fixturePath_reportsTypeAndSize(String path, boolean follow, String type, long size) {
    String outcome =
        VfsOutcome.of(
            () -> {
              FileStat st = vfs.stat(root, p(path), follow);
              assertEquals(size, st.size());
              return st.type().name();
            });
    assertEquals(type, outcome);
  }

  @Test
  void stat_file_matchesHostAttributes() throws Exception {
    FileStat st = vfs.stat(root, p("file"), false);
    var host = Files.readAttributes(sandbox.resolve("file"), "unix:*", LinkOption.NOFOLLOW_LINKS);
    assertEquals(volume.deviceId(), st.dev());
    assertEquals(1, st.nlink());
    assertEquals(toNanos(host.get("lastModifiedTime")), st.mtimNs());
    assertEquals(toNanos(host.get("ctime")), st.ctimNs());
    assertEquals(((Long) host.get("ino")).longValue(), st.ino(), "same device as the root: host ino");
  }

  private static long toNanos(Object fileTime) {
    return ((java.nio.file.attribute.FileTime) fileTime).to(TimeUnit.NANOSECONDS);
  }

  @Test
  void stat_inodes_stableAcrossLookupsAndDistinctPerFile() {
    long file = vfs.stat(root, p("file"), false).ino();
    assertEquals(file, vfs.stat(root, p("file"), false).ino());
    assertEquals(file, vfs.stat(root, p("inside"), true).ino());
    assertEquals(file, vfs.stat(root, p("a/up/file"), false).ino());
    List<Long> distinct =
        Stream.of("file", "dir", "dir/nested", "dir/nested/file", "inside", "fifo", ".")
            .map(path -> vfs.stat(root, p(path), false).ino())
            .distinct()
            .collect(Collectors.toList());
    assertEquals(7, distinct.size());
  }

  @Test
  void stat_hardLinkedPair_sameInodeAndTwoLinks() {
    FileStat one = vfs.stat(root, p("pair1"), false);
    FileStat two = vfs.stat(root, p("pair2"), false);
    assertEquals(one.ino(), two.ino());
    assertEquals(2, one.nlink());
    assertTrue(root.lookup("pair1").sameNode(root.lookup("pair2")));
  }

  @Test
  void stat_root_isDirectoryWithRootIdentity() {
    FileStat st = vfs.stat(root, p("."), false);
    assertEquals(FileType.DIRECTORY, st.type());
    assertEquals(root.stat().ino(), st.ino());
    assertEquals(st.ino(), vfs.stat(root, p("a/up"), true).ino());
    assertNotEquals(st.ino(), vfs.stat(root, p("dir"), false).ino());
  }

  @Test
  void readdir_root_listsSortedEntriesWithUnfollowedTypes() {
    List<DirEntry> entries = vfs.readdir(root);
    Map<String, FileType> types = new LinkedHashMap<>();
    entries.forEach(e -> types.put(e.name(), e.type()));
    assertEquals(
        List.of(".", "..", "a", "abs", "chain", "dangling", "dir", "dirlink", "fifo", "file",
            "inside", "loop", "pair1", "pair2", "rel", "todir", "up"),
        List.copyOf(types.keySet()));
    assertEquals(FileType.SYMBOLIC_LINK, types.get("abs"));
    assertEquals(FileType.SYMBOLIC_LINK, types.get("dirlink"));
    assertEquals(FileType.DIRECTORY, types.get("dir"));
    assertEquals(FileType.REGULAR_FILE, types.get("file"));
    assertEquals(FileType.UNKNOWN, types.get("fifo"));
  }

  @Test
  void readdir_subdirectory_inodesMatchStat() {
    DirectoryNode dir = vfs.open(root, p("dir"), false, DIRECTORY, true, false).directory();
    List<DirEntry> entries = dir.list();
    assertEquals("[evil,link1,nested]", VfsOutcome.names(entries));
    assertEquals(vfs.stat(root, p("dir/nested"), false).ino(), entries.get(2).ino());
    assertEquals(vfs.stat(root, p("dir/evil"), false).ino(), entries.get(0).ino());
    assertFalse(dir.isEmpty());
  }

  @Test
  void readdir_nonUtf8HostName_hiddenAndNeverMisnamed() throws Exception {
    hostMutatedByTest = true;
    HostFixture.run(
        java.util.List.of("sh", "-c", "touch \"$1/$(printf 'x\\377y')\"", "sh", sandbox.toString()));
    try {
      List<String> names = vfs.readdir(root).stream().map(DirEntry::name).collect(Collectors.toList());
      assertEquals(17, names.size(), names.toString());
      assertTrue(names.stream().noneMatch(n -> n.startsWith("x")), names.toString());
      assertEquals("ENOENT", open("x\uFFFDy", false));
    } finally {
      try (var ds = Files.newDirectoryStream(sandbox, "x*")) {
        for (var p : ds) {
          Files.delete(p);
        }
      }
    }
  }

  static Stream<Arguments> readlinkCases() {
    return Stream.of(
        Arguments.of("inside", "file"),
        Arguments.of("dir/link1", "evil/"),
        Arguments.of("dir/evil", "../../outside"),
        Arguments.of("todir", "dir/"),
        Arguments.of("up", ".."),
        Arguments.of("loop", "loop"),
        Arguments.of("rel", "../outside/secret.txt"),
        Arguments.of("abs", "EPERM"),
        Arguments.of("file", "EINVAL"),
        Arguments.of("dir", "EINVAL"),
        Arguments.of("fifo", "EINVAL"),
        Arguments.of("missing", "ENOENT"),
        Arguments.of("dirlink/secret.txt", "EPERM"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readlinkCases")
  void readlink_fixturePath_returnsVerbatimTextOrErrno(String path, String expected) {
    assertEquals(expected, VfsOutcome.of(() -> vfs.readlink(root, p(path))));
  }

  static Stream<Arguments> mutations() {
    return Stream.<Arguments>of(
        mutation("F11 open for write", t -> t.openFile("file", OpenFlags.NONE, false, true), "EROFS"),
        mutation("D03 open read-write", t -> t.openFile("file", OpenFlags.NONE, true, true), "EROFS"),
        mutation("C15 O_TRUNC without write", t -> t.openFile("file", TRUNC, true, false), "EROFS"),
        mutation("C14 O_CREAT new", t -> t.openFile("new", CREATE, false, true), "EROFS"),
        mutation("O_CREAT|O_EXCL new", t -> t.openFile("new", CREATE_EXCL, false, true), "EROFS"),
        mutation("O_CREAT through dangling link", t -> t.openFile("dangling", CREATE, true, true), "EROFS"),
        mutation("O_CREAT on existing, read only", t -> t.openFile("file", CREATE, true, false), "ok"),
        mutation("open dir for write", t -> t.openFile("dir", OpenFlags.NONE, false, true), "EISDIR"),
        mutation("C14 mkdir", t -> t.vfs.createDirectory(t.root, t.p("newdir")), "EROFS"),
        mutation("mkdir existing", t -> t.vfs.createDirectory(t.root, t.p("dir")), "EEXIST"),
        mutation("mkdir outside", t -> t.vfs.createDirectory(t.root, t.p("../x")), "EPERM"),
        mutation("C14 unlink file", t -> t.vfs.unlinkFile(t.root, t.p("file")), "EROFS"),
        mutation("unlink escaping link", t -> t.vfs.unlinkFile(t.root, t.p("abs")), "EROFS"),
        mutation("unlink fifo", t -> t.vfs.unlinkFile(t.root, t.p("fifo")), "EROFS"),
        mutation("unlink dir", t -> t.vfs.unlinkFile(t.root, t.p("dir")), "EISDIR"),
        mutation("C14 rmdir", t -> t.vfs.removeDirectory(t.root, t.p("a/b")), "EROFS"),
        mutation("C14 rename file", t -> t.vfs.rename(t.root, t.p("file"), t.root, t.p("moved")), "EROFS"),
        mutation("rename over file", t -> t.vfs.rename(t.root, t.p("file"), t.root, t.p("dir/nested/file")), "EROFS"),
        mutation("rename dir", t -> t.vfs.rename(t.root, t.p("dir"), t.root, t.p("a/b/dir")), "EROFS"),
        mutation("rename link out", t -> t.vfs.rename(t.root, t.p("rel"), t.root, t.p("r")), "EROFS"),
        mutation("C14 link", t -> t.vfs.link(t.root, t.p("file"), false, t.root, t.p("hl")), "EROFS"),
        mutation("C14 symlink", t -> t.vfs.symlink("file", t.root, t.p("s")), "EROFS"),
        mutation("symlink climbing out", t -> t.vfs.symlink("../outside/secret.txt", t.root, t.p("s")), "EROFS"),
        mutation("F11 set times file", t -> t.vfs.setTimes(t.root, t.p("file"), false, 1, 2), "EROFS"),
        mutation("set times link itself", t -> t.vfs.setTimes(t.root, t.p("abs"), false, 1, 2), "EROFS"),
        mutation("set times dir", t -> t.vfs.setTimes(t.root, t.p("dir"), false, 1, 2), "EROFS"),
        mutation("set times root", t -> t.vfs.setTimes(t.root, t.p("."), false, 1, 2), "EROFS"),
        mutation("set times fifo", t -> t.vfs.setTimes(t.root, t.p("fifo"), false, 1, 2), "EROFS"),
        mutation("F11 fd set times", t -> t.onOpenFile(f -> f.setTimes(1, 2)), "EROFS"),
        // A host handle is only ever open for reading: EBADF, as OpenFile says for any backend.
        mutation("fd set size", t -> t.onOpenFile(f -> f.setSize(0)), "EBADF"),
        mutation("fd write", t -> t.onOpenFile(f -> f.write(java.nio.ByteBuffer.wrap(new byte[] {'X'}), 0)), "EBADF"),
        mutation("fd sync", t -> t.onOpenFile(OpenFile::sync), "ok"));
  }

  private static Arguments mutation(String rule, Consumer<HostDirectoryTest> op, String expected) {
    return Arguments.of(rule, op, expected);
  }

  private void openFile(String path, OpenFlags flags, boolean read, boolean write) {
    var opened = vfs.open(root, p(path), true, flags, read, write);
    if (opened.file() != null) {
      opened.file().close();
    }
  }

  private void onOpenFile(Consumer<OpenFile> op) {
    try (OpenFile f = vfs.open(root, p("file"), false, OpenFlags.NONE, true, false).file()) {
      op.accept(f);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void mutation_readOnlyVolume_refusedAndHostUnchanged(
      String rule, Consumer<HostDirectoryTest> op, String expected) {
    assertEquals(expected, VfsOutcome.ofVoid(() -> op.accept(this)));
    // The host tree is compared byte for byte after each test (HostVolumeTestBase).
  }

  static Stream<Arguments> spiMutators() {
    return Stream.of(
        Arguments.of("createFile", (Consumer<DirectoryNode>) d -> d.createFile("file")),
        Arguments.of("createDirectory", (Consumer<DirectoryNode>) d -> d.createDirectory("x")),
        Arguments.of("createSymlink", (Consumer<DirectoryNode>) d -> d.createSymlink("x", "/etc")),
        Arguments.of("link", (Consumer<DirectoryNode>) d -> d.link("x", d)),
        Arguments.of("unlink", (Consumer<DirectoryNode>) d -> d.unlink("file")),
        Arguments.of("removeDirectory", (Consumer<DirectoryNode>) d -> d.removeDirectory("dir")),
        Arguments.of("rename", (Consumer<DirectoryNode>) d -> d.rename("file", d, "y")),
        Arguments.of("setTimes", (Consumer<DirectoryNode>) d -> d.setTimes(1, 2)),
        Arguments.of("invalid name", (Consumer<DirectoryNode>) d -> d.createFile("../x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spiMutators")
  void spiMutator_evenAfterClose_throwsErofsBeforeAnyIo(String rule, Consumer<DirectoryNode> op) {
    // A closed volume fails every I/O with EIO; EROFS proves the mutator touched nothing.
    volume.close();
    assertEquals("EROFS", VfsOutcome.ofVoid(() -> op.accept(root)));
  }

  @Test
  void lookup_missingName_returnsNull() {
    assertNull(root.lookup("missing"));
  }

  static Stream<Arguments> invalidNames() {
    return Stream.of(
        Arguments.of("a/b", "EINVAL"),
        Arguments.of("..", "EINVAL"),
        Arguments.of(".", "EINVAL"),
        Arguments.of("", "EINVAL"),
        Arguments.of("x\0y", "EINVAL"),
        Arguments.of("lone\uD800surrogate", "EILSEQ"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("invalidNames")
  void lookup_notOneHostName_refusedBeforeTheOs(String name, String expected) {
    assertEquals(expected, VfsOutcome.of(() -> String.valueOf(root.lookup(name))));
  }
}
