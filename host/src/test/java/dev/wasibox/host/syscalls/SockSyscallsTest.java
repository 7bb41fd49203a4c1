package dev.wasibox.host.syscalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.Abi;
import dev.wasibox.host.HostHarness;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sock_*}: no descriptor is ever a socket. Closed, negative and huge fds are {@code EBADF};
 * every open one (stdio, the preopen, a file, a directory) is {@code ENOTSOCK}; pointers are never
 * touched, however wild.
 */
class SockSyscallsTest {
  private static final long MEM = 65536;
  private static final long WILD = 0xFFFF_FFF0L;

  /** {@code (name, fd (or -100 for an opened file, -101 for an opened dir), errno)}. */
  static Stream<Arguments> fds() {
    return Stream.of(
        Arguments.of("stdin", 0L, Errno.ENOTSOCK),
        Arguments.of("stdout", 1L, Errno.ENOTSOCK),
        Arguments.of("stderr", 2L, Errno.ENOTSOCK),
        Arguments.of("preopen", 3L, Errno.ENOTSOCK),
        Arguments.of("openedFile", -100L, Errno.ENOTSOCK),
        Arguments.of("openedDirectory", -101L, Errno.ENOTSOCK),
        Arguments.of("closed", 4L, Errno.EBADF),
        Arguments.of("negative", 0xFFFF_FFFFL, Errno.EBADF),
        Arguments.of("huge", 0x7FFF_FFFFL, Errno.EBADF));
  }

  private static long fd(HostHarness h, long fd) {
    if (fd == -100) {
      return h.openFile("file", false);
    }
    if (fd == -101) {
      return h.open(3, "dir", 2, HostHarness.PREOPEN_BASE, 0, 0);
    }
    return fd;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fds")
  void sockAccept_table(String name, long fd, Errno errno) {
    HostHarness h = HostHarness.create();
    long f = fd(h, fd);
    byte[] before = h.read(0, MEM);
    assertEquals(errno, h.call("sock_accept", f, 0, WILD));
    assertArrayEquals(before, h.read(0, MEM));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fds")
  void sockRecv_table(String name, long fd, Errno errno) {
    HostHarness h = HostHarness.create();
    long f = fd(h, fd);
    byte[] before = h.read(0, MEM);
    assertEquals(errno, h.call("sock_recv", f, WILD, 0x7FFF_FFF0L, 0, WILD, WILD));
    assertEquals(errno, h.call(Abi.SNAPSHOT0, "sock_recv", f, WILD, 0x7FFF_FFF0L, 0, WILD, WILD));
    assertArrayEquals(before, h.read(0, MEM));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fds")
  void sockSend_table(String name, long fd, Errno errno) {
    HostHarness h = HostHarness.create();
    long f = fd(h, fd);
    byte[] before = h.read(0, MEM);
    assertEquals(errno, h.call("sock_send", f, WILD, 1024, 0, WILD));
    assertEquals(errno, h.call(Abi.SNAPSHOT0, "sock_send", f, WILD, 1024, 0, WILD));
    assertArrayEquals(before, h.read(0, MEM));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fds")
  void sockShutdown_table(String name, long fd, Errno errno) {
    HostHarness h = HostHarness.create();
    long f = fd(h, fd);
    assertEquals(errno, h.call("sock_shutdown", f, 3));
    assertEquals(errno, h.call(Abi.SNAPSHOT0, "sock_shutdown", f, 3));
  }

  @Test
  void sockAccept_wasiUnstable_notRegistered() {
    HostHarness h = HostHarness.create();
    assertThrows(IllegalArgumentException.class, () -> h.function(Abi.SNAPSHOT0.moduleName(), "sock_accept"));
  }

  @Test
  void sockShutdown_trace() {
    HostHarness h = HostHarness.create();
    h.call("sock_shutdown", 1, 2);
    assertEquals(List.of("==> sock_shutdown(fd=1,how=2)", "<== errno=ENOTSOCK"), h.trace());
  }
}
