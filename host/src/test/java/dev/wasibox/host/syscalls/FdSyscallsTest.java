package dev.wasibox.host.syscalls;

import static dev.wasibox.host.HostHarness.rights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.FdNumbering;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.host.Abi;
import dev.wasibox.host.HostHarness;
import dev.wasibox.host.fd.Descriptor;
import dev.wasibox.host.fd.FileDescriptor;
import dev.wasibox.host.io.GuestInput;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The descriptor functions other than data transfer and readdir: close, renumber, fdstat,
 * filestat, prestat, advise, allocate, sync. Fixture: the standard tree (fd 3 = {@code /sandbox},
 * {@code file} = "hello"), plus {@code /other} (fd 4) or {@code /ro} where a row needs it.
 */
class FdSyscallsTest {
  private static final long MEM = 65536;
  private static final long WILD = 0xFFFF_FFF0L;
  private static final long VOLUME_TIME = 1_600_000_000_000_000_000L;
  private static final long REALTIME_START = 1_700_000_000_000_000_000L;

  private static HostHarness harness() {
    return HostHarness.create();
  }

  // ------------------------------------------------------------------ fd_advise / allocate / sync

  /** {@code (name, fd, offset, len, advice, errno)}. */
  static Stream<Arguments> adviseCases() {
    return Stream.of(
        Arguments.of("normal", FdKind.FILE_RO, 0L, 0L, 0, Errno.SUCCESS),
        Arguments.of("noreuse", FdKind.FILE_RO, 0L, 100L, 5, Errno.SUCCESS),
        Arguments.of("unknownAdvice", FdKind.FILE_RO, 0L, 0L, 6, Errno.EINVAL),
        Arguments.of("negativeAdvice", FdKind.FILE_RO, 0L, 0L, -1, Errno.EINVAL),
        Arguments.of("negativeOffset", FdKind.FILE_RO, -1L, 0L, 0, Errno.EINVAL),
        Arguments.of("negativeLength", FdKind.FILE_RO, 0L, -1L, 0, Errno.EINVAL),
        Arguments.of("noAdviseRight", FdKind.FILE_BARE, 0L, 0L, 0, Errno.ENOTCAPABLE),
        Arguments.of("directory", FdKind.DIR, 0L, 0L, 4, Errno.EBADF),
        Arguments.of("preopen", FdKind.PREOPEN, 0L, 0L, 4, Errno.EBADF),
        Arguments.of("stdin", FdKind.STDIN, 0L, 0L, 0, Errno.ESPIPE),
        Arguments.of("closed", FdKind.CLOSED, 0L, 0L, 0, Errno.EBADF),
        Arguments.of("negativeFd", FdKind.NEGATIVE, 0L, 0L, 0, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adviseCases")
  void fdAdvise_table(String name, FdKind kind, long offset, long len, int advice, Errno errno) {
    HostHarness h = harness();
    assertEquals(errno, h.call("fd_advise", kind.fd(h), offset, len, advice));
  }

  /** {@code (name, fd, offset, len, errno, size after)}. */
  static Stream<Arguments> allocateCases() {
    return Stream.of(
        Arguments.of("extends", FdKind.FILE_RW, 0L, 10L, Errno.SUCCESS, 10L),
        Arguments.of("withinFileNoChange", FdKind.FILE_RW, 1L, 2L, Errno.SUCCESS, 5L),
        Arguments.of("offsetPlusLength", FdKind.FILE_RW, 8L, 4L, Errno.SUCCESS, 12L),
        Arguments.of("zeroLength", FdKind.FILE_RW, 0L, 0L, Errno.EINVAL, 5L),
        Arguments.of("negativeLength", FdKind.FILE_RW, 0L, -1L, Errno.EINVAL, 5L),
        Arguments.of("negativeOffset", FdKind.FILE_RW, -1L, 1L, Errno.EINVAL, 5L),
        Arguments.of("overflow", FdKind.FILE_RW, Long.MAX_VALUE, 1L, Errno.EFBIG, 5L),
        Arguments.of("overQuota", FdKind.FILE_RW, 0L, 1L << 40, Errno.ENOSPC, 5L),
        Arguments.of("readOnlyWithAllocateRight", FdKind.FILE_RO, 0L, 10L, Errno.EBADF, 5L),
        Arguments.of("noAllocateRight", FdKind.FILE_BARE, 0L, 10L, Errno.ENOTCAPABLE, 5L),
        Arguments.of("directory", FdKind.DIR, 0L, 0L, Errno.EBADF, 5L),
        Arguments.of("stdout", FdKind.STDOUT, 0L, 1L, Errno.ESPIPE, 5L),
        Arguments.of("closed", FdKind.CLOSED, 0L, 1L, Errno.EBADF, 5L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allocateCases")
  void fdAllocate_table(String name, FdKind kind, long offset, long len, Errno errno, long size) {
    HostHarness h = harness();
    assertEquals(errno, h.call("fd_allocate", kind.fd(h), offset, len));
    assertEquals(size, h.content("file").length());
  }

  /** {@code (name, fd, errno)}, for both {@code fd_sync} and {@code fd_datasync}. */
  static Stream<Arguments> syncCases() {
    return Stream.of(
        Arguments.of("fileReadOnly", FdKind.FILE_RO, Errno.SUCCESS),
        Arguments.of("fileReadWrite", FdKind.FILE_RW, Errno.SUCCESS),
        Arguments.of("noSyncRight", FdKind.FILE_BARE, Errno.ENOTCAPABLE),
        Arguments.of("directory", FdKind.DIR, Errno.EBADF),
        Arguments.of("preopen", FdKind.PREOPEN, Errno.EBADF),
        Arguments.of("stdout", FdKind.STDOUT, Errno.ESPIPE),
        Arguments.of("closedPreopen", FdKind.CLOSED_PREOPEN, Errno.EBADF),
        Arguments.of("huge", FdKind.HUGE, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syncCases")
  void fdSync_table(String name, FdKind kind, Errno errno) {
    HostHarness h = harness();
    assertEquals(errno, h.call("fd_sync", kind.fd(h)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syncCases")
  void fdDatasync_table(String name, FdKind kind, Errno errno) {
    HostHarness h = harness();
    assertEquals(errno, h.call("fd_datasync", kind.fd(h)));
  }

  // ------------------------------------------------------------------ fd_close

  /** {@code (name, fd, errno)}. */
  static Stream<Arguments> closeCases() {
    return Stream.of(
        Arguments.of("file", FdKind.FILE_RW, Errno.SUCCESS),
        Arguments.of("directory", FdKind.DIR, Errno.SUCCESS),
        Arguments.of("preopen", FdKind.PREOPEN, Errno.SUCCESS),
        Arguments.of("stdin", FdKind.STDIN, Errno.SUCCESS),
        Arguments.of("stdout", FdKind.STDOUT, Errno.SUCCESS),
        Arguments.of("closedPreopen", FdKind.CLOSED_PREOPEN, Errno.EBADF),
        Arguments.of("closed", FdKind.CLOSED, Errno.EBADF),
        Arguments.of("negative", FdKind.NEGATIVE, Errno.EBADF),
        Arguments.of("huge", FdKind.HUGE, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("closeCases")
  void fdClose_table(String name, FdKind kind, Errno errno) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    int open = h.openFds();
    h.clearTrace();
    assertEquals(errno, h.call("fd_close", fd));
    assertEquals(List.of("==> fd_close(fd=" + fd + ")", "<== errno=" + errno.name()), h.trace());
    assertEquals(errno == Errno.SUCCESS ? open - 1 : open, h.openFds());
    assertNull(h.descriptor(fd));
    assertEquals(Errno.EBADF, h.call("fd_close", fd), "second close");
  }

  @Test
  void fdClose_preopen_pathOpenIsEbadfAndNumberReusedByNewObjectOnly() {
    HostHarness h = HostHarness.builder().withOther().build();
    assertEquals(Errno.SUCCESS, h.call("fd_close", 3));
    HostHarness.Ptr p = h.str("file");
    long fdPtr = h.alloc(4);
    assertEquals(
        Errno.EBADF,
        h.call("path_open", 3, 0, p.ptr(), p.len(), 0, FdKind.ALL_FILE, 0, 0, fdPtr));
    int x = h.open(4, "x", 0, FdKind.ALL_FILE, 0, 0);
    assertEquals(3, x, "lowest free number");
    assertEquals(Errno.EBADF, h.call("fd_prestat_get", 3, h.alloc(8)), "a file, not the preopen");
    assertEquals(
        Errno.ENOTDIR,
        h.call("path_open", 3, 0, p.ptr(), p.len(), 0, FdKind.ALL_FILE, 0, 0, fdPtr));
  }

  @Test
  void fdClose_stdout_laterWritesEbadf() {
    HostHarness h = harness();
    assertEquals(Errno.SUCCESS, h.call("fd_close", 1));
    HostHarness.Ptr d = h.str("x");
    assertEquals(Errno.EBADF, h.call("fd_write", 1, h.iovecs(d.ptr(), 1), 1, h.alloc(4)));
    assertEquals("", h.stdout());
  }

  @Test
  void fdClose_unlinkedFile_releasesItsStorage() {
    HostHarness h = harness();
    int fd = h.openFile("file", false);
    long inodes = h.volume().usedInodes();
    HostHarness.Ptr p = h.str("file");
    assertEquals(Errno.SUCCESS, h.call("path_unlink_file", 3, p.ptr(), p.len()));
    assertEquals(inodes, h.volume().usedInodes(), "an open handle keeps the file");
    assertEquals(Errno.SUCCESS, h.call("fd_close", fd));
    assertEquals(inodes - 1, h.volume().usedInodes());
  }

  // ------------------------------------------------------------------ fd_renumber

  /** {@code (name, from, to, errno)}; a file is opened first and gets fd 4. */
  static Stream<Arguments> renumberCases() {
    return Stream.of(
        Arguments.of("fileOverPreopen", 4, 3, Errno.SUCCESS),
        Arguments.of("preopenOverFile", 3, 4, Errno.SUCCESS),
        Arguments.of("toItself", 3, 3, Errno.SUCCESS),
        Arguments.of("stdoutOverStderr", 1, 2, Errno.SUCCESS),
        Arguments.of("preopenToFreshNumber", 3, 100, Errno.EBADF),
        Arguments.of("fileToNegative", 4, -1, Errno.EBADF),
        Arguments.of("fileToMaxInt", 4, Integer.MAX_VALUE, Errno.EBADF),
        Arguments.of("closedToPreopen", 10, 3, Errno.EBADF),
        Arguments.of("closedToItself", 10, 10, Errno.EBADF),
        Arguments.of("negativeToPreopen", -1, 3, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renumberCases")
  void fdRenumber_table(String name, int from, int to, Errno errno) {
    HostHarness h = harness();
    assertEquals(4, h.openFile("file", false));
    Descriptor moving = h.descriptor(from);
    Descriptor before = h.descriptor(to);
    int open = h.openFds();
    h.clearTrace();
    assertEquals(errno, h.call("fd_renumber", from, to));
    assertEquals(
        List.of("==> fd_renumber(fd=" + from + ",to=" + to + ")", "<== errno=" + errno.name()),
        h.trace());
    if (errno != Errno.SUCCESS) {
      assertSame(moving, h.descriptor(from), "from untouched");
      assertSame(before, h.descriptor(to), "to untouched");
      assertEquals(open, h.openFds());
    } else if (from == to) {
      assertSame(moving, h.descriptor(to));
      assertEquals(open, h.openFds());
    } else {
      assertSame(moving, h.descriptor(to));
      assertNull(h.descriptor(from));
      assertEquals(open - 1, h.openFds());
    }
  }

  @Test
  void fdRenumber_fileOverPreopen_oldCapabilityGone() {
    HostHarness h = harness();
    int f = h.openFile("file", false);
    assertEquals(Errno.SUCCESS, h.call("fd_renumber", f, 3));
    assertEquals(Errno.EBADF, h.call("fd_prestat_get", 3, h.alloc(8)));
    assertEquals(Errno.EBADF, h.call("fd_prestat_get", f, h.alloc(8)));
    HostHarness.Ptr p = h.str("dir");
    assertEquals(Errno.ENOTDIR, h.call("path_open", 3, 0, p.ptr(), p.len(), 2, -1L, -1L, 0, h.alloc(4)));
    assertEquals(Errno.ENOTDIR, h.call("path_create_directory", 3, p.ptr(), p.len()));
    long buf = h.alloc(8);
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_read", 3, h.iovecs(buf, 8), 1, n));
    assertEquals("hello", h.readString(buf, h.u32(n)));
  }

  @Test
  void fdRenumber_stdoutOverStderr_writesToStderrGoToStdout() {
    HostHarness h = harness();
    assertEquals(Errno.SUCCESS, h.call("fd_renumber", 1, 2));
    HostHarness.Ptr d = h.str("hi");
    assertEquals(Errno.SUCCESS, h.call("fd_write", 2, h.iovecs(d.ptr(), 2), 1, h.alloc(4)));
    assertEquals(Errno.EBADF, h.call("fd_write", 1, h.iovecs(d.ptr(), 2), 1, h.alloc(4)));
    assertEquals("hi", h.stdout());
    assertEquals("", h.stderr());
  }

  @Test
  void fdRenumber_displacedUnlinkedFile_isClosed() {
    HostHarness h = harness();
    h.file("victim", "data");
    int victim = h.openFile("victim", false);
    int mover = h.openFile("file", false);
    HostHarness.Ptr p = h.str("victim");
    assertEquals(Errno.SUCCESS, h.call("path_unlink_file", 3, p.ptr(), p.len()));
    long inodes = h.volume().usedInodes();
    assertEquals(Errno.SUCCESS, h.call("fd_renumber", mover, victim));
    assertEquals(inodes - 1, h.volume().usedInodes(), "the displaced handle was closed");
  }

  @ParameterizedTest
  @EnumSource(FdNumbering.class)
  void fdRenumber_stress2000_noLeakAndFinalFdUsable(FdNumbering numbering) {
    HostHarness h = HostHarness.builder().numbering(numbering).maxOpenFiles(16).build();
    int cur = h.openFile("file", false);
    int open = h.openFds();
    for (int i = 0; i < 2000; i++) {
      int next = h.openFile("file", false);
      assertEquals(Errno.SUCCESS, h.call("fd_renumber", cur, next), "iteration " + i);
      cur = next;
      assertEquals(open, h.openFds(), "iteration " + i);
    }
    long buf = h.alloc(8);
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_read", cur, h.iovecs(buf, 8), 1, n));
    assertEquals("hello", h.readString(buf, h.u32(n)));
    assertEquals(Errno.SUCCESS, h.call("fd_prestat_get", 3, h.alloc(8)), "preopen untouched");
  }

  // ------------------------------------------------------------------ fd_fdstat_get

  /** {@code (name, fd, filetype, fdflags, base, inheriting)}; -1 base means "as opened". */
  static Stream<Arguments> fdstatCases() {
    long stdinRights = rights(Right.FD_READ, Right.FD_FDSTAT_SET_FLAGS, Right.FD_FILESTAT_GET, Right.POLL_FD_READWRITE);
    long stdoutRights = rights(Right.FD_WRITE, Right.FD_FDSTAT_SET_FLAGS, Right.FD_FILESTAT_GET, Right.POLL_FD_READWRITE);
    return Stream.of(
        Arguments.of("stdinNotTerminal", FdKind.STDIN, 0, 0, stdinRights, 0L),
        Arguments.of("stdoutNotTerminal", FdKind.STDOUT, 0, 0, stdoutRights, 0L),
        Arguments.of("stderr", FdKind.STDERR, 0, 0, stdoutRights, 0L),
        Arguments.of("preopen", FdKind.PREOPEN, 3, 0, Rights.DIRECTORY.bits(), Rights.ALL.bits()),
        Arguments.of("directory", FdKind.DIR, 3, 0, Rights.DIRECTORY.bits(), Rights.ALL.bits()),
        Arguments.of("fileReadOnly", FdKind.FILE_RO, 4, 0, FdKind.READ_ONLY, 0L),
        Arguments.of("fileBare", FdKind.FILE_BARE, 4, 0, rights(Right.FD_READ, Right.FD_WRITE), 0L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fdstatCases")
  void fdFdstatGet_layout(String name, FdKind kind, int type, int flags, long base, long inheriting) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    long p = h.alloc(32);
    h.fill(p, 32, 0xEE);
    assertEquals(Errno.SUCCESS, h.call("fd_fdstat_get", fd, p));
    assertEquals(type, h.u8(p), "fs_filetype");
    assertEquals(0, h.u8(p + 1), "padding");
    assertEquals(flags, h.u16(p + 2), "fs_flags");
    assertEquals(0, h.u32(p + 4), "padding");
    assertEquals(base, h.u64(p + 8), "fs_rights_base");
    assertEquals(inheriting, h.u64(p + 16), "fs_rights_inheriting");
    assertEquals(0xEEEEEEEEEEEEEEEEL, h.u64(p + 24), "nothing past 24 bytes");
  }

  @Test
  void fdFdstatGet_terminalStdinAndAppendFile() {
    HostHarness h = HostHarness.builder().stdin(GuestInput.of(new ByteArrayInputStream(new byte[0]))).configure(
        b -> b.stdin(GuestInput.empty(), true)).build();
    long p = h.alloc(24);
    assertEquals(Errno.SUCCESS, h.call("fd_fdstat_get", 0, p));
    assertEquals(2, h.u8(p), "character device");
    int fd = h.open(3, "file", 0, FdKind.ALL_FILE, 0, 1 | 4);
    assertEquals(Errno.SUCCESS, h.call("fd_fdstat_get", fd, p));
    assertEquals(1 | 4, h.u16(p + 2), "APPEND|NONBLOCK");
  }

  /** {@code (name, fd, ptr, errno)}. */
  static Stream<Arguments> fdstatErrors() {
    return Stream.of(
        Arguments.of("closed", FdKind.CLOSED, 0x100L, Errno.EBADF),
        Arguments.of("closedPreopen", FdKind.CLOSED_PREOPEN, 0x100L, Errno.EBADF),
        Arguments.of("negative", FdKind.NEGATIVE, 0x100L, Errno.EBADF),
        Arguments.of("lastSlot", FdKind.PREOPEN, MEM - 24, Errno.SUCCESS),
        Arguments.of("straddlesEnd", FdKind.PREOPEN, MEM - 23, Errno.EFAULT),
        Arguments.of("wild", FdKind.PREOPEN, WILD, Errno.EFAULT),
        Arguments.of("closedAndWild", FdKind.CLOSED, WILD, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fdstatErrors")
  void fdFdstatGet_errors(String name, FdKind kind, long ptr, Errno errno) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    byte[] before = h.read(0, MEM);
    assertEquals(errno, h.call("fd_fdstat_get", fd, ptr));
    if (errno != Errno.SUCCESS) {
      assertArrayEquals(before, h.read(0, MEM), "nothing written");
    }
  }

  // ------------------------------------------------------------------ fd_fdstat_set_flags

  /** {@code (name, fd, flags, errno)}. */
  static Stream<Arguments> setFlagsCases() {
    return Stream.of(
        Arguments.of("fileAppend", FdKind.FILE_RW, 1, Errno.SUCCESS),
        Arguments.of("fileNonblock", FdKind.FILE_RW, 4, Errno.SUCCESS),
        Arguments.of("fileAllDefined", FdKind.FILE_RW, 31, Errno.SUCCESS),
        Arguments.of("fileClearAll", FdKind.FILE_RW, 0, Errno.SUCCESS),
        Arguments.of("stdoutNonblock", FdKind.STDOUT, 4, Errno.SUCCESS),
        Arguments.of("undefinedBit", FdKind.FILE_RW, 32, Errno.EINVAL),
        Arguments.of("highBits", FdKind.FILE_RW, 0x10001, Errno.EINVAL),
        Arguments.of("noRight", FdKind.FILE_BARE, 1, Errno.ENOTCAPABLE),
        Arguments.of("directoryNonblock", FdKind.DIR, 4, Errno.EBADF),
        Arguments.of("preopen", FdKind.PREOPEN, 0, Errno.EBADF),
        Arguments.of("closed", FdKind.CLOSED, 1, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setFlagsCases")
  void fdFdstatSetFlags_table(String name, FdKind kind, int flags, Errno errno) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    assertEquals(errno, h.call("fd_fdstat_set_flags", fd, flags));
    if (errno == Errno.SUCCESS) {
      long p = h.alloc(24);
      assertEquals(Errno.SUCCESS, h.call("fd_fdstat_get", fd, p));
      assertEquals(flags, h.u16(p + 2));
    }
  }

  @Test
  void fdFdstatSetFlags_appendThenWrite_appends() {
    HostHarness h = harness();
    int fd = FdKind.FILE_RW.fd(h);
    assertEquals(Errno.SUCCESS, h.call("fd_fdstat_set_flags", fd, 1));
    HostHarness.Ptr d = h.str("!");
    assertEquals(Errno.SUCCESS, h.call("fd_write", fd, h.iovecs(d.ptr(), 1), 1, h.alloc(4)));
    assertEquals("hello!", h.content("file"));
  }

  // ------------------------------------------------------------------ fd_fdstat_set_rights

  /** {@code (name, fd, new base, new inheriting, errno)}; FILE_RW holds every file right. */
  static Stream<Arguments> setRightsCases() {
    long rw = FdKind.ALL_FILE;
    return Stream.of(
        Arguments.of("same", FdKind.FILE_RW, rw, 0L, Errno.SUCCESS),
        Arguments.of("dropWrite", FdKind.FILE_RW, FdKind.READ_ONLY, 0L, Errno.SUCCESS),
        Arguments.of("dropAll", FdKind.FILE_RW, 0L, 0L, Errno.SUCCESS),
        Arguments.of("addPathOpen", FdKind.FILE_RW, rw | rights(Right.PATH_OPEN), 0L, Errno.ENOTCAPABLE),
        Arguments.of("addInheriting", FdKind.FILE_RW, rw, rights(Right.FD_READ), Errno.ENOTCAPABLE),
        Arguments.of("addWriteToReadOnly", FdKind.FILE_RO, FdKind.READ_ONLY | rights(Right.FD_WRITE), 0L, Errno.ENOTCAPABLE),
        Arguments.of("undefinedBit", FdKind.FILE_RW, rw | (1L << 40), 0L, Errno.ENOTCAPABLE),
        Arguments.of("allOnes", FdKind.FILE_RW, -1L, -1L, Errno.ENOTCAPABLE),
        Arguments.of("preopenNarrowInheriting", FdKind.PREOPEN, Rights.DIRECTORY.bits(), rights(Right.FD_READ), Errno.SUCCESS),
        Arguments.of("stdoutDropWrite", FdKind.STDOUT, 0L, 0L, Errno.SUCCESS),
        Arguments.of("closed", FdKind.CLOSED, 0L, 0L, Errno.EBADF),
        Arguments.of("negative", FdKind.NEGATIVE, 0L, 0L, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setRightsCases")
  void fdFdstatSetRights_table(String name, FdKind kind, long base, long inheriting, Errno errno) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    Descriptor d = h.descriptor(fd);
    long oldBase = d == null ? 0 : d.base().bits();
    long oldInheriting = d == null ? 0 : d.inheriting().bits();
    assertEquals(errno, h.call("fd_fdstat_set_rights", fd, base, inheriting));
    if (d != null) {
      assertEquals(errno == Errno.SUCCESS ? base : oldBase, d.base().bits());
      assertEquals(errno == Errno.SUCCESS ? inheriting : oldInheriting, d.inheriting().bits());
    }
  }

  @Test
  void fdFdstatSetRights_dropWriteThenRegrant_refusedAndWriteStaysRefused() {
    HostHarness h = harness();
    int fd = FdKind.FILE_RW.fd(h);
    assertEquals(Errno.SUCCESS, h.call("fd_fdstat_set_rights", fd, FdKind.READ_ONLY, 0L));
    HostHarness.Ptr d = h.str("X");
    assertEquals(Errno.ENOTCAPABLE, h.call("fd_write", fd, h.iovecs(d.ptr(), 1), 1, h.alloc(4)));
    assertEquals(Errno.ENOTCAPABLE, h.call("fd_fdstat_set_rights", fd, FdKind.ALL_FILE, 0L));
    assertEquals(Errno.ENOTCAPABLE, h.call("fd_write", fd, h.iovecs(d.ptr(), 1), 1, h.alloc(4)));
    assertEquals("hello", h.content("file"));
  }

  @Test
  void fdFdstatSetRights_preopenDropsPathOpen_pathOpenRefused() {
    HostHarness h = harness();
    assertEquals(
        Errno.SUCCESS,
        h.call("fd_fdstat_set_rights", 3, Rights.DIRECTORY.without(Right.PATH_OPEN).bits(), Rights.ALL.bits()));
    HostHarness.Ptr p = h.str("file");
    assertEquals(Errno.ENOTCAPABLE, h.call("path_open", 3, 0, p.ptr(), p.len(), 0, FdKind.ALL_FILE, 0, 0, h.alloc(4)));
  }

  // ------------------------------------------------------------------ fd_filestat_get

  @ParameterizedTest
  @EnumSource(Abi.class)
  void fdFilestatGet_file_layoutPerAbi(Abi abi) {
    HostHarness h = harness();
    int fd = FdKind.FILE_RO.fd(h);
    long p = h.alloc(72);
    h.fill(p, 72, 0xEE);
    assertEquals(Errno.SUCCESS, h.call(abi, "fd_filestat_get", fd, p));
    FileDescriptor f = (FileDescriptor) h.descriptor(fd);
    assertFilestat(h, abi, p, f.stat().dev(), f.stat().ino(), 4, 1, 5, VOLUME_TIME);
  }

  /** Asserts a filestat as {@code abi} lays it out, and that nothing follows it. */
  static void assertFilestat(
      HostHarness h, Abi abi, long p, long dev, long ino, int type, long nlink, long size, long time) {
    assertEquals(dev, h.u64(p), "dev");
    assertEquals(ino, h.u64(p + 8), "ino");
    if (abi == Abi.PREVIEW1) {
      assertEquals(type, h.u64(p + 16), "filetype as a u64 slot");
      assertEquals(nlink, h.u64(p + 24), "nlink u64");
      assertEquals(size, h.u64(p + 32), "size");
      assertEquals(time, h.u64(p + 40), "atim");
      assertEquals(time, h.u64(p + 48), "mtim");
      assertEquals(time, h.u64(p + 56), "ctim");
      assertEquals(0xEEEEEEEEEEEEEEEEL, h.u64(p + 64), "nothing past 64 bytes");
    } else {
      assertEquals(type, h.u32(p + 16), "filetype (u8 + padding)");
      assertEquals(nlink, h.u32(p + 20), "nlink u32");
      assertEquals(size, h.u64(p + 24), "size");
      assertEquals(time, h.u64(p + 32), "atim");
      assertEquals(time, h.u64(p + 40), "mtim");
      assertEquals(time, h.u64(p + 48), "ctim");
      assertEquals(0xEEEEEEEEEEEEEEEEL, h.u64(p + 56), "nothing past 56 bytes");
    }
  }

  /** {@code (name, fd, ptr, errno, filetype)}. */
  static Stream<Arguments> filestatCases() {
    return Stream.of(
        Arguments.of("preopen", FdKind.PREOPEN, 0x100L, Errno.SUCCESS, 3),
        Arguments.of("directory", FdKind.DIR, 0x100L, Errno.SUCCESS, 3),
        Arguments.of("stdin", FdKind.STDIN, 0x100L, Errno.SUCCESS, 0),
        Arguments.of("stdout", FdKind.STDOUT, 0x100L, Errno.SUCCESS, 0),
        Arguments.of("fileWriteOnly", FdKind.FILE_WO, 0x100L, Errno.SUCCESS, 4),
        Arguments.of("noFilestatRight", FdKind.FILE_BARE, 0x100L, Errno.ENOTCAPABLE, -1),
        Arguments.of("closed", FdKind.CLOSED, 0x100L, Errno.EBADF, -1),
        Arguments.of("negative", FdKind.NEGATIVE, 0x100L, Errno.EBADF, -1),
        Arguments.of("lastSlot", FdKind.FILE_RO, MEM - 64, Errno.SUCCESS, 4),
        Arguments.of("straddlesEnd", FdKind.FILE_RO, MEM - 63, Errno.EFAULT, -1),
        Arguments.of("wild", FdKind.FILE_RO, WILD, Errno.EFAULT, -1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filestatCases")
  void fdFilestatGet_table(String name, FdKind kind, long ptr, Errno errno, int type) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    byte[] before = h.read(0, MEM);
    assertEquals(errno, h.call("fd_filestat_get", fd, ptr));
    if (errno == Errno.SUCCESS) {
      assertEquals(type, h.u8(ptr + 16));
    } else {
      assertArrayEquals(before, h.read(0, MEM), "nothing written");
    }
  }

  // ------------------------------------------------------------------ fd_filestat_set_size

  /** {@code (name, fd, size, errno, content after)}. */
  static Stream<Arguments> setSizeCases() {
    return Stream.of(
        Arguments.of("truncate", FdKind.FILE_RW, 2L, Errno.SUCCESS, "he"),
        Arguments.of("toZero", FdKind.FILE_WO, 0L, Errno.SUCCESS, ""),
        Arguments.of("extendZeroFills", FdKind.FILE_RW, 7L, Errno.SUCCESS, "hello\0\0"),
        Arguments.of("negative", FdKind.FILE_RW, -1L, Errno.EINVAL, "hello"),
        Arguments.of("overQuota", FdKind.FILE_RW, 1L << 40, Errno.ENOSPC, "hello"),
        Arguments.of("readOnlyWithSetSizeRight", FdKind.FILE_RO, 0L, Errno.EBADF, "hello"),
        Arguments.of("noRight", FdKind.FILE_BARE, 0L, Errno.ENOTCAPABLE, "hello"),
        Arguments.of("directory", FdKind.DIR, 0L, Errno.EBADF, "hello"),
        Arguments.of("preopen", FdKind.PREOPEN, 0L, Errno.EBADF, "hello"),
        Arguments.of("stdout", FdKind.STDOUT, 0L, Errno.ESPIPE, "hello"),
        Arguments.of("closed", FdKind.CLOSED, 0L, Errno.EBADF, "hello"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setSizeCases")
  void fdFilestatSetSize_table(String name, FdKind kind, long size, Errno errno, String content) {
    HostHarness h = harness();
    assertEquals(errno, h.call("fd_filestat_set_size", kind.fd(h), size));
    assertEquals(content, h.content("file"));
  }

  // ------------------------------------------------------------------ fd_filestat_set_times

  /** {@code (name, fd, atim, mtim, fstflags, errno, atime after, mtime after)}. */
  static Stream<Arguments> setTimesCases() {
    long t = VOLUME_TIME;
    return Stream.of(
        Arguments.of("both", FdKind.FILE_RO, 5L, 6L, 1 | 4, Errno.SUCCESS, 5L, 6L),
        Arguments.of("atimOnly", FdKind.FILE_RO, 5L, 6L, 1, Errno.SUCCESS, 5L, t),
        Arguments.of("mtimOnly", FdKind.FILE_RO, 5L, 6L, 4, Errno.SUCCESS, t, 6L),
        Arguments.of("nothing", FdKind.FILE_RO, 5L, 6L, 0, Errno.SUCCESS, t, t),
        Arguments.of("atimNowFromGuestClock", FdKind.FILE_RO, 5L, 6L, 2, Errno.SUCCESS, REALTIME_START, t),
        Arguments.of("mtimNow", FdKind.FILE_RO, 5L, 6L, 8, Errno.SUCCESS, t, REALTIME_START),
        Arguments.of("directory", FdKind.DIR, 5L, 6L, 1 | 4, Errno.SUCCESS, 5L, 6L),
        Arguments.of("atimAndAtimNow", FdKind.FILE_RO, 5L, 6L, 1 | 2, Errno.EINVAL, t, t),
        Arguments.of("mtimAndMtimNow", FdKind.FILE_RO, 5L, 6L, 4 | 8, Errno.EINVAL, t, t),
        Arguments.of("undefinedBit", FdKind.FILE_RO, 5L, 6L, 16, Errno.EINVAL, t, t),
        Arguments.of("noRight", FdKind.FILE_BARE, 5L, 6L, 1, Errno.ENOTCAPABLE, t, t),
        Arguments.of("stdout", FdKind.STDOUT, 5L, 6L, 1, Errno.ENOTCAPABLE, t, t),
        Arguments.of("closed", FdKind.CLOSED, 5L, 6L, 1, Errno.EBADF, t, t));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setTimesCases")
  void fdFilestatSetTimes_table(
      String name, FdKind kind, long atim, long mtim, int flags, Errno errno, long atime, long mtime) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    assertEquals(errno, h.call("fd_filestat_set_times", fd, atim, mtim, flags));
    String path = kind == FdKind.DIR ? "dir" : "file";
    assertEquals(atime, h.node(h.sandbox(), path).stat().atimNs(), "atim");
    assertEquals(mtime, h.node(h.sandbox(), path).stat().mtimNs(), "mtim");
  }

  @Test
  void fdFilestatSetTimes_readOnlyVolume_erofsForFileAndDirectory() {
    HostHarness h = HostHarness.builder().withReadOnly().build();
    int file = h.open(4, "r.txt", 0, FdKind.READ_ONLY, 0, 0);
    assertEquals(Errno.EROFS, h.call("fd_filestat_set_times", file, 1L, 1L, 1 | 4));
    assertEquals(Errno.EROFS, h.call("fd_filestat_set_times", 4, 1L, 1L, 1 | 4));
    int dir = h.open(4, "rdir", 2, Rights.DIRECTORY.bits(), 0, 0);
    assertEquals(Errno.EROFS, h.call("fd_filestat_set_times", dir, 1L, 1L, 8));
  }

  // ------------------------------------------------------------------ fd_prestat_get / dir_name

  /** {@code (name, fd, ptr, errno)}. */
  static Stream<Arguments> prestatCases() {
    return Stream.of(
        Arguments.of("preopen", FdKind.PREOPEN, 0x100L, Errno.SUCCESS),
        Arguments.of("lastSlot", FdKind.PREOPEN, MEM - 8, Errno.SUCCESS),
        Arguments.of("straddlesEnd", FdKind.PREOPEN, MEM - 7, Errno.EFAULT),
        Arguments.of("wild", FdKind.PREOPEN, WILD, Errno.EFAULT),
        Arguments.of("openedDirectory", FdKind.DIR, 0x100L, Errno.EBADF),
        Arguments.of("file", FdKind.FILE_RO, 0x100L, Errno.EBADF),
        Arguments.of("stdin", FdKind.STDIN, 0x100L, Errno.EBADF),
        Arguments.of("closedPreopen", FdKind.CLOSED_PREOPEN, 0x100L, Errno.EBADF),
        Arguments.of("nextAfterPreopens", FdKind.CLOSED, 0x100L, Errno.EBADF),
        Arguments.of("negative", FdKind.NEGATIVE, 0x100L, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("prestatCases")
  void fdPrestatGet_table(String name, FdKind kind, long ptr, Errno errno) {
    for (Abi abi : Abi.values()) {
      HostHarness h = harness();
      int fd = kind.fd(h);
      byte[] before = h.read(0, MEM);
      assertEquals(errno, h.call(abi, "fd_prestat_get", fd, ptr), abi.name());
      if (errno == Errno.SUCCESS) {
        assertEquals(0, h.u32(ptr), "tag dir");
        assertEquals(8, h.u32(ptr + 4), "\"/sandbox\".length");
      } else {
        assertArrayEquals(before, h.read(0, MEM), "nothing written");
      }
    }
  }

  @Test
  void fdPrestatGet_scanStopsAtFirstEbadf() {
    HostHarness h = HostHarness.builder().withOther().withReadOnly().build();
    long p = h.alloc(8);
    long buf = h.alloc(16);
    String[] names = {"/sandbox", "/other", "/ro"};
    for (int fd = 3; fd < 6; fd++) {
      assertEquals(Errno.SUCCESS, h.call("fd_prestat_get", fd, p));
      long len = h.u32(p + 4);
      assertEquals(Errno.SUCCESS, h.call("fd_prestat_dir_name", fd, buf, len));
      assertEquals(names[fd - 3], h.readString(buf, len));
    }
    assertEquals(Errno.EBADF, h.call("fd_prestat_get", 6, p));
  }

  /** {@code (name, fd, ptr, len, errno)}. */
  static Stream<Arguments> dirNameCases() {
    return Stream.of(
        Arguments.of("exactLength", FdKind.PREOPEN, 0x100L, 8L, Errno.SUCCESS),
        Arguments.of("longerBuffer", FdKind.PREOPEN, 0x100L, 100L, Errno.SUCCESS),
        Arguments.of("hugeLengthGoodPointer", FdKind.PREOPEN, 0x100L, 0xFFFF_FFFFL, Errno.SUCCESS),
        Arguments.of("oneShort", FdKind.PREOPEN, 0x100L, 7L, Errno.ENAMETOOLONG),
        Arguments.of("zeroLength", FdKind.PREOPEN, 0x100L, 0L, Errno.ENAMETOOLONG),
        Arguments.of("endsAtMemoryEnd", FdKind.PREOPEN, MEM - 8, 8L, Errno.SUCCESS),
        Arguments.of("straddlesEnd", FdKind.PREOPEN, MEM - 7, 8L, Errno.EFAULT),
        Arguments.of("wild", FdKind.PREOPEN, WILD, 8L, Errno.EFAULT),
        Arguments.of("file", FdKind.FILE_RO, 0x100L, 8L, Errno.EBADF),
        Arguments.of("openedDirectory", FdKind.DIR, 0x100L, 8L, Errno.EBADF),
        Arguments.of("closed", FdKind.CLOSED, 0x100L, 8L, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dirNameCases")
  void fdPrestatDirName_table(String name, FdKind kind, long ptr, long len, Errno errno) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    byte[] before = h.read(0, MEM);
    assertEquals(errno, h.call("fd_prestat_dir_name", fd, ptr, len));
    if (errno == Errno.SUCCESS) {
      assertEquals("/sandbox", h.readString(ptr, 8));
      if (ptr + 8 < MEM) {
        assertEquals(0, h.u8(ptr + 8), "no NUL written, nothing past the name");
      }
    } else {
      assertArrayEquals(before, h.read(0, MEM), "nothing written");
    }
  }

  @Test
  void fdPrestatDirName_nonAsciiName_lengthInBytes() {
    HostHarness h = HostHarness.builder().preopen("/dätä", dev.wasibox.vfs.memory.MemoryVolume.create().root()).build();
    long p = h.alloc(8);
    assertEquals(Errno.SUCCESS, h.call("fd_prestat_get", 4, p));
    assertEquals(7, h.u32(p + 4));
    assertEquals(Errno.ENAMETOOLONG, h.call("fd_prestat_dir_name", 4, 0x200, 6));
    assertEquals(Errno.SUCCESS, h.call("fd_prestat_dir_name", 4, 0x200, 7));
    assertArrayEquals("/dätä".getBytes(StandardCharsets.UTF_8), h.read(0x200, 7));
  }

  @Test
  void everyFdFunction_onEveryNotOpenKind_isEbadfNeverHostBug() {
    for (FdKind kind : FdKind.values()) {
      if (!kind.notOpen()) {
        continue;
      }
      HostHarness h = harness();
      int fd = kind.fd(h);
      long p = h.alloc(64);
      assertTrue(h.call("fd_fdstat_get", fd, p) == Errno.EBADF, kind.name());
      assertEquals(Errno.EBADF, h.call("fd_filestat_get", fd, p), kind.name());
      assertEquals(Errno.EBADF, h.call("fd_filestat_set_size", fd, 0L), kind.name());
      assertEquals(Errno.EBADF, h.call("fd_filestat_set_times", fd, 0L, 0L, 0), kind.name());
      assertEquals(Errno.EBADF, h.call("fd_fdstat_set_flags", fd, 0), kind.name());
      assertEquals(Errno.EBADF, h.call("fd_readdir", fd, p, 64, 0L, p), kind.name());
      assertEquals(Errno.EBADF, h.call("fd_prestat_dir_name", fd, p, 64), kind.name());
    }
  }
}
