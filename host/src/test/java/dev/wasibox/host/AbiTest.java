package dev.wasibox.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.fd.FileDescriptor;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Abi}: what differs between {@code wasi_snapshot_preview1} and {@code wasi_unstable}
 * (whence numbering, the 56-byte filestat with a u32 nlink, the 56-byte subscription), and that
 * both modules register exactly the functions of their witx with exactly their core signatures.
 */
class AbiTest {
  /** The core signature of every preview1 function ({@code i} = i32, {@code I} = i64; result i32 unless noted). */
  private static final Map<String, String> PREVIEW1 = new LinkedHashMap<>();

  static {
    PREVIEW1.put("args_get", "ii");
    PREVIEW1.put("args_sizes_get", "ii");
    PREVIEW1.put("environ_get", "ii");
    PREVIEW1.put("environ_sizes_get", "ii");
    PREVIEW1.put("clock_res_get", "ii");
    PREVIEW1.put("clock_time_get", "iIi");
    PREVIEW1.put("fd_advise", "iIIi");
    PREVIEW1.put("fd_allocate", "iII");
    PREVIEW1.put("fd_close", "i");
    PREVIEW1.put("fd_datasync", "i");
    PREVIEW1.put("fd_fdstat_get", "ii");
    PREVIEW1.put("fd_fdstat_set_flags", "ii");
    PREVIEW1.put("fd_fdstat_set_rights", "iII");
    PREVIEW1.put("fd_filestat_get", "ii");
    PREVIEW1.put("fd_filestat_set_size", "iI");
    PREVIEW1.put("fd_filestat_set_times", "iIIi");
    PREVIEW1.put("fd_pread", "iiiIi");
    PREVIEW1.put("fd_prestat_get", "ii");
    PREVIEW1.put("fd_prestat_dir_name", "iii");
    PREVIEW1.put("fd_pwrite", "iiiIi");
    PREVIEW1.put("fd_read", "iiii");
    PREVIEW1.put("fd_readdir", "iiiIi");
    PREVIEW1.put("fd_renumber", "ii");
    PREVIEW1.put("fd_seek", "iIii");
    PREVIEW1.put("fd_sync", "i");
    PREVIEW1.put("fd_tell", "ii");
    PREVIEW1.put("fd_write", "iiii");
    PREVIEW1.put("path_create_directory", "iii");
    PREVIEW1.put("path_filestat_get", "iiiii");
    PREVIEW1.put("path_filestat_set_times", "iiiiIIi");
    PREVIEW1.put("path_link", "iiiiiii");
    PREVIEW1.put("path_open", "iiiiiIIii");
    PREVIEW1.put("path_readlink", "iiiiii");
    PREVIEW1.put("path_remove_directory", "iii");
    PREVIEW1.put("path_rename", "iiiiii");
    PREVIEW1.put("path_symlink", "iiiii");
    PREVIEW1.put("path_unlink_file", "iii");
    PREVIEW1.put("poll_oneoff", "iiii");
    PREVIEW1.put("proc_exit", "i->");
    PREVIEW1.put("proc_raise", "i");
    PREVIEW1.put("sched_yield", "");
    PREVIEW1.put("random_get", "ii");
    PREVIEW1.put("sock_accept", "iii");
    PREVIEW1.put("sock_recv", "iiiiii");
    PREVIEW1.put("sock_send", "iiiii");
    PREVIEW1.put("sock_shutdown", "ii");
  }

  /** wasi_unstable has the same functions and signatures, without sock_accept (added later). */
  private static Map<String, String> expected(Abi abi) {
    Map<String, String> m = new TreeMap<>(PREVIEW1);
    if (abi == Abi.SNAPSHOT0) {
      m.remove("sock_accept");
    }
    return m;
  }

  private static String signature(HostFunction f) {
    StringBuilder sb = new StringBuilder();
    for (ValType t : f.paramTypes()) {
      sb.append(t.equals(ValType.I64) ? 'I' : t.equals(ValType.I32) ? 'i' : '?');
    }
    if (f.returnTypes().isEmpty()) {
      sb.append("->");
    } else {
      assertEquals(List.of(ValType.I32), f.returnTypes(), f.name() + " returns one i32 errno");
    }
    return sb.toString();
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void functions_eachAbi_exactlyTheWitxSetWithCoreSignatures(Abi abi) {
    HostHarness h = HostHarness.create();
    Map<String, String> actual = new TreeMap<>();
    for (HostFunction f : h.functions()) {
      if (f.module().equals(abi.moduleName())) {
        actual.put(f.name(), signature(f));
      }
    }
    assertEquals(expected(abi), actual);
  }

  @Test
  void functions_onlyTwoModules() {
    HostHarness h = HostHarness.create();
    assertEquals(
        List.of("wasi_snapshot_preview1", "wasi_unstable"),
        h.functions().stream().map(HostFunction::module).distinct().sorted().toList());
  }

  @ParameterizedTest(name = "{0} wire {1} -> {2}")
  @CsvSource({
    "PREVIEW1, 0, 0", "PREVIEW1, 1, 1", "PREVIEW1, 2, 2",
    "SNAPSHOT0, 0, 1", "SNAPSHOT0, 1, 2", "SNAPSHOT0, 2, 0"})
  void whence_wireValue_mapsToPreview1(Abi abi, int wire, int preview1) {
    assertEquals(preview1, abi.whence(wire));
  }

  @ParameterizedTest(name = "{0} wire {1}")
  @CsvSource({"PREVIEW1, 3", "PREVIEW1, -1", "PREVIEW1, 255", "SNAPSHOT0, 3", "SNAPSHOT0, -1", "SNAPSHOT0, 255"})
  void whence_undefined_einval(Abi abi, int wire) {
    assertEquals(Errno.EINVAL, assertThrows(WasiException.class, () -> abi.whence(wire)).errno());
  }

  /** {@code (abi, wire whence, offset, expected position)} from position 2 of "hello". */
  static Stream<Arguments> seeks() {
    return Stream.of(
        Arguments.of(Abi.PREVIEW1, 0, 1L, 1L),
        Arguments.of(Abi.PREVIEW1, 1, 1L, 3L),
        Arguments.of(Abi.PREVIEW1, 2, -1L, 4L),
        Arguments.of(Abi.SNAPSHOT0, 0, 1L, 3L),
        Arguments.of(Abi.SNAPSHOT0, 1, -1L, 4L),
        Arguments.of(Abi.SNAPSHOT0, 2, 1L, 1L));
  }

  @ParameterizedTest(name = "{0} whence={1}")
  @MethodSource("seeks")
  void fdSeek_eachAbi_usesItsWhenceNumbering(Abi abi, int whence, long offset, long expected) {
    HostHarness h = HostHarness.create();
    int fd = h.openFile("file", false);
    ((FileDescriptor) h.descriptor(fd)).position(2);
    long out = h.alloc(8);
    assertEquals(Errno.SUCCESS, h.call(abi, "fd_seek", fd, offset, whence, out));
    assertEquals(expected, h.u64(out));
  }

  @Test
  void fdSeek_snapshot0TellOnly_isWire0() {
    HostHarness h = HostHarness.create();
    int fd = h.open(3, "file", 0, HostHarness.rights(dev.wasibox.capabilities.Right.FD_TELL), 0, 0);
    long out = h.alloc(8);
    assertEquals(Errno.SUCCESS, h.call(Abi.SNAPSHOT0, "fd_seek", fd, 0L, 0, out), "CUR is 0 in snapshot 0");
    assertEquals(Errno.ENOTCAPABLE, h.call(Abi.SNAPSHOT0, "fd_seek", fd, 0L, 2, out), "SET needs FD_SEEK");
  }

  @Test
  void sizes_perAbi() {
    assertEquals(64, Abi.PREVIEW1.filestatSize());
    assertEquals(56, Abi.SNAPSHOT0.filestatSize());
    assertEquals(48, Abi.PREVIEW1.subscriptionSize());
    assertEquals(56, Abi.SNAPSHOT0.subscriptionSize());
    assertEquals(16, Abi.PREVIEW1.clockIdOffset());
    assertEquals(24, Abi.SNAPSHOT0.clockIdOffset());
    assertEquals("wasi_snapshot_preview1", Abi.PREVIEW1.moduleName());
    assertEquals("wasi_unstable", Abi.SNAPSHOT0.moduleName());
  }

  @Test
  void writeFilestat_snapshot0HugeNlink_clampsToU32() {
    HostHarness h = HostHarness.create();
    GuestMemory mem = new GuestMemory(h.memory());
    FileStat st = new FileStat(1, 2, FileType.REGULAR_FILE, 1L << 40, 3, 4, 5, 6);
    Abi.SNAPSHOT0.writeFilestat(mem, 0x100, st);
    assertEquals(0xFFFF_FFFFL, h.u32(0x114));
    Abi.PREVIEW1.writeFilestat(mem, 0x200, st);
    assertEquals(1L << 40, h.u64(0x218));
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void writeFilestat_lastSlotFitsOneMoreFaults(Abi abi) {
    HostHarness h = HostHarness.create();
    GuestMemory mem = new GuestMemory(h.memory());
    FileStat st = new FileStat(1, 2, FileType.DIRECTORY, 1, 3, 4, 5, 6);
    long end = h.memorySize();
    abi.writeFilestat(mem, end - abi.filestatSize(), st);
    byte[] before = h.read(0, end);
    assertEquals(
        Errno.EFAULT,
        assertThrows(WasiException.class, () -> abi.writeFilestat(mem, end - abi.filestatSize() + 1, st)).errno());
    assertEquals(new ArrayList<>(List.of(before.length)), new ArrayList<>(List.of(h.read(0, end).length)));
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, h.read(0, end), "nothing written on EFAULT");
  }
}
