package dev.wasibox.host.integration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.host.io.GuestInput;
import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.RunHarness;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile pointers, lengths and counts to the host functions ({@code abi_attack}), and bulk
 * memory operations far out of bounds ({@code memfill_huge}), on both engines. Every call must be
 * answered with an errno (EFAULT=21 unless the README notes another), every out-of-bounds bulk
 * operation must end the run as a trap, and {@code WasmProgram.run} must return a result, never
 * throw.
 */
class AbiAttackTest {
  private static final String STDIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  /**
   * {@code abi_attack all} with a preopen at fd 3, a non-empty environment (so that environ_get
   * must write, and a wild pointer is EFAULT) and 32 bytes on stdin (for {@code overlap}).
   * {@code END} stands for the memory size in bytes.
   */
  private static final String EXPECTED =
      """
      iovec-huge errno=21
      iovec-huge.read errno=21
      iovec-huge.max errno=21
      iovec-wrap errno=21
      iovec-wrap.end errno=21
      iovec-wrap.sum errno=21
      iovec-count errno=28
      iovec-count.max errno=28
      iovec-count.read errno=28
      wild-ptr.fd_write errno=21
      wild-ptr.fd_write_end errno=21
      wild-ptr.path_open errno=21
      wild-ptr.path_open_len errno=37
      wild-ptr.path_filestat_get errno=21
      wild-ptr.path_create_directory errno=21
      wild-ptr.args_get_argv errno=21
      wild-ptr.args_get_buf errno=21
      wild-ptr.args_get_buf_end errno=21
      wild-ptr.environ_get_ptrs errno=21
      wild-ptr.environ_get_buf errno=21
      readdir-huge errno=21
      readdir-huge.far errno=21
      random-huge errno=21
      random-huge.2g errno=21
      random-huge.far errno=21
      overlap ok nread=32 iov=4142434445464748494a4b4c4d4e4f50 target=5152535455565758595a303132333435
      nwritten-oob errno=21
      nwritten-oob.end errno=21
      nwritten-oob.read errno=21
      poll-huge errno=28
      poll-huge.max errno=28
      poll-huge.beyond errno=28
      result-oob.args_sizes_get errno=21
      result-oob.environ_sizes_get errno=21
      result-oob.clock_res_get errno=21
      result-oob.clock_time_get errno=21
      result-oob.fd_fdstat_get errno=21
      result-oob.fd_filestat_get errno=21
      result-oob.fd_prestat_get errno=21
      result-oob.fd_prestat_dir_name errno=21
      result-oob.path_filestat_get errno=21
      result-oob.path_open errno=21
      result-oob.random_get errno=21
      result-oob.fd_write errno=21
      result-oob.poll_oneoff_out errno=21
      result-oob.poll_oneoff_nevents errno=21
      edge.memory ok bytes=END
      edge.random_last16 ok
      edge.random_over1 errno=21
      edge.random_zero_at_end ok
      edge.clock_last8 ok
      edge.clock_over1 errno=21
      edge.args_sizes_last ok
      edge.args_sizes_over errno=21
      """;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void abiAttack_all_everyCallGetsItsErrnoAndTheRunEndsOk(Engine engine) {
    MemoryVolume volume = MemoryVolume.create();
    RunHarness.Run run =
        RunHarness.run(
            engine,
            "abi_attack",
            RunLimits.DEFAULT,
            List.of("all"),
            b ->
                b.preopen("/work", volume.root())
                    .env("HOME", "/work")
                    .stdin(GuestInput.of(STDIN.getBytes(StandardCharsets.US_ASCII)), false));
    RunResult r = run.result();
    assertAll(
        () -> assertEquals(Verdict.OK, r.verdict(), r::toString),
        () -> assertEquals(0, r.exitCode()),
        // Memory never grows here, so the peak is the size the guest saw.
        () -> assertEquals(EXPECTED.replace("END", Long.toString(r.peakMemoryBytes())), run.stdout()),
        // Every hostile fd_write targets stderr: none may have written a byte.
        () -> assertEquals("", run.stderr()),
        () -> assertEquals("", VfsTree.dump(volume.root()), "nothing created in the preopen"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "fill, COMPILER", "fill, INTERPRETER",
    "copy, COMPILER", "copy, INTERPRETER",
    "copy-src, COMPILER", "copy-src, INTERPRETER",
    "fill-wrap, COMPILER", "fill-wrap, INTERPRETER",
  })
  void memfillHuge_outOfBoundsMode_endsAsTrapWithoutOutput(String mode, Engine engine) {
    RunHarness.Run run = RunHarness.run(engine, "memfill_huge", RunLimits.DEFAULT, List.of(mode), b -> {});
    RunResult r = run.result();
    assertAll(
        () -> assertEquals(Verdict.TRAP, r.verdict(), r::toString),
        () -> assertEquals(-1, r.exitCode()),
        () -> assertNotNull(r.message()),
        () -> assertEquals("", run.stdout(), "a mode that does not trap prints 'no trap'"),
        () -> assertEquals("", run.stderr()));
    // The shared, compiled program is unharmed: the next run of it is normal.
    RunHarness.Run next = RunHarness.run(engine, "memfill_huge", RunLimits.DEFAULT, List.of("fill-ok"), b -> {});
    assertEquals("no trap\n", next.stdout(), next.result()::toString);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void memfillHuge_fillOk_printsNoTrapAndExitsZero(Engine engine) {
    RunHarness.Run run = RunHarness.run(engine, "memfill_huge", RunLimits.DEFAULT, List.of("fill-ok"), b -> {});
    assertAll(
        () -> assertEquals(Verdict.OK, run.result().verdict(), run.result()::toString),
        () -> assertEquals(0, run.result().exitCode()),
        () -> assertEquals("no trap\n", run.stdout()));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void memfillHuge_unknownMode_printsUnknownModeAndExitsTwo(Engine engine) {
    RunHarness.Run run = RunHarness.run(engine, "memfill_huge", RunLimits.DEFAULT, List.of("bogus"), b -> {});
    assertAll(
        () -> assertEquals(Verdict.OK, run.result().verdict(), run.result()::toString),
        () -> assertEquals(2, run.result().exitCode()),
        () -> assertEquals("unknown mode\n", run.stdout()));
  }

  /** Out-of-bounds modes whose trap names the out-of-bounds access (not an engine failure). */
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"copy-src, COMPILER", "copy-src, INTERPRETER", "fill-wrap, COMPILER", "fill-wrap, INTERPRETER"})
  void memfillHuge_boundaryMode_trapSaysOutOfBounds(String mode, Engine engine) {
    RunResult r = RunHarness.run(engine, "memfill_huge", RunLimits.DEFAULT, List.of(mode), b -> {}).result();
    assertTrue(r.message() != null && r.message().contains("out of bounds"), r::toString);
  }
}
