package dev.wasibox.host.integration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.host.run.RunHarness;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.vfs.FileStat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code fsutil} guest (guests/README.md) through wasi-libc's POSIX layer, every subcommand,
 * against a preopen {@code /work} that is a memory volume, an overlay of a host directory, or a
 * read-only host directory. Each row runs on a fresh copy of the fixture and checks stdout,
 * stderr, the exit code, the tree left in the volume (read through the node SPI), and that the
 * host directory is exactly as it was (content, links, types, modes, inodes, mtimes and ctimes).
 *
 * <pre>
 * base/
 *   secret.txt = "HOST-SECRET"     beside the mount: never readable
 *   work/                          preopened as /work
 *     docs/
 *       a.txt = "alpha"
 *       sub/
 *         b.txt = "beta"
 *     empty/
 *     hello.txt = "hello\n"
 *     link -> hello.txt
 *     out -> ../secret.txt         planted, escapes the mount
 * </pre>
 *
 * On HOST_RO every mutation fails with {@code Read-only file system (errno 69)}; a failed
 * command ends the chain, so what follows it never runs.
 */
class FsutilOnBackendsTest {
  private static final Tree FIXTURE =
      Tree.of(
          Tree.dir("docs"),
          Tree.file("docs/a.txt", "alpha"),
          Tree.dir("docs/sub"),
          Tree.file("docs/sub/b.txt", "beta"),
          Tree.dir("empty"),
          Tree.file("hello.txt", "hello\n"),
          Tree.link("link", "hello.txt"),
          Tree.link("out", "../secret.txt"));

  /** The fixture as {@link VfsTree#dump} lists it. */
  private static final String FIXTURE_TREE =
      """
      d docs
      f docs/a.txt "alpha"
      d docs/sub
      f docs/sub/b.txt "beta"
      d empty
      f hello.txt "hello\\x0a"
      l link -> hello.txt
      l out -> ../secret.txt
      """;

  private static final String SEEK_TEST_OUTPUT =
      """
      write 10
      lseek-set-2 2
      read-3 "234"
      tell 5
      lseek-cur+2 7
      lseek-end-3 7
      pread-4@1 "1234"
      tell 7
      pwrite-3@0 3
      tell 7
      lseek-end+5 15
      write-X 1
      size 16
      pread-16@0 "abc3456789\\x00\\x00\\x00\\x00\\x00X"
      lseek-set-neg errno=28
      lseek-bad-whence errno=28
      ftruncate-4 ok
      size 4
      tell 16
      fsync ok
      fdatasync ok
      posix_fallocate-0-100 ok
      size 100
      posix_fadvise ok
      posix_fadvise-bad errno=28
      pread-8@0 "abc3\\x00\\x00\\x00\\x00"
      close ok
      """;

  /**
   * What one run must give.
   *
   * @param exit the exit code
   * @param stdout the exact stdout
   * @param stderr the exact stderr
   * @param tree edits of {@link #FIXTURE_TREE} (see {@link ExpectedTree}) giving the tree after
   */
  record Outcome(int exit, String stdout, String stderr, List<String> tree) {}

  /**
   * One row: the command line (split on spaces), what it gives on a writable volume, and where
   * they differ, on an overlay and on a read-only host directory (null: same as writable; for
   * HOST_RO the tree is always the fixture).
   */
  record Scenario(String name, String command, Outcome writable, @Nullable Outcome overlay, @Nullable Outcome readOnly) {
    Outcome on(Backend b) {
      Outcome o = switch (b) {
        case MEMORY -> writable;
        case OVERLAY -> overlay;
        case HOST_RO -> readOnly;
      };
      return o != null ? o : writable;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Outcome ok(String stdout, String... tree) {
    return new Outcome(0, stdout, "", List.of(tree));
  }

  private static Outcome fails(int exit, String stdout, String stderr, String... tree) {
    return new Outcome(exit, stdout, stderr, List.of(tree));
  }

  private static Outcome erofs(String command, String path) {
    return fails(1, "", "fsutil: " + command + " " + path + ": Read-only file system (errno 69)\n");
  }

  private static Scenario row(String name, String command, Outcome writable) {
    return new Scenario(name, command, writable, null, null);
  }

  private static Scenario row(String name, String command, Outcome writable, Outcome readOnly) {
    return new Scenario(name, command, writable, null, readOnly);
  }

  static List<Scenario> scenarios() {
    return List.of(
        row("cat", "cat /work/hello.txt ; cat /work/docs/a.txt", ok("hello\nalpha")),
        row("cat through a symlink", "cat /work/link", ok("hello\n")),
        row(
            "cat missing",
            "cat /work/nope",
            fails(1, "", "fsutil: cat /work/nope: No such file or directory (errno 44)\n")),
        row(
            "write new file",
            "write /work/new.txt fresh ; cat /work/new.txt",
            ok("fresh", "+f new.txt \"fresh\""),
            erofs("write", "/work/new.txt")),
        row(
            "write over a fixture file",
            "write /work/docs/a.txt ALPHA ; cat /work/docs/a.txt",
            ok("ALPHA", "=f docs/a.txt \"ALPHA\""),
            erofs("write", "/work/docs/a.txt")),
        row(
            "append",
            "append /work/hello.txt world ; cat /work/hello.txt",
            ok("hello\nworld", "=f hello.txt \"hello\\x0aworld\""),
            erofs("append", "/work/hello.txt")),
        row(
            "append creates",
            "append /work/docs/sub/c.txt gamma ; append /work/docs/sub/c.txt ! ; cat /work/docs/sub/c.txt",
            ok("gamma!", "+f docs/sub/c.txt \"gamma!\""),
            erofs("append", "/work/docs/sub/c.txt")),
        row(
            "cp",
            "cp /work/docs/a.txt /work/empty/copy.txt ; cat /work/empty/copy.txt",
            ok("alpha", "+f empty/copy.txt \"alpha\""),
            erofs("cp", "/work/empty/copy.txt")),
        row(
            "ls",
            "ls /work ; ls /work/docs ; ls /work/empty",
            ok("d docs\nd empty\nf hello.txt\nl link\nl out\nf a.txt\nd sub\n")),
        row("ls-raw", "ls-raw /work/docs", ok("d .\nd ..\nf a.txt\nd sub\n")),
        row(
            "mkdir",
            "mkdir /work/newdir ; ls /work",
            ok("d docs\nd empty\nf hello.txt\nl link\nd newdir\nl out\n", "+d newdir"),
            erofs("mkdir", "/work/newdir")),
        row(
            // EEXIST comes before EROFS, as on Linux (mkdir -p works on a read-only mount).
            "mkdir existing",
            "mkdir /work/docs",
            fails(1, "", "fsutil: mkdir /work/docs: File exists (errno 20)\n")),
        row(
            "mkdir-p",
            "mkdir-p /work/x/y/z ; tree /work/x",
            ok("d y\nd y/z\n", "+d x", "+d x/y", "+d x/y/z"),
            erofs("mkdir-p", "/work/x")),
        row("mkdir-p existing", "mkdir-p /work/docs/sub", ok("")),
        row(
            "rm file",
            "rm /work/hello.txt ; ls /work",
            ok("d docs\nd empty\nl link\nl out\n", "-hello.txt"),
            erofs("rm", "/work/hello.txt")),
        row(
            "rm symlink removes the link only",
            "rm /work/link ; cat /work/hello.txt",
            ok("hello\n", "-link"),
            erofs("rm", "/work/link")),
        row(
            // The type check comes first on every backend (Linux would say EROFS on a ro mount).
            "rm directory",
            "rm /work/docs",
            fails(1, "", "fsutil: rm /work/docs: Is a directory (errno 31)\n")),
        row(
            "rmdir",
            "rmdir /work/empty ; ls /work",
            ok("d docs\nf hello.txt\nl link\nl out\n", "-empty"),
            erofs("rmdir", "/work/empty")),
        row(
            "rmdir not empty",
            "rmdir /work/docs",
            fails(1, "", "fsutil: rmdir /work/docs: Directory not empty (errno 55)\n"),
            erofs("rmdir", "/work/docs")),
        row(
            "mv file",
            "mv /work/docs/a.txt /work/a2.txt ; ls /work/docs ; cat /work/a2.txt",
            ok("d sub\nalpha", "-docs/a.txt", "+f a2.txt \"alpha\""),
            fails(1, "", "fsutil: mv /work/docs/a.txt /work/a2.txt: Read-only file system (errno 69)\n")),
        new Scenario(
            // Renaming a directory of the lower layer is EXDEV on an overlay (DESIGN.md, overlayfs).
            "mv directory",
            "mv /work/docs /work/moved ; tree /work/moved",
            ok(
                "f a.txt 5\nd sub\nf sub/b.txt 4\n",
                "-docs", "-docs/a.txt", "-docs/sub", "-docs/sub/b.txt",
                "+d moved", "+f moved/a.txt \"alpha\"", "+d moved/sub", "+f moved/sub/b.txt \"beta\""),
            fails(1, "", "fsutil: mv /work/docs /work/moved: Cross-device link (errno 75)\n"),
            fails(1, "", "fsutil: mv /work/docs /work/moved: Read-only file system (errno 69)\n")),
        new Scenario(
            "mv directory created in the run",
            "mkdir /work/d ; write /work/d/f x ; mv /work/d /work/e ; tree /work/e",
            ok("f f 1\n", "+d e", "+f e/f \"x\""),
            null,
            erofs("mkdir", "/work/d")),
        row(
            "ln",
            "ln /work/hello.txt /work/hard ; stat /work/hard ; append /work/hard ! ; cat /work/hello.txt",
            ok(
                "type=file size=6 nlink=2\nhello\n!",
                "=f hello.txt \"hello\\x0a!\"", "+f hard \"hello\\x0a!\""),
            fails(1, "", "fsutil: ln /work/hello.txt /work/hard: Read-only file system (errno 69)\n")),
        row(
            "ln-s",
            "ln-s docs/a.txt /work/sl ; readlink /work/sl ; cat /work/sl",
            ok("docs/a.txt\nalpha", "+l sl -> docs/a.txt"),
            fails(1, "", "fsutil: ln-s docs/a.txt /work/sl: Read-only file system (errno 69)\n")),
        row("readlink", "readlink /work/link ; readlink /work/out", ok("hello.txt\n../secret.txt\n")),
        row(
            "readlink of a file",
            "readlink /work/hello.txt",
            fails(1, "", "fsutil: readlink /work/hello.txt: Invalid argument (errno 28)\n")),
        row(
            "stat and lstat",
            "stat /work/link ; lstat /work/link ; lstat /work/hello.txt",
            ok("type=file size=6 nlink=1\ntype=symlink size=9 nlink=1\ntype=file size=6 nlink=1\n")),
        row(
            "truncate",
            "truncate /work/hello.txt 2 ; cat /work/hello.txt ; truncate /work/docs/a.txt 7 ; cat /work/docs/a.txt",
            ok("healpha\0\0", "=f hello.txt \"he\"", "=f docs/a.txt \"alpha\\x00\\x00\""),
            erofs("truncate", "/work/hello.txt")),
        row("touch", "touch /work/hello.txt 1000000", ok(""), erofs("touch", "/work/hello.txt")),
        row(
            "tree",
            "tree /work",
            ok("d docs\nf docs/a.txt 5\nd docs/sub\nf docs/sub/b.txt 4\nd empty\nf hello.txt 6\n"
                + "l link -> hello.txt\nl out -> ../secret.txt\n")),
        row(
            "seek-test",
            "seek-test /work/seek.bin",
            ok(SEEK_TEST_OUTPUT, "+f seek.bin \"abc3" + "\\x00".repeat(96) + "\""),
            erofs("seek-test", "/work/seek.bin")),
        row("find-preopens", "find-preopens", ok("3 /work\n")),
        row(
            "escape by dot-dot",
            "cat /work/../secret.txt",
            fails(1, "", "fsutil: cat /work/../secret.txt: Operation not permitted (errno 63)\n")),
        row(
            "escape by a planted symlink",
            "cat /work/out",
            fails(1, "", "fsutil: cat /work/out: Operation not permitted (errno 63)\n")),
        row(
            "escape by a guest symlink",
            "ln-s ../../secret.txt /work/docs/up ; cat /work/docs/up",
            fails(1, "", "fsutil: cat /work/docs/up: Operation not permitted (errno 63)\n", "+l docs/up -> ../../secret.txt"),
            fails(1, "", "fsutil: ln-s ../../secret.txt /work/docs/up: Read-only file system (errno 69)\n")),
        row(
            // wasi-libc finds no preopen for the path and fails without calling the host.
            "escape by an absolute path",
            "cat /etc/passwd",
            fails(1, "", "fsutil: cat /etc/passwd: Capabilities insufficient (errno 76)\n")),
        row(
            "chain stops at the first failure",
            "write /work/one 1 ; cat /work/nope ; write /work/two 2",
            fails(1, "", "fsutil: cat /work/nope: No such file or directory (errno 44)\n", "+f one \"1\""),
            erofs("write", "/work/one")),
        row(
            "usage error",
            "frobnicate /work",
            fails(2, "", "fsutil: usage: unknown command 'frobnicate'\n")));
  }

  static Stream<Arguments> rows() {
    List<Arguments> out = new ArrayList<>();
    for (Scenario s : scenarios()) {
      for (Backend b : Backend.values()) {
        out.add(Arguments.of(b, s));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("rows")
  void fsutil_onBackend_givesDocumentedOutputTreeAndLeavesHostUnchanged(
      Backend backend, Scenario scenario, @TempDir Path base) throws Exception {
    Outcome want = scenario.on(backend);
    String wantTree =
        backend.writable() ? ExpectedTree.apply(FIXTURE_TREE, want.tree().toArray(String[]::new)) : FIXTURE_TREE;
    try (Backend.Mounted m = backend.mount(base, "work", FIXTURE)) {
      RunHarness.Run run = fsutil(m, scenario.command());
      assertAll(
          () -> assertEquals(Verdict.OK, run.result().verdict(), run.result()::toString),
          () -> assertEquals(want.exit(), run.result().exitCode(), "exit code"),
          () -> assertEquals(want.stdout(), run.stdout(), "stdout"),
          () -> assertEquals(want.stderr(), run.stderr(), "stderr"),
          () -> assertEquals(wantTree, VfsTree.dump(m.root()), "tree after the run"),
          m::assertHostUnchanged);
    }
  }

  /** {@code touch} sets both times exactly, whatever backs the file (the table checks HOST_RO). */
  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"MEMORY", "OVERLAY"})
  void touch_writableBackend_setsAtimeAndMtimeToTheSecond(Backend backend, @TempDir Path base)
      throws Exception {
    try (Backend.Mounted m = backend.mount(base, "work", FIXTURE)) {
      RunHarness.Run run = fsutil(m, "touch /work/hello.txt 1000000 ; touch /work/docs 2000000");
      assertEquals(0, run.result().exitCode(), run::toString);
      FileStat file = m.root().lookup("hello.txt").stat();
      FileStat dir = m.root().lookup("docs").stat();
      assertAll(
          () -> assertEquals(1_000_000_000_000_000L, file.atimNs(), "file atime"),
          () -> assertEquals(1_000_000_000_000_000L, file.mtimNs(), "file mtime"),
          () -> assertEquals(2_000_000_000_000_000L, dir.mtimNs(), "dir mtime"),
          () -> assertEquals(FIXTURE_TREE, VfsTree.dump(m.root())),
          m::assertHostUnchanged);
    }
  }

  private static RunHarness.Run fsutil(Backend.Mounted m, String command) {
    return RunHarness.run(
        "fsutil", RunLimits.DEFAULT, List.of(command.split(" ")), b -> b.preopen("/work", m.root()));
  }
}
