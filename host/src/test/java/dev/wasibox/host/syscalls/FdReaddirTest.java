package dev.wasibox.host.syscalls;

import static dev.wasibox.host.HostHarness.rights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.host.HostHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fd_readdir}: dirent layout ({@code d_next u64 @0, d_ino u64 @8, d_namlen u32 @16,
 * d_type u8 @20}, name @24), truncation, cookies, pointers. Fixture: {@code /sandbox/dir}, opened
 * as a directory fd, lists
 *
 * <pre>
 * .        (dir)      cookie 1   24 + 1 bytes
 * ..       (dir)      cookie 2   24 + 2
 * evil     (symlink)  cookie 3   24 + 4
 * nested   (dir)      cookie 4   24 + 6      = 109 bytes in all
 * </pre>
 */
class FdReaddirTest {
  private static final long MEM = 65536;
  private static final long WILD = 0xFFFF_FFF0L;
  private static final int FULL = 109;

  /** One decoded dirent. */
  record Dirent(long next, long ino, String name, int type) {}

  private static int openDir(HostHarness h) {
    return h.open(3, "dir", 2, Rights.DIRECTORY.bits(), 0, 0);
  }

  /** Decodes the complete dirents in {@code [buf, buf + used)}. */
  static List<Dirent> parse(HostHarness h, long buf, long used) {
    List<Dirent> out = new ArrayList<>();
    long at = buf;
    while (at + 24 <= buf + used) {
      int namlen = (int) h.u32(at + 16);
      if (at + 24 + namlen > buf + used) {
        break;
      }
      out.add(new Dirent(h.u64(at), h.u64(at + 8), h.readString(at + 24, namlen), h.u8(at + 20)));
      at += 24 + namlen;
    }
    return out;
  }

  private static List<String> names(List<Dirent> ds) {
    return ds.stream().map(Dirent::name).toList();
  }

  @Test
  void fdReaddir_bigBuffer_everyEntryWithCookiesTypesAndInodes() {
    HostHarness h = HostHarness.create();
    int fd = openDir(h);
    long buf = h.alloc(1024);
    long used = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, buf, 1024, 0L, used));
    assertEquals(FULL, h.u32(used));
    List<Dirent> ds = parse(h, buf, FULL);
    assertEquals(List.of(".", "..", "evil", "nested"), names(ds));
    assertEquals(List.of(1L, 2L, 3L, 4L), ds.stream().map(Dirent::next).toList());
    assertEquals(List.of(3, 3, 7, 3), ds.stream().map(Dirent::type).toList());
    long dirIno = h.node(h.sandbox(), "dir").stat().ino();
    assertEquals(dirIno, ds.get(0).ino(), "'.' is the directory");
    // Every directory fd is a capability root ('..' through it is EPERM), so '..' shows the
    // directory itself rather than a parent the guest cannot reach (Vfs.readdir's choice).
    assertEquals(dirIno, ds.get(1).ino(), "'..' as seen from this capability");
    assertEquals(h.node(h.sandbox(), "dir/nested").stat().ino(), ds.get(3).ino());
    assertEquals(0, h.u8(buf + 21), "padding");
    assertEquals(0, h.u16(buf + 22), "padding");
  }

  @Test
  void fdReaddir_preopenRoot_dotDotIsTheRootItself() {
    HostHarness h = HostHarness.create();
    long buf = h.alloc(4096);
    long used = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, buf, 4096, 0L, used));
    List<Dirent> ds = parse(h, buf, h.u32(used));
    assertEquals(
        List.of(".", "..", "a", "abs", "dangling", "dir", "empty", "esc", "file", "loop", "rel_out", "sym_dir", "sym_file", "up"),
        names(ds));
    assertEquals(ds.get(0).ino(), ds.get(1).ino(), "the real parent (holding outside/) is not shown");
  }

  /** {@code (buf_len, bufused, complete entries)}: the last entry is cut, never skipped. */
  static Stream<Arguments> tinyBuffers() {
    return Stream.of(
        Arguments.of(0L, 0L, List.of()),
        Arguments.of(1L, 1L, List.of()),
        Arguments.of(23L, 23L, List.of()),
        Arguments.of(24L, 24L, List.of()),
        Arguments.of(25L, 25L, List.of(".")),
        Arguments.of(26L, 26L, List.of(".")),
        Arguments.of(51L, 51L, List.of(".", "..")),
        Arguments.of(108L, 108L, List.of(".", "..", "evil")),
        Arguments.of(109L, 109L, List.of(".", "..", "evil", "nested")),
        Arguments.of(110L, 109L, List.of(".", "..", "evil", "nested")));
  }

  @ParameterizedTest(name = "buf_len={0}")
  @MethodSource("tinyBuffers")
  void fdReaddir_tinyBuffer_truncatesLastEntryAndWritesNoMore(long bufLen, long bufused, List<String> complete) {
    HostHarness h = HostHarness.create();
    int fd = openDir(h);
    long buf = h.alloc(256);
    h.fill(buf, 256, 0xEE);
    long used = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, buf, bufLen, 0L, used));
    assertEquals(bufused, h.u32(used));
    assertEquals(complete, names(parse(h, buf, bufused)));
    assertEquals(0xEE, h.u8(buf + bufLen), "nothing past buf_len");
  }

  @ParameterizedTest(name = "buf_len={0}")
  @ValueSource(longs = {30, 31, 40, 60, 100})
  void fdReaddir_pagingWithCookies_yieldsEveryEntryOnce(long bufLen) {
    HostHarness h = HostHarness.create();
    int fd = openDir(h);
    long buf = h.alloc(256);
    long used = h.alloc(4);
    List<String> seen = new ArrayList<>();
    long cookie = 0;
    for (int call = 0; call < 20; call++) {
      assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, buf, bufLen, cookie, used));
      long n = h.u32(used);
      List<Dirent> ds = parse(h, buf, n);
      ds.forEach(d -> seen.add(d.name()));
      if (n < bufLen) {
        break;
      }
      cookie = ds.get(ds.size() - 1).next();
    }
    assertEquals(List.of(".", "..", "evil", "nested"), seen);
  }

  @Test
  void fdReaddir_resumeWhileDirectoryChanges_cookiesStayStableUntilRestart() {
    HostHarness h = HostHarness.create();
    int fd = openDir(h);
    long buf = h.alloc(256);
    long used = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, buf, 51, 0L, used));
    h.file("dir/aaa", "new");
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, buf, 256, 2L, used));
    assertEquals(List.of("evil", "nested"), names(parse(h, buf, h.u32(used))), "same listing as at cookie 0");
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, buf, 256, 0L, used));
    assertEquals(List.of(".", "..", "aaa", "evil", "nested"), names(parse(h, buf, h.u32(used))), "a restart sees it");
  }

  @Test
  void fdReaddir_twoCallsSameCookie_sameBytes() {
    HostHarness h = HostHarness.create();
    int fd = openDir(h);
    long a = h.alloc(128);
    long b = h.alloc(128);
    long used = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, a, 128, 1L, used));
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, b, 128, 1L, used));
    assertArrayEquals(h.read(a, 128), h.read(b, 128));
  }

  /** {@code (cookie, errno, bufused)}. */
  static Stream<Arguments> cookies() {
    return Stream.of(
        Arguments.of(4L, Errno.SUCCESS, 0L),
        Arguments.of(5L, Errno.SUCCESS, 0L),
        Arguments.of(1L << 40, Errno.SUCCESS, 0L),
        Arguments.of(Long.MAX_VALUE, Errno.SUCCESS, 0L),
        Arguments.of(-1L, Errno.EINVAL, null),
        Arguments.of(Long.MIN_VALUE, Errno.EINVAL, null),
        Arguments.of(3L, Errno.SUCCESS, 30L));
  }

  @ParameterizedTest(name = "cookie={0}")
  @MethodSource("cookies")
  void fdReaddir_cookie_table(long cookie, Errno errno, Long bufused) {
    HostHarness h = HostHarness.create();
    int fd = openDir(h);
    long buf = h.alloc(256);
    long used = h.alloc(4);
    h.putU32(used, 0xDEAD);
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, buf, 256, 0L, used));
    h.putU32(used, 0xDEAD);
    assertEquals(errno, h.call("fd_readdir", fd, buf, 256, cookie, used));
    assertEquals(bufused == null ? 0xDEAD : bufused, h.u32(used));
  }

  /** {@code (name, fd, buf, buf_len, bufused ptr, errno)}; -1 means a good pointer. */
  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("closed", FdKind.CLOSED, -1L, 64L, -1L, Errno.EBADF),
        Arguments.of("closedPreopen", FdKind.CLOSED_PREOPEN, -1L, 64L, -1L, Errno.EBADF),
        Arguments.of("negative", FdKind.NEGATIVE, -1L, 64L, -1L, Errno.EBADF),
        Arguments.of("file", FdKind.FILE_RO, -1L, 64L, -1L, Errno.ENOTDIR),
        Arguments.of("stdout", FdKind.STDOUT, -1L, 64L, -1L, Errno.ENOTDIR),
        Arguments.of("bufWild", FdKind.PREOPEN, WILD, 64L, -1L, Errno.EFAULT),
        Arguments.of("bufHugeLength", FdKind.PREOPEN, -1L, 0x7FFF_FFF0L, -1L, Errno.EFAULT),
        Arguments.of("bufWraps", FdKind.PREOPEN, 0xFFFF_FF00L, 0x200L, -1L, Errno.EFAULT),
        Arguments.of("bufStraddlesEnd", FdKind.PREOPEN, MEM - 10, 64L, -1L, Errno.EFAULT),
        Arguments.of("bufusedWild", FdKind.PREOPEN, -1L, 64L, WILD, Errno.EFAULT),
        Arguments.of("bufusedStraddlesEnd", FdKind.PREOPEN, -1L, 64L, MEM - 2, Errno.EFAULT),
        Arguments.of("bufEndsAtMemoryEnd", FdKind.PREOPEN, MEM - 64, 64L, -1L, Errno.SUCCESS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void fdReaddir_errors_nothingWritten(String name, FdKind kind, long buf, long bufLen, long usedPtr, Errno errno) {
    HostHarness h = HostHarness.create();
    int fd = kind.fd(h);
    long b = buf == -1 ? h.alloc(64) : buf;
    long u = usedPtr == -1 ? h.alloc(4) : usedPtr;
    byte[] before = h.read(0, MEM);
    assertEquals(errno, h.call("fd_readdir", fd, b, bufLen, 0L, u));
    if (errno != Errno.SUCCESS) {
      assertArrayEquals(before, h.read(0, MEM));
    } else {
      assertEquals(64, h.u32(u));
    }
  }

  @Test
  void fdReaddir_noReaddirRight_enotcapable() {
    HostHarness h = HostHarness.create();
    int fd = h.open(3, "dir", 2, Rights.DIRECTORY.without(Right.FD_READDIR).bits(), 0, 0);
    assertEquals(Errno.ENOTCAPABLE, h.call("fd_readdir", fd, 0x800, 64, 0L, 0x900));
    int ok = h.open(3, "dir", 2, rights(Right.FD_READDIR), 0, 0);
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", ok, 0x800, 64, 0L, 0x900));
  }

  @Test
  void fdReaddir_directoryRemovedWhileOpen_enoent() {
    HostHarness h = HostHarness.create();
    int fd = h.open(3, "a/b", 2, Rights.DIRECTORY.bits(), 0, 0);
    HostHarness.Ptr p = h.str("a/b");
    assertEquals(Errno.SUCCESS, h.call("path_remove_directory", 3, p.ptr(), p.len()));
    assertEquals(Errno.ENOENT, h.call("fd_readdir", fd, 0x800, 64, 0L, 0x900));
  }

  @Test
  void fdReaddir_directoryLargerThanOneChunk_everyEntryIntact() {
    HostHarness h = HostHarness.builder().pages(4).build();
    h.dir("big");
    List<String> expected = new ArrayList<>(List.of(".", ".."));
    for (int i = 0; i < 3000; i++) {
      String name = String.format("entry-%04d-%s", i, "x".repeat(i % 17));
      h.file("big/" + name, "");
      expected.add(name);
    }
    expected.subList(2, expected.size()).sort(null);
    int fd = h.open(3, "big", 2, Rights.DIRECTORY.bits(), 0, 0);
    long buf = 0x1000;
    long len = 0x30000;
    long used = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, buf, len, 0L, used));
    long n = h.u32(used);
    assertTrue(n > 65536 && n < len, "spans more than one host chunk, and ends: " + n);
    List<Dirent> ds = parse(h, buf, n);
    assertEquals(expected, names(ds));
    for (int i = 0; i < ds.size(); i++) {
      assertEquals(i + 1, ds.get(i).next());
    }
  }

  @Test
  void fdReaddir_nonAsciiName_lengthInBytes() {
    HostHarness h = HostHarness.create();
    h.file("empty/é", "");
    int fd = h.open(3, "empty", 2, Rights.DIRECTORY.bits(), 0, 0);
    long buf = h.alloc(128);
    long used = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_readdir", fd, buf, 128, 2L, used));
    assertEquals(24 + 2, h.u32(used));
    assertEquals(2, h.u32(buf + 16));
    assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), h.read(buf + 24, 2));
  }

  @Test
  void fdReaddir_trace() {
    HostHarness h = HostHarness.create();
    h.call("fd_readdir", 1, 0x100, 64, 7L, 0x200);
    assertEquals(List.of("==> fd_readdir(fd=1,buf=256,buf_len=64,cookie=7)", "<== errno=ENOTDIR"), h.trace());
  }
}
