package dev.wasibox.host.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.Abi;
import dev.wasibox.host.HostHarness;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sched_yield}: never fails, touches nothing. */
class SchedSyscallsTest {
  @ParameterizedTest
  @EnumSource(Abi.class)
  void schedYield_eachAbi_succeedsAndTraces(Abi abi) {
    HostHarness h = HostHarness.create();
    assertEquals(Errno.SUCCESS, h.call(abi, "sched_yield"));
    assertEquals(List.of("==> sched_yield()", "<== errno=SUCCESS"), h.trace());
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void schedYield_moduleWithoutMemory_succeeds(Abi abi) {
    HostHarness h = HostHarness.builder().pages(-1).build();
    assertEquals(Errno.SUCCESS, h.call(abi, "sched_yield"));
  }
}
