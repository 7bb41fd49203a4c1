package dev.wasibox.host.syscalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.host.Abi;
import dev.wasibox.host.HostHarness;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.SymlinkNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code path_*} functions other than {@code path_open}, through the ABI: one table row per
 * documented errno and per attack-corpus case the function can express. Every failing row also
 * checks that neither the sandbox nor {@code outside/} changed.
 *
 * <p>Fixture: the standard tree of {@link HostHarness} plus {@code /other} (fd 4) and the
 * read-only {@code /ro} (fd 5); see {@link PathOpenTest} for those two. In rows, fd 6 is {@code
 * /sandbox/file} opened as a file, fd 7 means fd 3 after its base rights were narrowed to {@code
 * FD_READDIR} alone, 10 is not open and -1 is negative. A {@code String} or {@code byte[]}
 * argument is written to guest memory and passed as {@code (ptr, len)}; {@link #BUF} is a fresh
 * 64-byte result buffer.
 */
class PathSyscallsTest {
  private static final long MEM = 65536 * 2;
  private static final long WILD = 0xFFFF_FFF0L;
  private static final int FOLLOW = 1;
  private static final Object BUF = new Object();
  private static final long T = 1_600_000_000_000_000_000L;

  private static HostHarness harness() {
    return HostHarness.builder().pages(2).withOther().withReadOnly().build();
  }

  private static Arguments row(String name, String fn, Errno errno, Object... args) {
    return Arguments.of(name, fn, args, errno);
  }

  /** Runs {@code fn} with the row's arguments in {@code h}. */
  static Errno run(HostHarness h, String fn, Object[] args) {
    List<Long> raw = new ArrayList<>();
    for (Object a : args) {
      if (a == BUF) {
        raw.add(h.alloc(64));
      } else if (a instanceof String s) {
        HostHarness.Ptr p = h.str(s);
        raw.add(p.ptr());
        raw.add(p.len());
      } else if (a instanceof byte[] b) {
        HostHarness.Ptr p = h.bytes(b);
        raw.add(p.ptr());
        raw.add(p.len());
      } else if (a instanceof Integer i && i == 7) {
        raw.add(3L);
      } else {
        raw.add(((Number) a).longValue());
      }
    }
    return h.call(fn, raw.stream().mapToLong(Long::longValue).toArray());
  }

  static Stream<Arguments> rows() {
    byte[] ff = {(byte) 0xFF};
    byte[] nul = "x\0y".getBytes(StandardCharsets.UTF_8);
    String longName = "x".repeat(256);
    return Stream.of(
        // path_create_directory(fd, path)
        row("mkdir new", "path_create_directory", Errno.SUCCESS, 3, "new"),
        row("mkdir nested new", "path_create_directory", Errno.SUCCESS, 3, "dir/nested/new"),
        row("mkdir existing", "path_create_directory", Errno.EEXIST, 3, "dir"),
        row("mkdir over file", "path_create_directory", Errno.EEXIST, 3, "file"),
        row("mkdir dot (C17)", "path_create_directory", Errno.EEXIST, 3, "."),
        row("mkdir dotdot", "path_create_directory", Errno.EPERM, 3, "../x"),
        row("mkdir absolute", "path_create_directory", Errno.EPERM, 3, "/x"),
        row("mkdir empty", "path_create_directory", Errno.ENOENT, 3, ""),
        row("mkdir NUL (A18)", "path_create_directory", Errno.EINVAL, 3, nul),
        row("mkdir invalid UTF-8", "path_create_directory", Errno.EILSEQ, 3, ff),
        row("mkdir missing parent", "path_create_directory", Errno.ENOENT, 3, "missing/x"),
        row("mkdir under file", "path_create_directory", Errno.ENOTDIR, 3, "file/x"),
        row("mkdir through escaping link (B33)", "path_create_directory", Errno.EPERM, 3, "esc/pwned"),
        row("mkdir through nested escaping link (B33)", "path_create_directory", Errno.EPERM, 3, "dir/evil/deep"),
        row("mkdir long name (A25)", "path_create_directory", Errno.ENAMETOOLONG, 3, longName),
        row("mkdir read-only (C14)", "path_create_directory", Errno.EROFS, 5, "d"),
        row("mkdir no right", "path_create_directory", Errno.ENOTCAPABLE, 7, "new"),
        row("mkdir file fd", "path_create_directory", Errno.ENOTDIR, 6, "new"),
        row("mkdir closed fd", "path_create_directory", Errno.EBADF, 10, "new"),
        row("mkdir negative fd", "path_create_directory", Errno.EBADF, -1, "new"),
        row("mkdir path wild", "path_create_directory", Errno.EFAULT, 3, WILD, 3L),
        row("mkdir path huge length", "path_create_directory", Errno.ENAMETOOLONG, 3, 0x100L, 0x7FFF_FFF0L),
        // path_filestat_get(fd, flags, path, buf)
        row("stat file", "path_filestat_get", Errno.SUCCESS, 3, 0, "file", BUF),
        row("stat link no follow (B24)", "path_filestat_get", Errno.SUCCESS, 3, 0, "abs", BUF),
        row("stat absolute link followed (B01)", "path_filestat_get", Errno.EPERM, 3, FOLLOW, "abs", BUF),
        row("stat escaping link followed (B31)", "path_filestat_get", Errno.EPERM, 3, FOLLOW, "rel_out", BUF),
        row("stat escaping link no follow (B31)", "path_filestat_get", Errno.SUCCESS, 3, 0, "rel_out", BUF),
        row("stat root spelling (A28)", "path_filestat_get", Errno.EPERM, 3, 0, "/", BUF),
        row("stat root spelling follow (A28)", "path_filestat_get", Errno.EPERM, 3, FOLLOW, "/", BUF),
        row("stat /etc (A28)", "path_filestat_get", Errno.EPERM, 3, 0, "/etc", BUF),
        row("stat dotdot", "path_filestat_get", Errno.EPERM, 3, 0, "..", BUF),
        row("stat loop followed (B09)", "path_filestat_get", Errno.ELOOP, 3, FOLLOW, "loop", BUF),
        row("stat missing", "path_filestat_get", Errno.ENOENT, 3, 0, "missing", BUF),
        row("stat file slash", "path_filestat_get", Errno.ENOTDIR, 3, 0, "file/", BUF),
        row("stat link to dir with slash (B17)", "path_filestat_get", Errno.SUCCESS, 3, 0, "sym_dir/", BUF),
        row("stat empty", "path_filestat_get", Errno.ENOENT, 3, 0, "", BUF),
        row("stat NUL", "path_filestat_get", Errno.EINVAL, 3, 0, nul, BUF),
        row("stat invalid UTF-8", "path_filestat_get", Errno.EILSEQ, 3, 0, ff, BUF),
        row("stat from file fd (D06)", "path_filestat_get", Errno.ENOTDIR, 6, 0, "..", BUF),
        row("stat no right", "path_filestat_get", Errno.ENOTCAPABLE, 7, 0, "file", BUF),
        row("stat closed fd", "path_filestat_get", Errno.EBADF, 10, 0, "file", BUF),
        row("stat buf wild", "path_filestat_get", Errno.EFAULT, 3, 0, "file", WILD),
        row("stat buf straddles end", "path_filestat_get", Errno.EFAULT, 3, 0, "file", MEM - 63),
        row("stat buf last slot", "path_filestat_get", Errno.SUCCESS, 3, 0, "file", MEM - 64),
        row("stat read-only", "path_filestat_get", Errno.SUCCESS, 5, 0, "rdir/x", BUF),
        // path_filestat_set_times(fd, flags, path, atim, mtim, fst_flags)
        row("utimes file", "path_filestat_set_times", Errno.SUCCESS, 3, 0, "file", 1L, 2L, 1 | 4),
        row("utimes bad flags", "path_filestat_set_times", Errno.EINVAL, 3, 0, "file", 1L, 2L, 1 | 2),
        row("utimes undefined flag", "path_filestat_set_times", Errno.EINVAL, 3, 0, "file", 1L, 2L, 16),
        row("utimes through escaping link (B32)", "path_filestat_set_times", Errno.EPERM, 3, FOLLOW, "esc", 1L, 2L, 5),
        row("utimes read-only (C14)", "path_filestat_set_times", Errno.EROFS, 5, 0, "r.txt", 1L, 2L, 5),
        row("utimes missing", "path_filestat_set_times", Errno.ENOENT, 3, 0, "missing", 1L, 2L, 5),
        row("utimes no right", "path_filestat_set_times", Errno.ENOTCAPABLE, 7, 0, "file", 1L, 2L, 5),
        row("utimes closed", "path_filestat_set_times", Errno.EBADF, 10, 0, "file", 1L, 2L, 5),
        row("utimes path wild", "path_filestat_set_times", Errno.EFAULT, 3, 0, WILD, 4L, 1L, 2L, 5),
        // path_link(old_fd, old_flags, old_path, new_fd, new_path)
        row("link file", "path_link", Errno.SUCCESS, 3, 0, "file", 3, "hl"),
        row("link escaping symlink itself (C06)", "path_link", Errno.SUCCESS, 3, 0, "esc", 3, "hl"),
        row("link directory (C08)", "path_link", Errno.EPERM, 3, 0, "dir", 3, "dl"),
        row("link onto existing", "path_link", Errno.EEXIST, 3, 0, "file", 3, "dir"),
        row("link new name trailing slash (C09)", "path_link", Errno.ENOENT, 3, 0, "file", 3, "link/"),
        row("link source trailing slash", "path_link", Errno.ENOTDIR, 3, 0, "file/", 3, "x"),
        row("link missing", "path_link", Errno.ENOENT, 3, 0, "missing", 3, "x"),
        row("link outside source (C05)", "path_link", Errno.EPERM, 3, 0, "../outside/secret.txt", 3, "hl"),
        row("link through escaping link (C05)", "path_link", Errno.EPERM, 3, 0, "esc/secret.txt", 3, "hl"),
        row("link following escaping link", "path_link", Errno.EPERM, 3, FOLLOW, "rel_out", 3, "hl"),
        row("link outside target", "path_link", Errno.EPERM, 3, 0, "file", 3, "../outside/hl"),
        row("link across volumes (C04)", "path_link", Errno.EXDEV, 3, 0, "file", 4, "y"),
        row("link read-only into writable (C07)", "path_link", Errno.EXDEV, 5, 0, "r.txt", 3, "w"),
        row("link within read-only (C14)", "path_link", Errno.EROFS, 5, 0, "r.txt", 5, "h"),
        row("link no right", "path_link", Errno.ENOTCAPABLE, 7, 0, "file", 7, "hl"),
        row("link new fd is a file", "path_link", Errno.ENOTDIR, 3, 0, "file", 6, "hl"),
        row("link old fd closed", "path_link", Errno.EBADF, 10, 0, "file", 3, "hl"),
        row("link new fd closed", "path_link", Errno.EBADF, 3, 0, "file", 10, "hl"),
        row("link new path wild", "path_link", Errno.EFAULT, 3, 0, "file", 3, WILD, 2L),
        // path_readlink(fd, path, buf, buf_len, bufused)
        row("readlink", "path_readlink", Errno.SUCCESS, 3, "sym_file", BUF, 64L, BUF),
        row("readlink relative outward (B23)", "path_readlink", Errno.SUCCESS, 3, "rel_out", BUF, 64L, BUF),
        row("readlink absolute (B24)", "path_readlink", Errno.EPERM, 3, "abs", BUF, 64L, BUF),
        row("readlink through escaping parent (B26)", "path_readlink", Errno.EPERM, 3, "esc/inner", BUF, 64L, BUF),
        row("readlink not a link", "path_readlink", Errno.EINVAL, 3, "file", BUF, 64L, BUF),
        row("readlink directory", "path_readlink", Errno.EINVAL, 3, "dir", BUF, 64L, BUF),
        row("readlink missing", "path_readlink", Errno.ENOENT, 3, "missing", BUF, 64L, BUF),
        row("readlink no right", "path_readlink", Errno.ENOTCAPABLE, 7, "sym_file", BUF, 64L, BUF),
        row("readlink file fd", "path_readlink", Errno.ENOTDIR, 6, "sym_file", BUF, 64L, BUF),
        row("readlink closed", "path_readlink", Errno.EBADF, 10, "sym_file", BUF, 64L, BUF),
        row("readlink bufused wild", "path_readlink", Errno.EFAULT, 3, "sym_file", BUF, 64L, WILD),
        row("readlink buf wild", "path_readlink", Errno.EFAULT, 3, "sym_file", WILD, 64L, BUF),
        row("readlink zero-length buffer", "path_readlink", Errno.SUCCESS, 3, "sym_file", BUF, 0L, BUF),
        row("readlink zero-length buffer at wild pointer", "path_readlink", Errno.EFAULT, 3, "sym_file", WILD, 0L, BUF),
        // path_remove_directory(fd, path)
        row("rmdir empty", "path_remove_directory", Errno.SUCCESS, 3, "empty"),
        row("rmdir non-empty", "path_remove_directory", Errno.ENOTEMPTY, 3, "dir"),
        row("rmdir file (C11)", "path_remove_directory", Errno.ENOTDIR, 3, "file"),
        row("rmdir file slash (C11)", "path_remove_directory", Errno.ENOTDIR, 3, "file/"),
        row("rmdir link to dir", "path_remove_directory", Errno.ENOTDIR, 3, "sym_dir"),
        row("rmdir dot (C10)", "path_remove_directory", Errno.EINVAL, 3, "."),
        row("rmdir dotdot (C10)", "path_remove_directory", Errno.EPERM, 3, ".."),
        row("rmdir through escaping link (B34)", "path_remove_directory", Errno.EPERM, 3, "esc/dir"),
        row("rmdir missing", "path_remove_directory", Errno.ENOENT, 3, "missing"),
        row("rmdir read-only (C14)", "path_remove_directory", Errno.EROFS, 5, "rdir"),
        row("rmdir no right", "path_remove_directory", Errno.ENOTCAPABLE, 7, "empty"),
        row("rmdir closed", "path_remove_directory", Errno.EBADF, 10, "empty"),
        // path_rename(fd, old_path, new_fd, new_path)
        row("rename file", "path_rename", Errno.SUCCESS, 3, "file", 3, "renamed"),
        row("rename onto itself", "path_rename", Errno.SUCCESS, 3, "file", 3, "file"),
        row("rename missing", "path_rename", Errno.ENOENT, 3, "missing", 3, "x"),
        row("rename dir onto file (C12)", "path_rename", Errno.ENOTDIR, 3, "empty", 3, "file"),
        row("rename file onto dir (C12)", "path_rename", Errno.EISDIR, 3, "file", 3, "empty"),
        row("rename dir onto non-empty (C12)", "path_rename", Errno.ENOTEMPTY, 3, "empty", 3, "dir"),
        row("rename into own subtree (C13)", "path_rename", Errno.EINVAL, 3, "dir", 3, "dir/nested/dir"),
        row("rename dot (C10)", "path_rename", Errno.EINVAL, 3, ".", 3, "moved"),
        row("rename source outside (C03)", "path_rename", Errno.EPERM, 3, "../outside/secret.txt", 3, "stolen"),
        row("rename target outside (C03)", "path_rename", Errno.EPERM, 3, "file", 3, "../escape"),
        row("rename through escaping link (B16)", "path_rename", Errno.EPERM, 3, "dir/evil/secret.txt", 3, "stolen"),
        row("rename across volumes (C04)", "path_rename", Errno.EXDEV, 3, "file", 4, "file"),
        row("rename read-only to writable (C04)", "path_rename", Errno.EXDEV, 5, "r.txt", 3, "r.txt"),
        row("rename within read-only (C14)", "path_rename", Errno.EROFS, 5, "r.txt", 5, "s.txt"),
        row("rename source slash on file", "path_rename", Errno.ENOTDIR, 3, "file/", 3, "x"),
        row("rename no right", "path_rename", Errno.ENOTCAPABLE, 7, "file", 7, "x"),
        row("rename closed", "path_rename", Errno.EBADF, 10, "file", 3, "x"),
        row("rename new fd file", "path_rename", Errno.ENOTDIR, 3, "file", 6, "x"),
        // path_symlink(old_path, fd, new_path)
        row("symlink", "path_symlink", Errno.SUCCESS, "file", 3, "l"),
        row("symlink relative outward is stored (B03)", "path_symlink", Errno.SUCCESS, "../../outside/secret.txt", 3, "l"),
        row("symlink dangling", "path_symlink", Errno.SUCCESS, "nowhere", 3, "l"),
        row("symlink absolute (B01)", "path_symlink", Errno.EPERM, "/etc", 3, "l"),
        row("symlink to root (B02)", "path_symlink", Errno.EPERM, "/", 3, "root"),
        row("symlink empty target (B28)", "path_symlink", Errno.ENOENT, "", 3, "e"),
        row("symlink NUL in target (B29)", "path_symlink", Errno.EINVAL, "t\0x".getBytes(StandardCharsets.UTF_8), 3, "l"),
        row("symlink NUL in name (A18)", "path_symlink", Errno.EINVAL, "t", 3, nul),
        row("symlink invalid UTF-8 target", "path_symlink", Errno.EILSEQ, ff, 3, "l"),
        row("symlink huge target (B30)", "path_symlink", Errno.ENAMETOOLONG, "a/".repeat(2100), 3, "l"),
        row("symlink target length wild", "path_symlink", Errno.ENAMETOOLONG, 0x100L, 0x7FFF_FFF0L, 3, "l"),
        row("symlink target pointer wild", "path_symlink", Errno.EFAULT, WILD, 4L, 3, "l"),
        row("symlink existing name", "path_symlink", Errno.EEXIST, "x", 3, "file"),
        row("symlink self-named dot", "path_symlink", Errno.EEXIST, "x", 3, "."),
        row("symlink new name trailing slash (C09)", "path_symlink", Errno.ENOENT, "source", 3, "target/"),
        row("symlink existing file trailing slash (C09)", "path_symlink", Errno.ENOTDIR, "s", 3, "file/"),
        row("symlink missing parent", "path_symlink", Errno.ENOENT, "x", 3, "missing/l"),
        row("symlink name outside", "path_symlink", Errno.EPERM, "x", 3, "../outside/l"),
        row("symlink read-only (C14)", "path_symlink", Errno.EROFS, "x", 5, "s"),
        row("symlink no right", "path_symlink", Errno.ENOTCAPABLE, "x", 7, "l"),
        row("symlink closed", "path_symlink", Errno.EBADF, "x", 10, "l"),
        // path_unlink_file(fd, path)
        row("unlink file", "path_unlink_file", Errno.SUCCESS, 3, "file"),
        row("unlink escaping link itself (B34)", "path_unlink_file", Errno.SUCCESS, 3, "esc"),
        row("unlink dir (C11)", "path_unlink_file", Errno.EISDIR, 3, "dir"),
        row("unlink dir slash (C11)", "path_unlink_file", Errno.EISDIR, 3, "dir/"),
        row("unlink file slash (C11)", "path_unlink_file", Errno.ENOTDIR, 3, "file/"),
        row("unlink dot (C10)", "path_unlink_file", Errno.EISDIR, 3, "."),
        row("unlink through escaping link (B34)", "path_unlink_file", Errno.EPERM, 3, "esc/secret.txt"),
        row("unlink outside", "path_unlink_file", Errno.EPERM, 3, "../outside/secret.txt"),
        row("unlink missing", "path_unlink_file", Errno.ENOENT, 3, "missing"),
        row("unlink empty (A12)", "path_unlink_file", Errno.ENOENT, 3, ""),
        row("unlink read-only (C14)", "path_unlink_file", Errno.EROFS, 5, "r.txt"),
        row("unlink no right", "path_unlink_file", Errno.ENOTCAPABLE, 7, "file"),
        row("unlink closed", "path_unlink_file", Errno.EBADF, 10, "file"),
        row("unlink path straddles end", "path_unlink_file", Errno.EFAULT, 3, MEM - 2, 4L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void pathSyscall_table(String name, String fn, Object[] args, Errno errno) {
    HostHarness h = harness();
    assertEquals(6, h.openFile("file", false));
    if (List.of(args).contains(7)) {
      assertEquals(Errno.SUCCESS, h.call("fd_fdstat_set_rights", 3, HostHarness.rights(Right.FD_READDIR), Rights.ALL.bits()));
    }
    String sandboxBefore = tree(h.sandbox());
    String roBefore = tree(h.extra("/ro"));
    String otherBefore = tree(h.extra("/other"));
    int open = h.openFds();
    assertEquals(errno, run(h, fn, args));
    assertEquals(open, h.openFds());
    if (errno != Errno.SUCCESS) {
      assertEquals(sandboxBefore, tree(h.sandbox()), "sandbox unchanged");
    }
    assertEquals(roBefore, tree(h.extra("/ro")), "read-only volume unchanged");
    if (!fn.equals("path_link") || errno != Errno.SUCCESS) {
      assertEquals(otherBefore, tree(h.extra("/other")), "/other unchanged");
    }
    assertEquals(HostHarness.SECRET, HostHarness.content(h.volumeRoot(), "outside/secret.txt"));
    assertEquals("outside/[dir/[] secret.txt=11]", treeOf(h, "outside"));
  }

  private static String treeOf(HostHarness h, String path) {
    return path + "/" + tree((DirectoryNode) h.node(h.volumeRoot(), path));
  }

  /** The tree under {@code dir}, links not followed, as one comparable string. */
  static String tree(DirectoryNode dir) {
    StringBuilder sb = new StringBuilder("[");
    boolean first = true;
    for (DirEntry e : dir.list()) {
      if (!first) {
        sb.append(' ');
      }
      first = false;
      Node n = dir.lookup(e.name());
      sb.append(e.name());
      if (n.type() == FileType.DIRECTORY) {
        sb.append('/').append(tree((DirectoryNode) n));
      } else if (n.type() == FileType.SYMBOLIC_LINK) {
        sb.append("->").append(((SymlinkNode) n).target());
      } else {
        sb.append('=').append(n.stat().size());
      }
    }
    return sb.append(']').toString();
  }

  // ------------------------------------------------------------------ effects of successes

  @ParameterizedTest
  @EnumSource(Abi.class)
  void pathFilestatGet_layoutPerAbi(Abi abi) {
    HostHarness h = harness();
    HostHarness.Ptr p = h.str("sym_file");
    long buf = h.alloc(72);
    h.fill(buf, 72, 0xEE);
    assertEquals(Errno.SUCCESS, h.call(abi, "path_filestat_get", 3, 0, p.ptr(), p.len(), buf));
    Node link = h.node(h.sandbox(), "sym_file");
    FdSyscallsTest.assertFilestat(h, abi, buf, link.stat().dev(), link.stat().ino(), 7, 1, 4, T);
    h.fill(buf, 72, 0xEE);
    assertEquals(Errno.SUCCESS, h.call(abi, "path_filestat_get", 3, FOLLOW, p.ptr(), p.len(), buf));
    Node file = h.node(h.sandbox(), "file");
    FdSyscallsTest.assertFilestat(h, abi, buf, file.stat().dev(), file.stat().ino(), 4, 1, 5, T);
  }

  @Test
  void pathFilestatGet_linkToDirWithSlash_reportsDirectory() {
    HostHarness h = harness();
    HostHarness.Ptr p = h.str("sym_dir/");
    long buf = h.alloc(64);
    assertEquals(Errno.SUCCESS, h.call("path_filestat_get", 3, 0, p.ptr(), p.len(), buf));
    assertEquals(3, h.u8(buf + 16));
  }

  @Test
  void pathFilestatSetTimes_nowFlags_useGuestRealtime() {
    HostHarness h = harness();
    HostHarness.Ptr p = h.str("file");
    assertEquals(Errno.SUCCESS, h.call("path_filestat_set_times", 3, 0, p.ptr(), p.len(), 0L, 9L, 2 | 4));
    assertEquals(1_700_000_000_000_000_000L, h.node(h.sandbox(), "file").stat().atimNs());
    assertEquals(9L, h.node(h.sandbox(), "file").stat().mtimNs());
  }

  @Test
  void pathFilestatSetTimes_symlinkNoFollow_setsLinkNotTarget() {
    HostHarness h = harness();
    HostHarness.Ptr p = h.str("sym_file");
    assertEquals(Errno.SUCCESS, h.call("path_filestat_set_times", 3, 0, p.ptr(), p.len(), 5L, 5L, 1 | 4));
    assertEquals(5L, h.node(h.sandbox(), "sym_file").stat().mtimNs());
    assertEquals(T, h.node(h.sandbox(), "file").stat().mtimNs());
  }

  @Test
  void pathReadlink_truncates_writesNoMoreThanBufLen() {
    HostHarness h = harness();
    HostHarness.Ptr p = h.str("rel_out");
    long buf = h.alloc(32);
    h.fill(buf, 32, 0xEE);
    long used = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("path_readlink", 3, p.ptr(), p.len(), buf, 4, used));
    assertEquals(4, h.u32(used));
    assertEquals("../o", h.readString(buf, 4));
    assertEquals(0xEE, h.u8(buf + 4));
    assertEquals(Errno.SUCCESS, h.call("path_readlink", 3, p.ptr(), p.len(), buf, 32, used));
    assertEquals("../outside/secret.txt", h.readString(buf, h.u32(used)));
    assertEquals(0xEE, h.u8(buf + 21), "no NUL appended");
  }

  @Test
  void pathReadlink_bufusedWild_nothingWritten() {
    HostHarness h = harness();
    HostHarness.Ptr p = h.str("sym_file");
    long buf = h.alloc(16);
    assertEquals(Errno.EFAULT, h.call("path_readlink", 3, p.ptr(), p.len(), buf, 16, WILD));
    assertArrayEquals(new byte[16], h.read(buf, 16));
  }

  @Test
  void pathSymlink_outwardTarget_storedButRefusedWhenFollowed() {
    HostHarness h = harness();
    HostHarness.Ptr t = h.str("../../outside/secret.txt");
    HostHarness.Ptr l = h.str("dir/l");
    assertEquals(Errno.SUCCESS, h.call("path_symlink", t.ptr(), t.len(), 3, l.ptr(), l.len()));
    assertEquals("../../outside/secret.txt", h.linkTarget("dir/l"));
    assertEquals(Errno.EPERM, h.call("path_open", 3, FOLLOW, l.ptr(), l.len(), 0, HostHarness.rights(Right.FD_READ), 0L, 0, h.alloc(4)));
  }

  @Test
  void pathSymlink_selfLoop_createdThenElopOnFollow() {
    HostHarness h = harness();
    HostHarness.Ptr s = h.str("self");
    assertEquals(Errno.SUCCESS, h.call("path_symlink", s.ptr(), s.len(), 3, s.ptr(), s.len()));
    assertEquals(Errno.ELOOP, h.call("path_open", 3, FOLLOW, s.ptr(), s.len(), 0, HostHarness.rights(Right.FD_READ), 0L, 0, h.alloc(4)));
  }

  @Test
  void pathRename_escapingLinkMoved_stillRefusedWhenFollowed() {
    HostHarness h = harness();
    HostHarness.Ptr a = h.str("esc");
    HostHarness.Ptr b = h.str("renamed");
    assertEquals(Errno.SUCCESS, h.call("path_rename", 3, a.ptr(), a.len(), 3, b.ptr(), b.len()));
    HostHarness.Ptr c = h.str("renamed/secret.txt");
    assertEquals(Errno.EPERM, h.call("path_open", 3, 0, c.ptr(), c.len(), 0, HostHarness.rights(Right.FD_READ), 0L, 0, h.alloc(4)));
  }

  @Test
  void pathRename_openDirMoved_handleFollowsTheObject() {
    HostHarness h = harness();
    int d = h.open(3, "dir", 2, Rights.DIRECTORY.bits(), Rights.ALL.bits(), 0);
    HostHarness.Ptr a = h.str("dir");
    HostHarness.Ptr b = h.str("moved");
    assertEquals(Errno.SUCCESS, h.call("path_rename", 3, a.ptr(), a.len(), 3, b.ptr(), b.len()));
    int f = h.open(d, "nested/file", 0, HostHarness.rights(Right.FD_READ), 0, 0);
    assertTrue(f > 0);
    HostHarness.Ptr up = h.str("..");
    assertEquals(Errno.EPERM, h.call("path_open", d, 0, up.ptr(), up.len(), 2, 0L, 0L, 0, h.alloc(4)));
  }

  @Test
  void pathLink_hardLinkShareContentAndNlink() {
    HostHarness h = harness();
    HostHarness.Ptr a = h.str("file");
    HostHarness.Ptr b = h.str("hl");
    assertEquals(Errno.SUCCESS, h.call("path_link", 3, 0, a.ptr(), a.len(), 3, b.ptr(), b.len()));
    assertEquals("hello", h.content("hl"));
    long buf = h.alloc(64);
    assertEquals(Errno.SUCCESS, h.call("path_filestat_get", 3, 0, b.ptr(), b.len(), buf));
    assertEquals(2, h.u64(buf + 24), "nlink");
    assertEquals(h.node(h.sandbox(), "file").stat().ino(), h.u64(buf + 8));
  }

  @Test
  void pathCreateDirectory_inodeQuotaFull_enospcNothingCreated() {
    HostHarness h = HostHarness.builder().quota(new Quota(1 << 20, 21)).build();
    HostHarness.Ptr p = h.str("new");
    assertEquals(Errno.ENOSPC, h.call("path_create_directory", 3, p.ptr(), p.len()));
    assertFalse(h.exists("new"));
    assertEquals(Errno.ENOSPC, h.call("path_symlink", p.ptr(), p.len(), 3, p.ptr(), p.len()));
    assertFalse(h.exists("new"));
  }

  @Test
  void pathUnlinkFile_escapingLink_removesOnlyTheLink() {
    HostHarness h = harness();
    HostHarness.Ptr p = h.str("esc");
    assertEquals(Errno.SUCCESS, h.call("path_unlink_file", 3, p.ptr(), p.len()));
    assertFalse(h.exists("esc"));
    assertTrue(h.existsInVolume("outside/secret.txt"));
  }

  @Test
  void pathRemoveDirectory_preopenStillUsableAfterRefusals() {
    HostHarness h = harness();
    for (String s : List.of(".", "..", "./", "a/..")) {
      HostHarness.Ptr p = h.str(s);
      assertNotEquals(Errno.SUCCESS, h.call("path_remove_directory", 3, p.ptr(), p.len()), s);
    }
    assertEquals("hello", h.content("file"));
    HostHarness.Ptr n = h.str("newdir");
    assertEquals(Errno.SUCCESS, h.call("path_create_directory", 3, n.ptr(), n.len()));
  }

  @Test
  void pathSymlink_trace() {
    HostHarness h = harness();
    HostHarness.Ptr t = h.str("/etc");
    HostHarness.Ptr l = h.str("l");
    h.clearTrace();
    h.call("path_symlink", t.ptr(), t.len(), 3, l.ptr(), l.len());
    assertEquals(List.of("==> path_symlink(old_path=/etc,fd=3,new_path=l)", "<== errno=EPERM"), h.trace());
  }

  @Test
  void pathRename_trace() {
    HostHarness h = harness();
    HostHarness.Ptr a = h.str("file");
    h.clearTrace();
    h.call("path_rename", 3, a.ptr(), a.len(), 4, WILD, 3);
    assertEquals(List.of("==> path_rename(fd=3,old_path=file,new_fd=4,new_path=<fault 4294967280+3>)", "<== errno=EFAULT"), h.trace());
  }
}
