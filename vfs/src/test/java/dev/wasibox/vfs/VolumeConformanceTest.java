package dev.wasibox.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one conformance suite every backend runs unchanged: the resolver's rules (DESIGN.md's table,
 * path-resolution.md 1.5, attack-corpus.md sections A, B and C) and the semantics of each {@link
 * Vfs} operation, on the tree of {@link FixtureTree}.
 *
 * <p>Where a read-only backend must differ, the row says so explicitly in its read-only column:
 * every mutation of a read-only volume is {@code EROFS}, after the same name and type checks a
 * writable volume makes. A subclass mounts a fresh fixture per test and, for backends over a host
 * directory or a lower layer, checks after each test that nothing underneath changed.
 */
public abstract class VolumeConformanceTest {
  protected final Vfs vfs = Vfs.withDefaults();
  protected DirectoryNode root;

  /** Mounts a fresh copy of {@link FixtureTree} and returns the {@code sandbox} directory node. */
  protected abstract DirectoryNode mountSandbox() throws Exception;

  /** Whether the backend refuses every mutation with {@code EROFS}. */
  protected abstract boolean readOnly();

  @BeforeEach
  final void mount() throws Exception {
    root = mountSandbox();
  }

  private GuestPath p(String path) {
    return vfs.parse(path);
  }

  private String lookup(String path, boolean follow) {
    return Outcome.of(() -> Outcome.describe(vfs.node(root, p(path), follow), root));
  }

  private String expect(String writable, String readOnly) {
    return readOnly() ? readOnly : writable;
  }

  // ---------------------------------------------------------------- resolution (reads)

  static Stream<Arguments> resolution() {
    String nested = "dir:[file]";
    String dir = "dir:[evil,link1,nested]";
    return Stream.of(
        // DESIGN.md rules table and path-resolution.md 1.5
        Arguments.of("A01 absolute", "/etc/passwd", false, "EPERM"),
        Arguments.of("A02 absolute own name", "/sandbox/file", false, "EPERM"),
        Arguments.of("A03 double slash", "//etc/passwd", false, "EPERM"),
        Arguments.of("A28 slash", "/", true, "EPERM"),
        Arguments.of("A04 bare parent", "..", false, "EPERM"),
        Arguments.of("A05 parent traversal", "../../etc/passwd", false, "EPERM"),
        Arguments.of("A06 out and back in", "dir/nested/../../../sandbox/dir/nested/file", false, "EPERM"),
        Arguments.of("A07 out of subdir", "a/../../x", false, "EPERM"),
        Arguments.of("A08 dot then parent", "./..", false, "EPERM"),
        Arguments.of("A08 dot slashes parent", ".//..", false, "EPERM"),
        Arguments.of("A08 down and two up", "dir/../..", false, "EPERM"),
        Arguments.of("A09 legit parents", "dir/.//nested/../../dir/nested/../nested///./file", false, "file:nested"),
        Arguments.of("A10 file then parent", "file/../file", false, "ENOTDIR"),
        Arguments.of("A10 file parent", "file/..", false, "ENOTDIR"),
        Arguments.of("A10 file dot", "file/.", false, "ENOTDIR"),
        Arguments.of("A11 missing then parent", "missing/../file", false, "ENOENT"),
        Arguments.of("A12 empty", "", false, "ENOENT"),
        Arguments.of("A13 trailing slash on file", "file/", false, "ENOTDIR"),
        Arguments.of("A13 slashes on file", "file///", false, "ENOTDIR"),
        Arguments.of("A13 nested file slash", "dir/nested/file/", false, "ENOTDIR"),
        Arguments.of("A14 trailing slashes on dir", "dir/nested///", false, nested),
        Arguments.of("A15 file dot slash", "file/./", false, "ENOTDIR"),
        Arguments.of("A16 slash runs", "dir//nested////file", false, "file:nested"),
        Arguments.of("A20 three dots", "...", false, "ENOENT"),
        Arguments.of("A20 dot space dot", ". .", false, "ENOENT"),
        Arguments.of("A20 dotdot space", ".. ", false, "ENOENT"),
        Arguments.of("A20 percent encoded", "%2e%2e/x", false, "ENOENT"),
        Arguments.of("A20 two dot leader", "\u2025/x", false, "ENOENT"),
        Arguments.of("A21 backslashes", "..\\..\\etc\\passwd", false, "ENOENT"),
        Arguments.of("A21 drive letter", "C:\\Windows\\win.ini", false, "ENOENT"),
        Arguments.of("A21 UNC", "\\\\host\\share\\x", false, "ENOENT"),
        Arguments.of("A25 name of 256 bytes", "x".repeat(256), false, "ENAMETOOLONG"),
        Arguments.of("A25 name of 255 bytes", "x".repeat(255), false, "ENOENT"),
        Arguments.of("A26 2000 dot components", "./".repeat(2000) + "file", false, "file:hello"),
        Arguments.of("A29 dot is the root", ".", false, "dir:ROOT"),
        // symlinks: attack-corpus.md section B
        Arguments.of("B01 absolute link in the middle", "abs/passwd", false, "EPERM"),
        Arguments.of("B01 absolute link followed", "abs", true, "EPERM"),
        Arguments.of("B01 absolute link not followed", "abs", false, "link:/etc/passwd"),
        Arguments.of("B02 link to slash", "absroot", true, "EPERM"),
        Arguments.of("B03 relative link out", "rel_out", true, "EPERM"),
        Arguments.of("B03 relative link not followed", "rel_out", false, "link:../outside/secret.txt"),
        Arguments.of("B05 directory link out", "esc/secret.txt", false, "EPERM"),
        Arguments.of("B06 chain out", "esc2/secret.txt", false, "EPERM"),
        Arguments.of("B07 chain inside", "chain2", true, "file:hello"),
        Arguments.of("B08 self loop", "loop", true, "ELOOP"),
        Arguments.of("B08 self loop in the middle", "loop/x", false, "ELOOP"),
        Arguments.of("B09 mutual loop", "ma", true, "ELOOP"),
        Arguments.of("B10 40 expansions", "s0", true, "file:hello"),
        Arguments.of("B10 41 expansions", "t0", true, "ELOOP"),
        Arguments.of("B11 fan-out bomb", "k0/file", false, "ELOOP"),
        Arguments.of("B12 link to parent at root", "up/x", false, "EPERM"),
        Arguments.of("B12 link to parent followed", "up", true, "EPERM"),
        Arguments.of("B13 link to root then parent", "a/up/..", false, "EPERM"),
        Arguments.of("B13 link to root then file", "a/up/file", false, "file:hello"),
        Arguments.of("B14 dotdot link mid-path", "a/b/c/b", false, "dir:[c,d,e]"),
        Arguments.of("B15 one up", "a/b/c", true, "dir:[b,up]"),
        Arguments.of("B15 two up is the root", "a/b/d", true, "dir:ROOT"),
        Arguments.of("B15 three up escapes", "a/b/e", true, "EPERM"),
        Arguments.of("B16 trailing slash target followed", "dir/link1", true, "EPERM"),
        Arguments.of("B16 trailing slash target mid-path", "dir/link1/secret.txt", false, "EPERM"),
        Arguments.of("B16 trailing slash target not followed", "dir/link1", false, "link:evil/"),
        Arguments.of("B17 trailing slash forces follow out", "esc/", false, "EPERM"),
        Arguments.of("B17 trailing slash forces follow", "sym_dir/", false, dir),
        Arguments.of("B28 empty target", "empty_target", true, "ENOENT"),
        Arguments.of("B31 stat link out, no follow", "rel_out", false, "link:../outside/secret.txt"),
        Arguments.of("dangling link followed", "dangling", true, "ENOENT"),
        Arguments.of("dangling link not followed", "dangling", false, "link:newfile"),
        Arguments.of("link target ending in slash to dir", "to_dir_slash", true, dir),
        Arguments.of("link target ending in slash to file", "to_file_slash", true, "ENOTDIR"),
        Arguments.of("link to file in the middle", "sym_file/x", false, "ENOTDIR"),
        Arguments.of("link to dir in the middle", "sym_dir/nested/file", false, "file:nested"),
        Arguments.of("missing in the middle", "missing/file", false, "ENOENT"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("resolution")
  void node_resolutionTable(String rule, String path, boolean follow, String expected) {
    assertEquals(expected, lookup(path, follow));
  }

  static Stream<Arguments> rawBytes() {
    return Stream.of(
        Arguments.of("A17 NUL then escape", "file\0/../../outside".getBytes(StandardCharsets.UTF_8), "EINVAL"),
        Arguments.of("A17 trailing NUL", "dir/nested/file\0".getBytes(StandardCharsets.UTF_8), "EINVAL"),
        Arguments.of("A17 only NUL", new byte[] {0}, "EINVAL"),
        Arguments.of("A19 overlong dots", new byte[] {(byte) 0xC0, (byte) 0xAE, (byte) 0xC0, (byte) 0xAE, '/', 'e', 't', 'c'}, "EILSEQ"),
        Arguments.of("A19 lone FF", new byte[] {(byte) 0xFF}, "EILSEQ"),
        Arguments.of("A19 surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "EILSEQ"),
        Arguments.of("A23 long path that normalises short", ("a/".repeat(5000) + "../".repeat(5000) + "file").getBytes(StandardCharsets.UTF_8), "ENAMETOOLONG"),
        Arguments.of("A24 one MiB", "a/".repeat(1 << 19).getBytes(StandardCharsets.UTF_8), "ENAMETOOLONG"),
        Arguments.of("valid UTF-8 name", "caf\u00e9".getBytes(StandardCharsets.UTF_8), "ENOENT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rawBytes")
  void node_rawGuestBytes(String rule, byte[] path, String expected) {
    assertEquals(expected, Outcome.of(() -> Outcome.describe(vfs.node(root, vfs.parse(path), true), root)));
  }

  // ---------------------------------------------------------------- path_open

  private String open(String path, boolean follow, OpenFlags flags, boolean read, boolean write) {
    return Outcome.of(
        () -> {
          Opened o = vfs.open(root, p(path), follow, flags, read, write);
          if (o.file() == null) {
            return Outcome.describe(o.node(), root);
          }
          try (OpenFile f = o.file()) {
            return read ? "file:" + Outcome.content(f) : "opened";
          }
        });
  }

  private static final OpenFlags NONE = OpenFlags.NONE;
  private static final OpenFlags DIRECTORY = new OpenFlags(false, true, false, false);
  private static final OpenFlags CREATE = new OpenFlags(true, false, false, false);
  private static final OpenFlags CREATE_EXCL = new OpenFlags(true, false, true, false);
  private static final OpenFlags TRUNC = new OpenFlags(false, false, false, true);

  static Stream<Arguments> opens() {
    return Stream.of(
        // name, path, follow, flags, read, write, writable result, read-only result
        Arguments.of("plain read", "file", false, NONE, true, false, "file:hello", "file:hello"),
        Arguments.of("B18 final link without follow", "sym_file", false, NONE, true, false, "ELOOP", "ELOOP"),
        Arguments.of("B18 final link followed", "sym_file", true, NONE, true, false, "file:hello", "file:hello"),
        Arguments.of("B18 O_DIRECTORY on dir link without follow", "sym_dir", false, DIRECTORY, true, false, "ELOOP", "ELOOP"),
        Arguments.of("B18 O_DIRECTORY on dir link followed", "sym_dir", true, DIRECTORY, true, false, "dir:[evil,link1,nested]", "dir:[evil,link1,nested]"),
        Arguments.of("B18 O_DIRECTORY on file link followed", "sym_file", true, DIRECTORY, true, false, "ENOTDIR", "ENOTDIR"),
        Arguments.of("B19 O_DIRECTORY on link out", "esc", true, DIRECTORY, true, false, "EPERM", "EPERM"),
        Arguments.of("O_DIRECTORY on file", "file", false, DIRECTORY, true, false, "ENOTDIR", "ENOTDIR"),
        Arguments.of("D08 dir for write", "dir", false, NONE, true, true, "EISDIR", "EISDIR"),
        Arguments.of("D08 dot for write", ".", false, DIRECTORY, true, true, "EISDIR", "EISDIR"),
        Arguments.of("A29 dot as directory", ".", false, DIRECTORY, true, false, "dir:ROOT", "dir:ROOT"),
        Arguments.of("C16 O_DIRECTORY with O_CREAT", "nd", false, new OpenFlags(true, true, false, false), true, true, "EINVAL", "EINVAL"),
        Arguments.of("O_DIRECTORY with O_TRUNC", "dir", false, new OpenFlags(false, true, false, true), true, true, "EINVAL", "EINVAL"),
        Arguments.of("C17 O_CREAT|O_EXCL on existing", "file", false, CREATE_EXCL, true, true, "EEXIST", "EEXIST"),
        Arguments.of("O_CREAT|O_EXCL on a link", "dangling", true, CREATE_EXCL, true, true, "EEXIST", "EEXIST"),
        Arguments.of("create new", "newfile", false, CREATE, true, true, "file:", "EROFS"),
        Arguments.of("create with trailing slash", "new/", false, CREATE, true, true, "EISDIR", "EISDIR"),
        Arguments.of("create in missing dir", "nodir/new", false, CREATE, true, true, "ENOENT", "ENOENT"),
        Arguments.of("B20 create through dangling link", "dangling", true, CREATE, true, true, "file:", "EROFS"),
        Arguments.of("B20 dangling link without follow", "dangling", false, CREATE, true, true, "ELOOP", "ELOOP"),
        Arguments.of("B21 create through link out", "dangling_out", true, CREATE, true, true, "EPERM", "EPERM"),
        Arguments.of("B22 CVE-2024-38358 shape", "rel_out", true, CREATE, true, true, "EPERM", "EPERM"),
        Arguments.of("C15 O_TRUNC without write", "file", false, TRUNC, true, false, "file:", "EROFS"),
        Arguments.of("open for write", "file", false, NONE, true, true, "file:hello", "EROFS"),
        Arguments.of("A13 file with slash", "dir/nested/file/", false, NONE, true, false, "ENOTDIR", "ENOTDIR"),
        Arguments.of("missing", "missing", false, NONE, true, false, "ENOENT", "ENOENT"),
        Arguments.of("B16 open trailing-slash link with O_DIRECTORY", "dir/link1", true, DIRECTORY, true, false, "EPERM", "EPERM"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("opens")
  void open_table(
      String rule,
      String path,
      boolean follow,
      OpenFlags flags,
      boolean read,
      boolean write,
      String writable,
      String readOnly) {
    assertEquals(expect(writable, readOnly), open(path, follow, flags, read, write));
  }

  @Test
  void open_createThroughDanglingLink_createsTargetInside() {
    String r = open("dangling", true, CREATE, false, true);
    assertEquals(expect("opened", "EROFS"), r);
    assertEquals(expect("file:", "ENOENT"), lookup("newfile", false));
    assertEquals("ENOENT", Outcome.of(() -> Outcome.describe(vfs.node(root, p("outside"), false), root)));
  }

  @Test
  void open_truncate_emptiesFile() {
    open("file", false, TRUNC, false, true);
    assertEquals(expect("file:", "file:hello"), lookup("file", false));
  }

  // ---------------------------------------------------------------- mutations

  static Stream<Arguments> createDirectories() {
    return Stream.of(
        Arguments.of("new", "newdir", "ok", "EROFS"),
        Arguments.of("new with trailing slash", "newdir/", "ok", "EROFS"),
        Arguments.of("C17 existing dir", "dir", "EEXIST", "EEXIST"),
        Arguments.of("C17 dot", ".", "EEXIST", "EEXIST"),
        Arguments.of("existing file", "file", "EEXIST", "EEXIST"),
        Arguments.of("existing dangling link", "dangling", "EEXIST", "EEXIST"),
        Arguments.of("existing file with slash", "file/", "EEXIST", "EEXIST"),
        Arguments.of("B33 through link out", "esc/pwned", "EPERM", "EPERM"),
        Arguments.of("B16 through trailing-slash link", "dir/link1/pwn", "EPERM", "EPERM"),
        Arguments.of("escape", "../x", "EPERM", "EPERM"),
        Arguments.of("missing parent", "nodir/x", "ENOENT", "ENOENT"),
        Arguments.of("A18 NUL in name", "x\0y", "EINVAL", "EINVAL"),
        Arguments.of("A25 name too long", "x".repeat(256), "ENAMETOOLONG", "ENAMETOOLONG"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("createDirectories")
  void createDirectory_table(String rule, String path, String writable, String readOnly) {
    assertEquals(expect(writable, readOnly), Outcome.ofVoid(() -> vfs.createDirectory(root, p(path))));
    if (writable.equals("ok") && !readOnly()) {
      assertEquals("dir:[]", lookup(path, false));
    }
  }

  static Stream<Arguments> unlinks() {
    return Stream.of(
        Arguments.of("file", "file", "ok", "EROFS"),
        Arguments.of("B34 link out removes only the link", "esc", "ok", "EROFS"),
        Arguments.of("dangling link", "dangling", "ok", "EROFS"),
        Arguments.of("C11 directory", "dir", "EISDIR", "EISDIR"),
        Arguments.of("C11 directory with slash", "dir/", "EISDIR", "EISDIR"),
        Arguments.of("C10 dot", ".", "EISDIR", "EISDIR"),
        Arguments.of("C11 file with slash", "file/", "ENOTDIR", "ENOTDIR"),
        Arguments.of("missing", "missing", "ENOENT", "ENOENT"),
        Arguments.of("B34 through link out", "esc/secret.txt", "EPERM", "EPERM"),
        Arguments.of("B16 through trailing-slash link", "dir/link1/secret.txt", "EPERM", "EPERM"),
        Arguments.of("A12 empty", "", "ENOENT", "ENOENT"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("unlinks")
  void unlinkFile_table(String rule, String path, String writable, String readOnly) {
    assertEquals(expect(writable, readOnly), Outcome.ofVoid(() -> vfs.unlinkFile(root, p(path))));
    if (writable.equals("ok") && !readOnly()) {
      assertEquals("ENOENT", lookup(path, false));
    }
  }

  @Test
  void unlinkFile_linkOut_leavesOutsideIntact() {
    Outcome.ofVoid(() -> vfs.unlinkFile(root, p("esc")));
    assertEquals(expect("ENOENT", "link:../outside"), lookup("esc", false));
    assertEquals("EPERM", lookup("rel_out", true));
  }

  static Stream<Arguments> removeDirectories() {
    return Stream.of(
        // A read-only volume refuses before it looks inside (as Linux on a read-only mount).
        Arguments.of("non-empty via dot-dots", "dir/nested/../../a/b/../b", "ENOTEMPTY", "EROFS"),
        Arguments.of("non-empty", "dir", "ENOTEMPTY", "EROFS"),
        Arguments.of("C11 file", "file", "ENOTDIR", "ENOTDIR"),
        Arguments.of("C11 file with slash", "file/", "ENOTDIR", "ENOTDIR"),
        Arguments.of("link to dir", "sym_dir", "ENOTDIR", "ENOTDIR"),
        Arguments.of("C10 dot", ".", "EINVAL", "EINVAL"),
        Arguments.of("C10 parent", "..", "EPERM", "EPERM"),
        Arguments.of("B34 through link out", "esc/dir", "EPERM", "EPERM"),
        Arguments.of("missing", "missing", "ENOENT", "ENOENT"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("removeDirectories")
  void removeDirectory_table(String rule, String path, String writable, String readOnly) {
    assertEquals(expect(writable, readOnly), Outcome.ofVoid(() -> vfs.removeDirectory(root, p(path))));
  }

  @Test
  void removeDirectory_emptyDir_removesIt() {
    String r = Outcome.ofVoid(() -> vfs.removeDirectory(root, p("dir/nested/../../a/b/c/b/..")));
    // "a/b/c" -> ".." is a; so the path ends in ".." and names a itself.
    assertEquals("EINVAL", r);
    if (!readOnly()) {
      vfs.unlinkFile(root, p("a/b/c"));
      vfs.unlinkFile(root, p("a/b/d"));
      vfs.unlinkFile(root, p("a/b/e"));
    }
    assertEquals(expect("ok", "EROFS"), Outcome.ofVoid(() -> vfs.removeDirectory(root, p("a/b/"))));
    assertEquals(expect("ENOENT", "dir:[c,d,e]"), lookup("a/b", false));
  }

  static Stream<Arguments> renames() {
    return Stream.of(
        // name, from, to, writable, read-only, check path, check result (writable)
        Arguments.of("file to new name", "file", "moved", "ok", "EROFS", "moved", "file:hello"),
        Arguments.of("file over file", "file", "dir/nested/file", "ok", "EROFS", "dir/nested/file", "file:hello"),
        Arguments.of("C12 file over dir", "file", "dir", "EISDIR", "EISDIR", "file", "file:hello"),
        Arguments.of("C12 dir over file", "dir", "file", "ENOTDIR", "ENOTDIR", "dir/nested/file", "file:nested"),
        Arguments.of("C12 dir over non-empty dir", "a", "dir", "ENOTEMPTY", "ENOTEMPTY", "a/up", "link:.."),
        Arguments.of("C13 dir into own subtree", "dir", "dir/nested/dir", "EINVAL", "EROFS", "dir/nested/file", "file:nested"),
        Arguments.of("C10 rename dot", ".", "moved", "EINVAL", "EINVAL", "file", "file:hello"),
        Arguments.of("rename to dot", "file", ".", "EINVAL", "EINVAL", "file", "file:hello"),
        Arguments.of("C03 source escapes", "../outside/secret.txt", "stolen", "EPERM", "EPERM", "stolen", "ENOENT"),
        Arguments.of("C03 target escapes", "file", "../escape", "EPERM", "EPERM", "file", "file:hello"),
        Arguments.of("B16 through trailing-slash link", "dir/link1/secret.txt", "stolen", "EPERM", "EPERM", "stolen", "ENOENT"),
        Arguments.of("C02 link out keeps its text", "esc", "renamed", "ok", "EROFS", "renamed/secret.txt", "EPERM"),
        Arguments.of("missing source", "missing", "x", "ENOENT", "ENOENT", "x", "ENOENT"),
        Arguments.of("file with trailing slash", "file/", "x", "ENOTDIR", "ENOTDIR", "file", "file:hello"),
        Arguments.of("same file twice", "file", "file", "ok", "ok", "file", "file:hello"),
        Arguments.of("hard link onto itself", "sym_file", "sym_file", "ok", "ok", "sym_file", "link:file"));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("renames")
  void rename_table(
      String rule, String from, String to, String writable, String readOnly, String check, String after) {
    assertEquals(expect(writable, readOnly), Outcome.ofVoid(() -> vfs.rename(root, p(from), root, p(to))));
    if (!readOnly()) {
      assertEquals(after, lookup(check, false));
    }
  }

  @Test
  void rename_dirWithRelativeLink_isCheckedAtUse() {
    // C01: x/y/l -> "../../file"; moving y up a level makes the link climb above the root.
    if (readOnly()) {
      assertEquals("EROFS", Outcome.ofVoid(() -> vfs.createDirectory(root, p("x"))));
      return;
    }
    vfs.createDirectory(root, p("x"));
    vfs.createDirectory(root, p("x/y"));
    vfs.symlink("../../file", root, p("x/y/l"));
    assertEquals("file:hello", lookup("x/y/l", true));
    vfs.rename(root, p("x/y"), root, p("y"));
    assertEquals("EPERM", lookup("y/l", true));
  }

  static Stream<Arguments> links() {
    return Stream.of(
        Arguments.of("file", "file", false, "hl", "ok", "EROFS"),
        Arguments.of("C08 directory", "dir", false, "hl", "EPERM", "EPERM"),
        Arguments.of("C05 source escapes", "../outside/secret.txt", false, "hl", "EPERM", "EPERM"),
        Arguments.of("C05 source through link out", "esc/secret.txt", false, "hl", "EPERM", "EPERM"),
        Arguments.of("C06 link out followed", "esc", true, "hl", "EPERM", "EPERM"),
        Arguments.of("C09 new name with slash", "file", false, "hl/", "ENOENT", "ENOENT"),
        Arguments.of("existing target", "file", false, "dir", "EEXIST", "EEXIST"),
        Arguments.of("target dot", "file", false, ".", "EEXIST", "EEXIST"),
        Arguments.of("missing source", "missing", false, "hl", "ENOENT", "ENOENT"),
        Arguments.of("target escapes", "file", false, "../hl", "EPERM", "EPERM"));
  }

  @ParameterizedTest(name = "{0}: {1} -> {3}")
  @MethodSource("links")
  void link_table(String rule, String from, boolean follow, String to, String writable, String readOnly) {
    assertEquals(expect(writable, readOnly), Outcome.ofVoid(() -> vfs.link(root, p(from), follow, root, p(to))));
  }

  @Test
  void link_file_sharesContent() {
    if (readOnly()) {
      return;
    }
    vfs.link(root, p("file"), false, root, p("hl"));
    try (OpenFile f = vfs.open(root, p("hl"), false, NONE, true, true).file()) {
      f.write(ByteBuffer.wrap("J".getBytes(StandardCharsets.UTF_8)), 0);
    }
    assertEquals("file:Jello", lookup("file", false));
    assertEquals(2, vfs.stat(root, p("file"), false).nlink());
  }

  @Test
  void link_symlinkNotFollowed_behavesAsTheLink() {
    // C06: linking an escaping symlink succeeds; following the new name still escapes nowhere.
    assertEquals(expect("ok", "EROFS"), Outcome.ofVoid(() -> vfs.link(root, p("esc"), false, root, p("hl"))));
    assertEquals(expect("EPERM", "ENOENT"), lookup("hl/secret.txt", false));
  }

  static Stream<Arguments> symlinks() {
    return Stream.of(
        Arguments.of("relative", "file", "l", "ok", "EROFS"),
        Arguments.of("B03 relative climbing out is stored", "../../outside/secret.txt", "l", "ok", "EROFS"),
        Arguments.of("B01 absolute", "/etc", "l", "EPERM", "EPERM"),
        Arguments.of("B02 root", "/", "l", "EPERM", "EPERM"),
        Arguments.of("B28 empty", "", "l", "ENOENT", "ENOENT"),
        Arguments.of("B29 NUL in target", "file\0x", "l", "EINVAL", "EINVAL"),
        Arguments.of("B30 huge target", "a/".repeat(40000), "l", "ENAMETOOLONG", "ENAMETOOLONG"),
        Arguments.of("C09 new name with slash", "source", "target/", "ENOENT", "ENOENT"),
        Arguments.of("C09 existing file with slash", "s", "file/", "ENOTDIR", "ENOTDIR"),
        Arguments.of("existing", "x", "file", "EEXIST", "EEXIST"),
        Arguments.of("dot", "x", ".", "EEXIST", "EEXIST"),
        Arguments.of("link path escapes", "x", "../l", "EPERM", "EPERM"),
        Arguments.of("B08 self loop", "l", "l", "ok", "EROFS"));
  }

  @ParameterizedTest(name = "{0}: {1} at {2}")
  @MethodSource("symlinks")
  void symlink_table(String rule, String target, String path, String writable, String readOnly) {
    assertEquals(expect(writable, readOnly), Outcome.ofVoid(() -> vfs.symlink(target, root, p(path))));
    if (writable.equals("ok") && !readOnly()) {
      assertEquals("link:" + target, lookup(path, false));
    }
  }

  static Stream<Arguments> readlinks() {
    return Stream.of(
        Arguments.of("B23 relative out is data", "rel_out", "../outside/secret.txt"),
        Arguments.of("B24 planted absolute", "abs", "EPERM"),
        Arguments.of("target with slash", "dir/link1", "evil/"),
        Arguments.of("not a link", "file", "EINVAL"),
        Arguments.of("missing", "missing", "ENOENT"),
        Arguments.of("B26 through link out", "esc/inner", "EPERM"),
        Arguments.of("link in the middle followed", "sym_dir/link1", "evil/"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("readlinks")
  void readlink_table(String rule, String path, String expected) {
    assertEquals(expected, Outcome.of(() -> vfs.readlink(root, p(path))));
  }

  static Stream<Arguments> setTimes() {
    return Stream.of(
        Arguments.of("file", "file", false, "ok", "EROFS"),
        Arguments.of("B32 through link out", "esc", true, "EPERM", "EPERM"),
        Arguments.of("link itself", "esc", false, "ok", "EROFS"),
        Arguments.of("missing", "missing", false, "ENOENT", "ENOENT"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("setTimes")
  void setTimes_table(String rule, String path, boolean follow, String writable, String readOnly) {
    assertEquals(
        expect(writable, readOnly),
        Outcome.ofVoid(() -> vfs.setTimes(root, p(path), follow, 1_000_000_123L, 2_000_000_456L)));
    if (writable.equals("ok") && !readOnly()) {
      FileStat st = vfs.stat(root, p(path), follow);
      assertEquals(1_000_000_123L, st.atimNs());
      assertEquals(2_000_000_456L, st.mtimNs());
    }
  }

  @Test
  void setTimes_omit_keepsOther() {
    if (readOnly()) {
      return;
    }
    vfs.setTimes(root, p("file"), false, 5_000L, 7_000L);
    vfs.setTimes(root, p("file"), false, Node.OMIT, 9_000L);
    FileStat st = vfs.stat(root, p("file"), false);
    assertEquals(5_000L, st.atimNs());
    assertEquals(9_000L, st.mtimNs());
  }

  // ---------------------------------------------------------------- stat, readdir, handles

  @Test
  void stat_reportsTypesSizesAndLinks() {
    FileStat file = vfs.stat(root, p("file"), false);
    assertEquals(FileType.REGULAR_FILE, file.type());
    assertEquals(5, file.size());
    assertEquals(1, file.nlink());
    FileStat link = vfs.stat(root, p("rel_out"), false);
    assertEquals(FileType.SYMBOLIC_LINK, link.type());
    assertEquals("../outside/secret.txt".length(), link.size());
    assertEquals(FileType.DIRECTORY, vfs.stat(root, p("dir"), false).type());
    assertEquals(file.ino(), vfs.stat(root, p("sym_file"), true).ino());
    assertEquals(root.volume().deviceId(), file.dev());
  }

  @Test
  void readdir_listsDotsThenSortedNames() {
    List<DirEntry> entries = vfs.readdir((DirectoryNode) vfs.node(root, p("dir"), false));
    assertEquals(
        List.of(".", "..", "evil", "link1", "nested"),
        entries.stream().map(DirEntry::name).collect(Collectors.toList()));
    assertEquals(FileType.SYMBOLIC_LINK, entries.get(2).type());
    assertEquals(FileType.DIRECTORY, entries.get(4).type());
    assertEquals(vfs.stat(root, p("dir/nested"), false).ino(), entries.get(4).ino());
  }

  @Test
  void readdir_sandboxHidesNothingOutside() {
    List<String> names = vfs.readdir(root).stream().map(DirEntry::name).collect(Collectors.toList());
    assertFalse(names.contains("outside"));
    assertFalse(names.contains("sandbox"));
    assertTrue(names.contains("file"));
  }

  @Test
  void openFile_followsFileAcrossRenameAndUnlink() {
    Opened o = vfs.open(root, p("dir/nested/file"), false, NONE, true, false);
    try (OpenFile f = o.file()) {
      if (!readOnly()) {
        vfs.rename(root, p("dir/nested/file"), root, p("moved"));
        vfs.unlinkFile(root, p("moved"));
      }
      assertEquals("nested", Outcome.content(f));
      assertEquals(6, f.stat().size());
      assertEquals(readOnly() ? 1 : 0, f.stat().nlink());
    }
  }

  @Test
  void openFile_readOnlyHandle_refusesWrites() {
    try (OpenFile f = vfs.open(root, p("file"), false, NONE, true, false).file()) {
      WasiException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              WasiException.class, () -> f.write(ByteBuffer.wrap(new byte[] {1}), 0));
      assertTrue(e.errno() == Errno.EBADF || e.errno() == Errno.EROFS, e.errno().name());
    }
    assertEquals("file:hello", lookup("file", false));
  }

  @Test
  void openFile_writeAtOffset_zeroFills() {
    if (readOnly()) {
      return;
    }
    try (OpenFile f = vfs.open(root, p("file"), false, NONE, true, true).file()) {
      f.write(ByteBuffer.wrap("!".getBytes(StandardCharsets.UTF_8)), 7);
      assertEquals(8, f.size());
      assertEquals("hello\0\0!", Outcome.content(f));
      f.setSize(2);
      assertEquals("he", Outcome.content(f));
    }
  }

  @Test
  void directoryHandle_rootIsItself() {
    // D13: a dir fd's root is the directory itself, never its parent.
    DirectoryNode d = (DirectoryNode) vfs.node(root, p("dir"), false);
    assertEquals("file:nested", Outcome.of(() -> Outcome.describe(vfs.node(d, p("nested/file"), false), root)));
    assertEquals("EPERM", Outcome.of(() -> Outcome.describe(vfs.node(d, p(".."), false), root)));
    assertEquals("EPERM", Outcome.of(() -> Outcome.describe(vfs.node(d, p("nested/../.."), false), root)));
  }

  @Test
  void directoryHandle_followsDirectoryAcrossRename() {
    // D13: a dir fd follows the object. The directory is the guest's own: an overlay refuses to
    // move a directory of its lower layer (EXDEV), which the rename table covers.
    if (readOnly()) {
      return;
    }
    vfs.createDirectory(root, p("mine"));
    vfs.createDirectory(root, p("mine/sub"));
    vfs.open(root, p("mine/sub/f"), false, CREATE, false, true).file().close();
    DirectoryNode d = (DirectoryNode) vfs.node(root, p("mine"), false);
    vfs.rename(root, p("mine"), root, p("moved"));
    assertEquals("file:", Outcome.of(() -> Outcome.describe(vfs.node(d, p("sub/f"), false), root)));
    assertEquals("EPERM", Outcome.of(() -> Outcome.describe(vfs.node(d, p(".."), false), root)));
  }

  @Test
  void directoryHandle_removedDirectory_refusesCreate() {
    if (readOnly()) {
      return;
    }
    vfs.createDirectory(root, p("gone"));
    DirectoryNode d = (DirectoryNode) vfs.node(root, p("gone"), false);
    vfs.removeDirectory(root, p("gone"));
    assertEquals("ENOENT", Outcome.of(() -> vfs.open(d, p("x"), false, CREATE, false, true).toString()));
  }
}
