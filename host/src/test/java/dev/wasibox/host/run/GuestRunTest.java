package dev.wasibox.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.host.io.GuestInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a run can end, on real guests: each gets its own verdict and leaves the JVM ready for
 * the next run. Limits are small so that the suite stays fast; no assertion is about timing.
 */
class GuestRunTest {
  private static final RunLimits SMALL =
      new RunLimits(32L << 20, Duration.ofMillis(1500), Duration.ofMillis(1500), 64L << 20);

  static Stream<Arguments> endings() {
    return Stream.of(
        // guest, args, verdict, exit code, message fragment
        Arguments.of("hello", List.of(), Verdict.OK, 0, null),
        Arguments.of("trap", List.of("exit", "7"), Verdict.OK, 7, null),
        Arguments.of("trap", List.of("unreachable"), Verdict.TRAP, -1, "trap"),
        Arguments.of("trap", List.of("div0"), Verdict.TRAP, -1, "trap"),
        Arguments.of("trap", List.of("divov"), Verdict.TRAP, -1, "trap"),
        Arguments.of("trap", List.of("oob"), Verdict.TRAP, -1, "out of bounds"),
        Arguments.of("trap", List.of("abort"), Verdict.TRAP, -1, "trap"),
        Arguments.of("trap", List.of("null-call"), Verdict.TRAP, -1, "trap"),
        Arguments.of("trap", List.of("bad-sig"), Verdict.TRAP, -1, "trap"),
        Arguments.of("trap", List.of("stack"), Verdict.TRAP, -1, "call stack exhausted"),
        // C recursion exhausts wasi-libc's shadow stack in linear memory first: an OOB trap.
        Arguments.of("recurse", List.of(), Verdict.TRAP, -1, "trap"),
        Arguments.of("loop_br", List.of(), Verdict.TLE, -1, "limit"),
        Arguments.of("loop_br_if", List.of(), Verdict.TLE, -1, "limit"),
        Arguments.of("loop_br_table", List.of(), Verdict.TLE, -1, "limit"),
        Arguments.of("mem_bomb", List.of(), Verdict.MLE, -1, "memory limit"),
        Arguments.of("mem_catch", List.of(), Verdict.MLE, 1, "memory limit"),
        Arguments.of("output_bomb", List.of(), Verdict.OLE, -1, "output limit"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("endings")
  void run_guest_endsWithItsVerdict(
      String guest, List<String> args, Verdict verdict, int exitCode, String fragment) {
    RunHarness.Run run = RunHarness.run(guest, SMALL, args);
    RunResult r = run.result();
    assertEquals(verdict, r.verdict(), () -> r + "\nstdout: " + run.stdout() + "\nstderr: " + run.stderr());
    assertEquals(exitCode, r.exitCode(), r::toString);
    if (fragment != null) {
      assertTrue(r.message() != null && r.message().contains(fragment), r::toString);
    }
  }

  @Test
  void run_hello_printsArgsAndEnvGrantedOnly() {
    RunHarness.Run run =
        RunHarness.run("hello", SMALL, List.of("a b", "\u00e9"), b -> b.env("GREETING", "hi"));
    assertEquals(
        "hello, world\nargv[0]=hello\nargv[1]=a b\nargv[2]=\u00e9\nenv GREETING=hi\n", run.stdout());
  }

  @Test
  void run_afterEveryKindOfEnding_nextRunIsHealthy() {
    for (Arguments a : endings().toList()) {
      RunHarness.run((String) a.get()[0], SMALL, castList(a.get()[1]));
      assertEquals(Verdict.OK, RunHarness.run("hello", SMALL, List.of()).result().verdict());
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object o) {
    return (List<String>) o;
  }

  @Test
  void run_inParallel_eachRunSeesOnlyItsOwnWorld() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<RunHarness.Run>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String guest = i % 3 == 0 ? "loop_br_if" : i % 3 == 1 ? "mem_bomb" : "sum_ok";
        String input = "3\n" + i + " " + i + " " + i + "\n";
        // Only the looping guest gets a short wall limit: on two cores, 24 runs share the CPU.
        RunLimits limits =
            guest.startsWith("loop")
                ? SMALL.withWallTime(Duration.ofMillis(800))
                : SMALL.withWallTime(Duration.ofSeconds(30)).withCpuTime(Duration.ofSeconds(30));
        futures.add(
            pool.submit(
                () ->
                    RunHarness.run(
                        guest,
                        limits,
                        List.of(),
                        b -> b.stdin(GuestInput.of(input.getBytes(StandardCharsets.UTF_8)), false))));
      }
      for (int i = 0; i < futures.size(); i++) {
        RunHarness.Run run = futures.get(i).get();
        switch (i % 3) {
          case 0 -> assertEquals(Verdict.TLE, run.result().verdict());
          case 1 -> assertEquals(Verdict.MLE, run.result().verdict());
          default -> assertEquals((3L * i) + "\n", run.stdout(), run.result()::toString);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void run_memoryCap_isEnforcedAndReported() {
    RunResult r = RunHarness.run("mem_bomb", SMALL.withMemory(8L << 20), List.of()).result();
    assertEquals(Verdict.MLE, r.verdict());
    assertTrue(r.peakMemoryBytes() <= 8L << 20, r::toString);
  }

  @Test
  void run_stdinOfTenMegabytes_isReadWhole() {
    byte[] input = new byte[10 << 20];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) ('a' + i % 26);
    }
    RunHarness.Run run =
        RunHarness.run("stdin_big", SMALL.withWallTime(Duration.ofSeconds(20)).withCpuTime(Duration.ofSeconds(20)),
            List.of(), b -> b.stdin(GuestInput.of(input), false));
    assertEquals(Verdict.OK, run.result().verdict(), run.result()::toString);
    assertEquals("bytes=" + input.length + " fnv1a64=" + fnv1a64(input) + "\n", run.stdout());
  }

  private static String fnv1a64(byte[] data) {
    long h = 0xcbf29ce484222325L;
    for (byte b : data) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return String.format("%016x", h);
  }
}
