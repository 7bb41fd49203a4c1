package dev.wasibox.host.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.Abi;
import dev.wasibox.host.HostHarness;
import dev.wasibox.host.ProcExitException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code proc_exit} and {@code proc_raise}. */
class ProcSyscallsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"0, 0", "1, 1", "7, 7", "255, 255", "256, 256", "4294967295, -1", "2147483648, -2147483648"})
  void procExit_code_throwsProcExitWithSignedCode(long raw, int expected) {
    HostHarness h = HostHarness.create();
    ProcExitException e =
        assertThrows(ProcExitException.class, () -> h.raw(Abi.PREVIEW1.moduleName(), "proc_exit", raw));
    assertEquals(expected, e.exitCode());
  }

  @Test
  void procExit_wasiUnstable_alsoExits() {
    HostHarness h = HostHarness.create();
    ProcExitException e =
        assertThrows(ProcExitException.class, () -> h.raw(Abi.SNAPSHOT0.moduleName(), "proc_exit", 3));
    assertEquals(3, e.exitCode());
  }

  @Test
  void procExit_trace_showsCallWithoutReturn() {
    HostHarness h = HostHarness.create();
    assertThrows(ProcExitException.class, () -> h.raw(Abi.PREVIEW1.moduleName(), "proc_exit", 7));
    assertEquals(List.of("==> proc_exit(rval=7)"), h.trace());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 9, 15, 64, 0xFFFF_FFFFL})
  void procRaise_anySignal_isEnosys(long signal) {
    HostHarness h = HostHarness.create();
    assertEquals(Errno.ENOSYS, h.call("proc_raise", signal));
    assertEquals(List.of("==> proc_raise(sig=" + (int) signal + ")", "<== errno=ENOSYS"), h.trace());
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void procRaise_eachAbi_isEnosys(Abi abi) {
    assertEquals(Errno.ENOSYS, HostHarness.create().call(abi, "proc_raise", 2));
  }
}
