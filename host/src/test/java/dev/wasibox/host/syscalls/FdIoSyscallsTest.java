package dev.wasibox.host.syscalls;

import static dev.wasibox.host.HostHarness.rights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.host.Abi;
import dev.wasibox.host.HostHarness;
import dev.wasibox.host.LimitExceededException;
import dev.wasibox.host.fd.FileDescriptor;
import dev.wasibox.vfs.Quota;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fd_read}, {@code fd_pread}, {@code fd_write}, {@code fd_pwrite}, {@code fd_seek}, {@code
 * fd_tell}. Fixture: the standard tree ({@code /sandbox/file} = "hello"), stdin "input", memory
 * of one page; descriptors from {@link FdKind}.
 */
class FdIoSyscallsTest {
  private static final long MEM = 65536;
  private static final long WILD = 0xFFFF_FFF0L;

  /** Bytes of file content in the fixture volume: "hello", "nested", "HOST-SECRET". */
  /** What the standard fixture holds: file contents, then its nine symlinks' targets. */
  private static final long FIXTURE_BYTES = 5 + 6 + 11 + (13 + 4 + 3 + 11 + 10 + 21 + 2 + 4 + 7);

  private static HostHarness harness() {
    return HostHarness.builder().stdin("input".getBytes(StandardCharsets.UTF_8)).build();
  }

  private static String str(HostHarness h, long ptr, long n) {
    return h.readString(ptr, n);
  }

  // ------------------------------------------------------------------ fd_read

  /** {@code (name, fd, errno, bytes read)} for a 16-byte iovec. */
  static Stream<Arguments> readByKind() {
    return Stream.of(
        Arguments.of("stdin", FdKind.STDIN, Errno.SUCCESS, "input"),
        Arguments.of("stdout", FdKind.STDOUT, Errno.ENOTCAPABLE, null),
        Arguments.of("stderr", FdKind.STDERR, Errno.ENOTCAPABLE, null),
        Arguments.of("preopen", FdKind.PREOPEN, Errno.EBADF, null),
        Arguments.of("directory", FdKind.DIR, Errno.EBADF, null),
        Arguments.of("fileReadOnly", FdKind.FILE_RO, Errno.SUCCESS, "hello"),
        Arguments.of("fileReadWrite", FdKind.FILE_RW, Errno.SUCCESS, "hello"),
        Arguments.of("fileNoSeekRight", FdKind.FILE_BARE, Errno.SUCCESS, "hello"),
        Arguments.of("fileWriteOnly", FdKind.FILE_WO, Errno.ENOTCAPABLE, null),
        Arguments.of("closedPreopen", FdKind.CLOSED_PREOPEN, Errno.EBADF, null),
        Arguments.of("closed", FdKind.CLOSED, Errno.EBADF, null),
        Arguments.of("negative", FdKind.NEGATIVE, Errno.EBADF, null),
        Arguments.of("huge", FdKind.HUGE, Errno.EBADF, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readByKind")
  void fdRead_byKind(String name, FdKind kind, Errno errno, String data) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    long buf = h.alloc(16);
    long iov = h.iovecs(buf, 16);
    long nread = h.alloc(4);
    h.putU32(nread, 0xDEAD);
    assertEquals(errno, h.call("fd_read", fd, iov, 1, nread));
    if (data != null) {
      assertEquals(data.length(), h.u32(nread));
      assertEquals(data, str(h, buf, data.length()));
    } else {
      assertEquals(0xDEAD, h.u32(nread));
    }
  }

  /**
   * Wild iovecs and result pointers on the file and on stdin: {@code (name, iovec array (null for
   * WILD), pairs, count, nread pointer (-1 for a good one), errno)}. On failure nothing was
   * consumed: the next good read returns everything.
   */
  static Stream<Arguments> readPointers() {
    return Stream.of(
        Arguments.of("nreadPointerWild", true, new long[] {0x800, 16}, 1L, WILD, Errno.EFAULT),
        Arguments.of("nreadStraddlesEnd", true, new long[] {0x800, 16}, 1L, MEM - 2, Errno.EFAULT),
        Arguments.of("iovecArrayWild", false, new long[] {0x800, 16}, 1L, -1L, Errno.EFAULT),
        Arguments.of("bufferWild", true, new long[] {WILD, 16}, 1L, -1L, Errno.EFAULT),
        Arguments.of("bufferHugeLength", true, new long[] {0x800, 0x7FFF_FFF0L}, 1L, -1L, Errno.EFAULT),
        Arguments.of("bufferWraps", true, new long[] {0xFFFF_FF00L, 0x200}, 1L, -1L, Errno.EFAULT),
        Arguments.of("secondBufferBad", true, new long[] {0x800, 2, MEM - 1, 2}, 2L, -1L, Errno.EFAULT),
        Arguments.of("tooManyIovecs", true, new long[] {0x800, 16}, 1025L, -1L, Errno.EINVAL),
        Arguments.of("countMaxU32", true, new long[] {0x800, 16}, 0xFFFF_FFFFL, -1L, Errno.EINVAL),
        Arguments.of("zeroIovecs", true, new long[] {}, 0L, -1L, Errno.SUCCESS),
        Arguments.of("zeroLengthIovec", true, new long[] {0x800, 0}, 1L, -1L, Errno.SUCCESS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readPointers")
  void fdRead_wildPointersOnFile_nothingConsumed(
      String name, boolean goodArray, long[] pairs, long count, long nreadPtr, Errno errno) {
    HostHarness h = harness();
    int fd = h.openFile("file", false);
    readWithPointers(h, fd, goodArray, pairs, count, nreadPtr, errno);
    assertEquals(0, ((FileDescriptor) h.descriptor(fd)).position(), "position unchanged");
    assertEquals("hello", readAll(h, fd));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readPointers")
  void fdRead_wildPointersOnStdin_nothingConsumed(
      String name, boolean goodArray, long[] pairs, long count, long nreadPtr, Errno errno) {
    HostHarness h = harness();
    readWithPointers(h, 0, goodArray, pairs, count, nreadPtr, errno);
    assertEquals("input", readAll(h, 0));
  }

  private static void readWithPointers(
      HostHarness h, int fd, boolean goodArray, long[] pairs, long count, long nreadPtr, Errno errno) {
    long iov = goodArray ? h.iovecs(pairs) : WILD;
    long nread = nreadPtr == -1 ? h.alloc(4) : nreadPtr;
    byte[] before = h.read(0x800, 16);
    assertEquals(errno, h.call("fd_read", fd, iov, count, nread));
    if (errno == Errno.SUCCESS) {
      assertEquals(0, h.u32(nread));
    }
    assertArrayEquals(before, h.read(0x800, 16), "no byte transferred");
  }

  private static String readAll(HostHarness h, int fd) {
    long buf = h.alloc(64);
    long iov = h.iovecs(buf, 64);
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_read", fd, iov, 1, n));
    return str(h, buf, h.u32(n));
  }

  @Test
  void fdRead_scatterAcrossIovecs_fillsInOrderAndAdvances() {
    HostHarness h = harness();
    int fd = h.openFile("file", false);
    long a = h.alloc(2);
    long b = h.alloc(8);
    long iov = h.iovecs(a, 2, b, 0, b, 8);
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_read", fd, iov, 3, n));
    assertEquals(5, h.u32(n));
    assertEquals("he", str(h, a, 2));
    assertEquals("llo", str(h, b, 3));
    assertEquals(Errno.SUCCESS, h.call("fd_read", fd, iov, 3, n));
    assertEquals(0, h.u32(n), "end of file");
  }

  @Test
  void fdRead_largeFileAcrossChunks_readsEverything() {
    HostHarness h = HostHarness.builder().pages(4).build();
    byte[] big = new byte[200_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + 7);
    }
    h.file("big", new String(big, StandardCharsets.ISO_8859_1));
    // The fixture writes UTF-8: read back what was planted rather than assume the encoding.
    int fd = h.openFile("big", false);
    long size = ((FileDescriptor) h.descriptor(fd)).file().size();
    long iov = h.iovecs(0x1000, 0x30000);
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_read", fd, iov, 1, n));
    assertEquals(Math.min(size, 0x30000), h.u32(n));
  }

  @Test
  void fdRead_trace() {
    HostHarness h = harness();
    h.call("fd_read", 1, 0x100, 1, 0x200);
    assertEquals(List.of("==> fd_read(fd=1,iovs=256,iovs_len=1)", "<== errno=ENOTCAPABLE"), h.trace());
  }

  // ------------------------------------------------------------------ fd_pread

  /** {@code (name, fd, offset, errno, data)}. */
  static Stream<Arguments> preadCases() {
    return Stream.of(
        Arguments.of("fileAtOffset1", FdKind.FILE_RO, 1L, Errno.SUCCESS, "ello"),
        Arguments.of("fileAtEnd", FdKind.FILE_RO, 5L, Errno.SUCCESS, ""),
        Arguments.of("fileFarPastEnd", FdKind.FILE_RO, 1L << 62, Errno.SUCCESS, ""),
        Arguments.of("offsetMaxLong", FdKind.FILE_RO, Long.MAX_VALUE, Errno.SUCCESS, ""),
        Arguments.of("negativeOffset", FdKind.FILE_RO, -1L, Errno.EINVAL, null),
        Arguments.of("noSeekRight", FdKind.FILE_BARE, 0L, Errno.ENOTCAPABLE, null),
        Arguments.of("writeOnly", FdKind.FILE_WO, 0L, Errno.ENOTCAPABLE, null),
        Arguments.of("stdin", FdKind.STDIN, 0L, Errno.ESPIPE, null),
        Arguments.of("stdout", FdKind.STDOUT, 0L, Errno.ESPIPE, null),
        Arguments.of("directory", FdKind.DIR, 0L, Errno.EBADF, null),
        Arguments.of("preopen", FdKind.PREOPEN, 0L, Errno.EBADF, null),
        Arguments.of("closed", FdKind.CLOSED, 0L, Errno.EBADF, null),
        Arguments.of("negativeFd", FdKind.NEGATIVE, 0L, Errno.EBADF, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("preadCases")
  void fdPread_table(String name, FdKind kind, long offset, Errno errno, String data) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    long buf = h.alloc(16);
    long n = h.alloc(4);
    assertEquals(errno, h.call("fd_pread", fd, h.iovecs(buf, 16), 1, offset, n));
    if (data != null) {
      assertEquals(data, str(h, buf, h.u32(n)));
      assertEquals(0, ((FileDescriptor) h.descriptor(fd)).position(), "position unchanged");
    }
  }

  @Test
  void fdPread_badResultPointer_efault() {
    HostHarness h = harness();
    int fd = h.openFile("file", false);
    assertEquals(Errno.EFAULT, h.call("fd_pread", fd, h.iovecs(0x800, 16), 1, 0L, WILD));
    assertArrayEquals(new byte[16], h.read(0x800, 16));
    assertEquals(Errno.EFAULT, h.call("fd_pread", fd, h.iovecs(0x800, 0x7FFF_FFF0L), 1, 0L, 0x900));
    assertEquals(Errno.EINVAL, h.call("fd_pread", fd, h.iovecs(0x800, 1), 1025, 0L, 0x900));
  }

  // ------------------------------------------------------------------ fd_write

  /** {@code (name, fd, errno, file content after (null: not the file))}. */
  static Stream<Arguments> writeByKind() {
    return Stream.of(
        Arguments.of("fileReadWrite", FdKind.FILE_RW, Errno.SUCCESS, "HELLO"),
        Arguments.of("fileWriteOnly", FdKind.FILE_WO, Errno.SUCCESS, "HELLO"),
        Arguments.of("fileNoSeekRight", FdKind.FILE_BARE, Errno.SUCCESS, "HELLO"),
        Arguments.of("fileReadOnly", FdKind.FILE_RO, Errno.ENOTCAPABLE, "hello"),
        Arguments.of("stdin", FdKind.STDIN, Errno.ENOTCAPABLE, "hello"),
        Arguments.of("preopen", FdKind.PREOPEN, Errno.EBADF, "hello"),
        Arguments.of("directory", FdKind.DIR, Errno.EBADF, "hello"),
        Arguments.of("closedPreopen", FdKind.CLOSED_PREOPEN, Errno.EBADF, "hello"),
        Arguments.of("closed", FdKind.CLOSED, Errno.EBADF, "hello"),
        Arguments.of("negative", FdKind.NEGATIVE, Errno.EBADF, "hello"),
        Arguments.of("huge", FdKind.HUGE, Errno.EBADF, "hello"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeByKind")
  void fdWrite_byKind(String name, FdKind kind, Errno errno, String content) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    HostHarness.Ptr data = h.str("HELLO");
    long n = h.alloc(4);
    assertEquals(errno, h.call("fd_write", fd, h.iovecs(data.ptr(), 5), 1, n));
    assertEquals(errno == Errno.SUCCESS ? 5 : 0, h.u32(n));
    assertEquals(content, h.content("file"));
  }

  @Test
  void fdWrite_stdoutAndStderr_captured() {
    HostHarness h = harness();
    HostHarness.Ptr a = h.str("out");
    HostHarness.Ptr b = h.str("err");
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_write", 1, h.iovecs(a.ptr(), 3, b.ptr(), 0, a.ptr(), 1), 3, n));
    assertEquals(4, h.u32(n));
    assertEquals(Errno.SUCCESS, h.call("fd_write", 2, h.iovecs(b.ptr(), 3), 1, n));
    assertEquals("outo", h.stdout());
    assertEquals("err", h.stderr());
  }

  /** Bad pointers on stdout and on a file: nothing is written anywhere. */
  static Stream<Arguments> writePointers() {
    return Stream.of(
        Arguments.of("nwrittenWild", true, new long[] {0x800, 5}, 1L, WILD, Errno.EFAULT),
        Arguments.of("nwrittenAtMemorySize", true, new long[] {0x800, 5}, 1L, MEM, Errno.EFAULT),
        Arguments.of("iovecArrayWild", false, new long[] {0x800, 5}, 1L, -1L, Errno.EFAULT),
        Arguments.of("bufferHugeLength", true, new long[] {0x800, 0x7FFF_FFF0L}, 1L, -1L, Errno.EFAULT),
        Arguments.of("bufferWraps", true, new long[] {0xFFFF_FFF0L, 0x20}, 1L, -1L, Errno.EFAULT),
        Arguments.of("goodThenBad", true, new long[] {0x800, 5, MEM, 1}, 2L, -1L, Errno.EFAULT),
        Arguments.of("tooManyIovecs", true, new long[] {0x800, 5}, 1025L, -1L, Errno.EINVAL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writePointers")
  void fdWrite_wildPointersOnStdout_nothingWritten(
      String name, boolean goodArray, long[] pairs, long count, long nPtr, Errno errno) {
    HostHarness h = harness();
    h.write(0x800, "HELLO".getBytes(StandardCharsets.UTF_8));
    long iov = goodArray ? h.iovecs(pairs) : WILD;
    assertEquals(errno, h.call("fd_write", 1, iov, count, nPtr == -1 ? h.alloc(4) : nPtr));
    assertEquals("", h.stdout());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writePointers")
  void fdWrite_wildPointersOnFile_nothingWritten(
      String name, boolean goodArray, long[] pairs, long count, long nPtr, Errno errno) {
    HostHarness h = harness();
    int fd = FdKind.FILE_RW.fd(h);
    h.write(0x800, "HELLO".getBytes(StandardCharsets.UTF_8));
    long iov = goodArray ? h.iovecs(pairs) : WILD;
    assertEquals(errno, h.call("fd_write", fd, iov, count, nPtr == -1 ? h.alloc(4) : nPtr));
    assertEquals("hello", h.content("file"));
    assertEquals(0, ((FileDescriptor) h.descriptor(fd)).position());
  }

  @Test
  void fdWrite_appendFlag_seekIgnoredWritesAtEnd() {
    HostHarness h = harness();
    int fd = h.open(3, "file", 0, FdKind.ALL_FILE, 0, 1 /* APPEND */);
    long pos = h.alloc(8);
    assertEquals(Errno.SUCCESS, h.call("fd_seek", fd, 0L, 0, pos));
    HostHarness.Ptr d = h.str("!!");
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_write", fd, h.iovecs(d.ptr(), 2), 1, n));
    assertEquals("hello!!", h.content("file"));
    assertEquals(Errno.SUCCESS, h.call("fd_tell", fd, pos));
    assertEquals(7, h.u64(pos));
  }

  @Test
  void fdWrite_overQuota_enospcAndNothingWritten() {
    HostHarness h = HostHarness.builder().quota(new Quota(FIXTURE_BYTES + 3, 1000)).build();
    int fd = FdKind.FILE_RW.fd(h);
    long n = h.alloc(4);
    long pos = h.alloc(8);
    assertEquals(Errno.SUCCESS, h.call("fd_seek", fd, 0L, 2, pos));
    assertEquals(Errno.ENOSPC, h.call("fd_write", fd, h.iovecs(0x800, 4), 1, n));
    assertEquals("hello", h.content("file"));
    assertEquals(Errno.SUCCESS, h.call("fd_write", fd, h.iovecs(0x800, 3), 1, n));
    assertEquals(3, h.u32(n));
  }

  @Test
  void fdWrite_quotaRunsOutMidCall_reportsBytesWritten() {
    HostHarness h = HostHarness.builder().pages(4).quota(new Quota(FIXTURE_BYTES + 70_000, 1000)).build();
    int fd = FdKind.FILE_RW.fd(h);
    long n = h.alloc(4);
    // Two chunks of 64 KiB: the first fits, the second does not.
    assertEquals(Errno.SUCCESS, h.call("fd_write", fd, h.iovecs(0x10000, 0x20000), 1, n));
    assertEquals(GuestMemory_CHUNK, h.u32(n));
  }

  private static final int GuestMemory_CHUNK = dev.wasibox.host.GuestMemory.CHUNK;

  @Test
  void fdWrite_atEndOfLongRange_efbigNothingWritten() {
    HostHarness h = harness();
    int fd = FdKind.FILE_RW.fd(h);
    assertEquals(Errno.SUCCESS, h.call("fd_seek", fd, Long.MAX_VALUE - 1, 0, h.alloc(8)));
    HostHarness.Ptr d = h.str("XY");
    long n = h.alloc(4);
    assertEquals(Errno.EFBIG, h.call("fd_write", fd, h.iovecs(d.ptr(), 2), 1, n));
    assertEquals("hello", h.content("file"));
    assertEquals(Long.MAX_VALUE - 1, ((FileDescriptor) h.descriptor(fd)).position());
  }

  @Test
  void fdWrite_stdoutOverLimit_writesWhatFitsThenLimitExceeded() {
    HostHarness h = HostHarness.builder().stdoutLimit(4).build();
    HostHarness.Ptr d = h.str("abcdef");
    long n = h.alloc(4);
    long iov = h.iovecs(d.ptr(), 6);
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> h.call("fd_write", 1, iov, 1, n));
    assertEquals(LimitExceededException.Limit.OUTPUT, e.limit());
    assertEquals("abcd", h.stdout());
    assertEquals(List.of("==> fd_write(fd=1,iovs=" + iov + ",iovs_len=1)"), h.trace());
  }

  @Test
  void fdWrite_sharedBudget_stderrCountsAgainstStdout() {
    HostHarness h = HostHarness.builder().outputLimit(5).build();
    HostHarness.Ptr d = h.str("abc");
    long n = h.alloc(4);
    assertEquals(Errno.SUCCESS, h.call("fd_write", 2, h.iovecs(d.ptr(), 3), 1, n));
    assertThrows(LimitExceededException.class, () -> h.call("fd_write", 1, h.iovecs(d.ptr(), 3), 1, n));
    assertEquals("ab", h.stdout());
    assertEquals("abc", h.stderr());
  }

  @Test
  void fdWrite_trace() {
    HostHarness h = harness();
    h.call("fd_write", 0, 0x100, 1, 0x200);
    assertEquals(List.of("==> fd_write(fd=0,iovs=256,iovs_len=1)", "<== errno=ENOTCAPABLE"), h.trace());
  }

  // ------------------------------------------------------------------ fd_pwrite

  /** {@code (name, fd, offset, errno, content after)}. */
  static Stream<Arguments> pwriteCases() {
    return Stream.of(
        Arguments.of("fileAtOffset1", FdKind.FILE_RW, 1L, Errno.SUCCESS, "hXYlo"),
        Arguments.of("filePastEndZeroFills", FdKind.FILE_RW, 7L, Errno.SUCCESS, "hello\0\0XY"),
        Arguments.of("negativeOffset", FdKind.FILE_RW, -1L, Errno.EINVAL, "hello"),
        Arguments.of("overflowingOffset", FdKind.FILE_RW, Long.MAX_VALUE - 1, Errno.EFBIG, "hello"),
        Arguments.of("overQuota", FdKind.FILE_RW, 1L << 40, Errno.ENOSPC, "hello"),
        Arguments.of("readOnly", FdKind.FILE_RO, 0L, Errno.ENOTCAPABLE, "hello"),
        Arguments.of("noSeekRight", FdKind.FILE_BARE, 0L, Errno.ENOTCAPABLE, "hello"),
        Arguments.of("stdout", FdKind.STDOUT, 0L, Errno.ESPIPE, "hello"),
        Arguments.of("directory", FdKind.DIR, 0L, Errno.EBADF, "hello"),
        Arguments.of("closed", FdKind.CLOSED, 0L, Errno.EBADF, "hello"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pwriteCases")
  void fdPwrite_table(String name, FdKind kind, long offset, Errno errno, String content) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    HostHarness.Ptr d = h.str("XY");
    long n = h.alloc(4);
    assertEquals(errno, h.call("fd_pwrite", fd, h.iovecs(d.ptr(), 2), 1, offset, n));
    assertEquals(content, h.content("file"));
    assertEquals("", h.stdout());
    if (errno == Errno.SUCCESS) {
      assertEquals(2, h.u32(n));
      assertEquals(0, ((FileDescriptor) h.descriptor(fd)).position(), "position unchanged");
    }
  }

  @Test
  void fdPwrite_badResultPointer_nothingWritten() {
    HostHarness h = harness();
    int fd = FdKind.FILE_RW.fd(h);
    HostHarness.Ptr d = h.str("XY");
    assertEquals(Errno.EFAULT, h.call("fd_pwrite", fd, h.iovecs(d.ptr(), 2), 1, 0L, WILD));
    assertEquals("hello", h.content("file"));
  }

  // ------------------------------------------------------------------ fd_seek / fd_tell

  /** {@code (name, fd, offset, whence, errno, new offset)}; files start at position 2. */
  static Stream<Arguments> seekCases() {
    return Stream.of(
        Arguments.of("set", FdKind.FILE_RO, 3L, 0, Errno.SUCCESS, 3L),
        Arguments.of("setPastEnd", FdKind.FILE_RO, 100L, 0, Errno.SUCCESS, 100L),
        Arguments.of("cur", FdKind.FILE_RO, 1L, 1, Errno.SUCCESS, 3L),
        Arguments.of("curBack", FdKind.FILE_RO, -2L, 1, Errno.SUCCESS, 0L),
        Arguments.of("end", FdKind.FILE_RO, -1L, 2, Errno.SUCCESS, 4L),
        Arguments.of("setNegative", FdKind.FILE_RO, -1L, 0, Errno.EINVAL, 2L),
        Arguments.of("curBeforeStart", FdKind.FILE_RO, -3L, 1, Errno.EINVAL, 2L),
        Arguments.of("endBeforeStart", FdKind.FILE_RO, -6L, 2, Errno.EINVAL, 2L),
        Arguments.of("curOverflows", FdKind.FILE_RO, Long.MAX_VALUE, 1, Errno.EINVAL, 2L),
        Arguments.of("setMaxLong", FdKind.FILE_RO, Long.MAX_VALUE, 0, Errno.SUCCESS, Long.MAX_VALUE),
        Arguments.of("whence3", FdKind.FILE_RO, 0L, 3, Errno.EINVAL, 2L),
        Arguments.of("whence255", FdKind.FILE_RO, 0L, 255, Errno.EINVAL, 2L),
        Arguments.of("noSeekRightButTell", FdKind.FILE_BARE, 0L, 1, Errno.ENOTCAPABLE, null),
        Arguments.of("stdin", FdKind.STDIN, 0L, 0, Errno.ESPIPE, null),
        Arguments.of("stdout", FdKind.STDOUT, 0L, 1, Errno.ESPIPE, null),
        Arguments.of("directory", FdKind.DIR, 0L, 0, Errno.EBADF, null),
        Arguments.of("preopen", FdKind.PREOPEN, 0L, 0, Errno.EBADF, null),
        Arguments.of("closed", FdKind.CLOSED, 0L, 0, Errno.EBADF, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seekCases")
  void fdSeek_table(String name, FdKind kind, long offset, int whence, Errno errno, Long position) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    if (h.descriptor(fd) instanceof FileDescriptor f) {
      f.position(2);
    }
    long out = h.alloc(8);
    h.putU64(out, -7);
    assertEquals(errno, h.call("fd_seek", fd, offset, whence, out));
    assertEquals(errno == Errno.SUCCESS ? position : -7L, h.u64(out));
    if (position != null) {
      assertEquals((long) position, ((FileDescriptor) h.descriptor(fd)).position());
    }
  }

  @Test
  void fdSeek_tellOnlyRight_zeroCurMoveAllowedOthersNot() {
    HostHarness h = harness();
    int fd = h.open(3, "file", 0, rights(Right.FD_READ, Right.FD_TELL), 0, 0);
    long out = h.alloc(8);
    assertEquals(Errno.SUCCESS, h.call("fd_seek", fd, 0L, 1, out));
    assertEquals(0, h.u64(out));
    assertEquals(Errno.ENOTCAPABLE, h.call("fd_seek", fd, 0L, 0, out));
    assertEquals(Errno.ENOTCAPABLE, h.call("fd_seek", fd, 1L, 1, out));
  }

  @Test
  void fdSeek_badResultPointer_positionUnchanged() {
    HostHarness h = harness();
    int fd = FdKind.FILE_RO.fd(h);
    assertEquals(Errno.EFAULT, h.call("fd_seek", fd, 3L, 0, WILD));
    assertEquals(Errno.EFAULT, h.call("fd_seek", fd, 3L, 0, MEM - 4));
    assertEquals(0, ((FileDescriptor) h.descriptor(fd)).position());
  }

  @Test
  void fdSeek_trace() {
    HostHarness h = harness();
    h.call("fd_seek", 1, -5L, 2, 0x100);
    assertEquals(List.of("==> fd_seek(fd=1,offset=-5,whence=2)", "<== errno=ESPIPE"), h.trace());
  }

  /** {@code (name, fd, errno)}. */
  static Stream<Arguments> tellCases() {
    return Stream.of(
        Arguments.of("file", FdKind.FILE_RO, Errno.SUCCESS),
        Arguments.of("noTellRight", FdKind.FILE_BARE, Errno.ENOTCAPABLE),
        Arguments.of("stdin", FdKind.STDIN, Errno.ESPIPE),
        Arguments.of("stderr", FdKind.STDERR, Errno.ESPIPE),
        Arguments.of("directory", FdKind.DIR, Errno.EBADF),
        Arguments.of("closed", FdKind.CLOSED, Errno.EBADF),
        Arguments.of("negative", FdKind.NEGATIVE, Errno.EBADF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tellCases")
  void fdTell_table(String name, FdKind kind, Errno errno) {
    HostHarness h = harness();
    int fd = kind.fd(h);
    long out = h.alloc(8);
    h.putU64(out, -7);
    assertEquals(errno, h.call("fd_tell", fd, out));
    assertEquals(errno == Errno.SUCCESS ? 0 : -7, h.u64(out));
  }

  @Test
  void fdTell_badPointer_efault() {
    HostHarness h = harness();
    int fd = FdKind.FILE_RO.fd(h);
    assertEquals(Errno.EFAULT, h.call("fd_tell", fd, MEM - 7));
    assertEquals(Errno.EFAULT, h.call("fd_tell", fd, WILD));
  }

  @Test
  void fdRead_afterPositionMovedBySeek_readsFromThere() {
    HostHarness h = harness();
    int fd = FdKind.FILE_RO.fd(h);
    assertEquals(Errno.SUCCESS, h.call(Abi.PREVIEW1, "fd_seek", fd, -2L, 2, h.alloc(8)));
    assertEquals("lo", readAll(h, fd));
  }
}
