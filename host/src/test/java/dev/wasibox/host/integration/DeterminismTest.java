package dev.wasibox.host.integration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.policy.Policy;
import dev.wasibox.capabilities.policy.PolicyReader;
import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.host.env.RandomSource;
import dev.wasibox.host.policy.HostStreams;
import dev.wasibox.host.policy.PolicyRuntime;
import dev.wasibox.host.policy.PreparedRun;
import dev.wasibox.host.run.Guests;
import dev.wasibox.host.run.RunHarness;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reproducible runs: under virtual clocks and a seeded random source, two runs print the same
 * bytes, file times in a memory mount included; under the real clocks and the secure source they
 * do not. Every check compares values, never durations.
 */
class DeterminismTest {
  private static final long REALTIME_START = 1_700_000_000_000_000_000L;
  private static final long REALTIME_STEP = 1_000_000L;
  private static final long MONOTONIC_START = 5_000_000_000L;
  private static final long MONOTONIC_STEP = 250_000L;
  private static final long SEED = 42;

  /**
   * A deterministic world: virtual realtime, monotonic and CPU clocks, a seeded source, and a
   * memory mount {@code /tmp} whose file times come from the guest's realtime clock (as policy
   * mounts do).
   */
  private static Consumer<WasiConfig.Builder> virtualWorld() {
    GuestClock realtime = GuestClock.virtual(REALTIME_START, REALTIME_STEP, 1);
    MemoryVolume tmp = MemoryVolume.create(Quota.DEFAULT, realtime::now);
    return b ->
        b.realtime(realtime)
            .monotonic(GuestClock.virtual(MONOTONIC_START, MONOTONIC_STEP, 1))
            .cpuTime(GuestClock.virtual(0, 1000, 1))
            .random(RandomSource.seeded(SEED))
            .preopen("/tmp", tmp.root());
  }

  /** The defaults (real clocks, secure random) and a memory mount with the system clock. */
  private static Consumer<WasiConfig.Builder> realWorld() {
    MemoryVolume tmp = MemoryVolume.create();
    return b -> b.preopen("/tmp", tmp.root());
  }

  private static String run(String guest, List<String> args, Consumer<WasiConfig.Builder> world) {
    RunHarness.Run run = RunHarness.run(guest, RunLimits.DEFAULT, args, world);
    assertEquals(Verdict.OK, run.result().verdict(), run.result()::toString);
    assertEquals(0, run.result().exitCode(), run::toString);
    assertEquals("", run.stderr());
    return run.stdout();
  }

  private static String seededHex(int bytes) {
    byte[] b = new byte[bytes];
    RandomSource.seeded(SEED).fill(b);
    return HexFormat.of().formatHex(b);
  }

  @Test
  void deterministic_virtualClocksAndSeed_twoRunsByteIdentical() {
    String first = run("deterministic", List.of("/tmp"), virtualWorld());
    String second = run("deterministic", List.of("/tmp"), virtualWorld());
    assertEquals(first, second);

    List<String> lines = first.lines().toList();
    assertEquals(8, lines.size(), first);
    // Consecutive reads of one virtual clock differ by exactly its step. The memory volume reads
    // the same realtime clock when it creates its root, so the first value is not the start.
    long r0 = value(lines.get(0), "realtime");
    long m0 = value(lines.get(3), "monotonic");
    long mtime = value(lines.get(7), "mtime");
    assertAll(
        () -> assertTrue(r0 >= REALTIME_START, first),
        () -> assertEquals(r0 + REALTIME_STEP, value(lines.get(1), "realtime")),
        () -> assertEquals(r0 + 2 * REALTIME_STEP, value(lines.get(2), "realtime")),
        () -> assertEquals(MONOTONIC_START, m0, "the monotonic clock is read by nobody else"),
        () -> assertEquals(m0 + MONOTONIC_STEP, value(lines.get(4), "monotonic")),
        () -> assertEquals(m0 + 2 * MONOTONIC_STEP, value(lines.get(5), "monotonic")),
        () -> assertEquals("random " + seededHex(16), lines.get(6)),
        // The file was written after the third realtime read: a later reading of the same clock.
        () -> assertTrue(mtime > r0 + 2 * REALTIME_STEP && (mtime - REALTIME_START) % REALTIME_STEP == 0, first));
  }

  @Test
  void deterministic_realClocksAndSecureRandom_twoRunsDiffer() {
    String first = run("deterministic", List.of("/tmp"), realWorld());
    String second = run("deterministic", List.of("/tmp"), realWorld());
    List<String> a = first.lines().toList();
    List<String> b = second.lines().toList();
    assertAll(
        () -> assertEquals(8, a.size(), first),
        () -> assertNotEquals(a.get(0), b.get(0), "realtime"),
        () -> assertNotEquals(a.get(3), b.get(3), "monotonic"),
        () -> assertNotEquals(a.get(6), b.get(6), "random"),
        () -> assertTrue(a.get(7).startsWith("mtime "), first));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 32, 300})
  void random_seeded_twoRunsIdenticalAndEqualToTheSeededStream(int n) {
    String first = run("random", List.of(Integer.toString(n)), virtualWorld());
    assertEquals(first, run("random", List.of(Integer.toString(n)), virtualWorld()));
    assertEquals(seededHex(n) + "\n", first);
  }

  @Test
  void random_secure_twoRunsDiffer() {
    String first = run("random", List.of("32"), realWorld());
    String second = run("random", List.of("32"), realWorld());
    assertTrue(first.matches("[0-9a-f]{64}\n"), first);
    assertNotEquals(first, second);
  }

  /**
   * {@code clock} sleeps and polls: on virtual clocks that jumps instead of waiting, so the runs
   * repeat exactly (and the 1 s poll deadlines cost no wall time).
   */
  @Test
  void clock_virtualClocks_twoRunsByteIdentical() {
    String first = run("clock", List.of("10"), virtualWorld());
    assertEquals(first, run("clock", List.of("10"), virtualWorld()));
    assertTrue(first.contains("\nsleep ms=10 delta_ns="), first);
    // nanosleep sleeps on the realtime clock; the monotonic clock the guest measures with moves
    // by the same amount, so the guest sees the time it slept.
    java.util.regex.Matcher delta = java.util.regex.Pattern.compile("sleep ms=10 delta_ns=(\\d+)").matcher(first);
    assertTrue(delta.find(), first);
    assertTrue(Long.parseLong(delta.group(1)) >= 10_000_000L, first);
    assertTrue(first.contains("\npoll_rel_vs_abs nevents=1 fired=1\n"), first);
    assertTrue(first.endsWith("\npoll_abs_past nevents=1 fired=3\n"), first);
  }

  /**
   * The same through a policy file, as the CLI and the judge build runs: the mount's file times
   * follow the policy's virtual realtime clock.
   */
  @Test
  void deterministic_policyWithVirtualClocksAndSeed_twoRunsByteIdentical(@TempDir Path dir)
      throws Exception {
    String toml =
        """
        [stdio]
        stdout = "capture"
        stderr = "capture"

        [clocks]
        realtime = "virtual"
        realtime-start = "2024-01-02T03:04:05Z"
        realtime-step = "1ms"
        monotonic = "virtual"
        cpu-time = "virtual"

        [random]
        source = "seeded"
        seed = 7

        [[mount]]
        guest = "/tmp"
        type = "memory"
        """;
    Policy policy = PolicyReader.read(toml, dir, "deterministic.toml");
    String first = runPolicy(policy, List.of("/tmp"));
    String second = runPolicy(policy, List.of("/tmp"));
    assertEquals(first, second);
    assertTrue(first.startsWith("realtime 1704164645"), first);
    assertTrue(first.contains("\nmtime 1704164645"), first);
  }

  private static String runPolicy(Policy policy, List<String> args) throws Exception {
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    PolicyRuntime runtime = new PolicyRuntime(new HostStreams(Map.of(), InputStream.nullInputStream(), none, none, false));
    Policy withArgs = policy.toBuilder().args(args).build();
    try (PreparedRun prepared = runtime.prepare(withArgs, "deterministic")) {
      RunResult r = Guests.program("deterministic").run(prepared.config(), prepared.limits());
      assertEquals(Verdict.OK, r.verdict(), r::toString);
      assertEquals("", new String(prepared.capturedStderr(), StandardCharsets.UTF_8));
      return new String(prepared.capturedStdout(), StandardCharsets.UTF_8);
    }
  }

  private static long value(String line, String name) {
    assertTrue(line.startsWith(name + " "), line);
    return Long.parseLong(line.substring(name.length() + 1));
  }
}
