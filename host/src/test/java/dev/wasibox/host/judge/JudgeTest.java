package dev.wasibox.host.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.host.env.RandomSource;
import dev.wasibox.host.io.GuestInput;
import dev.wasibox.host.run.Guests;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.WasmProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge on real guests and the {@code judge/sum} cases (1, 2, 3, 10: natural order). */
class JudgeTest {
  private static final RunLimits LIMITS =
      new RunLimits(32L << 20, Duration.ofSeconds(5), Duration.ofSeconds(5), 64L << 20);

  private static Path sumCases() {
    return Guests.repositoryRoot().resolve("host/src/test/resources/judge/sum");
  }

  private static Judge.CaseRunner runner(String guest, RunLimits limits) {
    WasmProgram program = Guests.program(guest);
    return (stdin, stdout) ->
        program.run(
            WasiConfig.builder()
                .args(List.of(guest))
                .stdin(GuestInput.of(stdin), false)
                .stdout(stdout, 1 << 16, false)
                .realtime(GuestClock.virtual(0, 1_000_000, 1))
                .monotonic(GuestClock.virtual(0, 1_000, 1))
                .random(RandomSource.seeded(1))
                .build(),
            limits);
  }

  private static List<String> verdicts(JudgeReport r) {
    return r.tests().stream().map(t -> t.name() + ":" + t.verdict()).collect(Collectors.toList());
  }

  @Test
  void judge_acceptedSolution_allAc() throws IOException {
    JudgeReport r = new Judge(runner("sum_ok", LIMITS), new TokenChecker(), 1, false)
        .judge(TestCase.discover(sumCases()), c -> {});
    assertEquals(List.of("1:AC", "2:AC", "3:AC", "10:AC"), verdicts(r));
    assertEquals(CaseVerdict.AC, r.verdict());
    assertTrue(r.accepted());
  }

  @Test
  void judge_exactChecker_rejectsTrailingSpaceDifference() throws IOException {
    JudgeReport r = new Judge(runner("sum_ok", LIMITS), new ExactChecker(), 1, false)
        .judge(TestCase.discover(sumCases()), c -> {});
    assertEquals(List.of("1:AC", "2:AC", "3:AC", "10:WA"), verdicts(r));
  }

  @Test
  void judge_wrongSolution_firstNonAcIsOverall() throws IOException {
    JudgeReport r = new Judge(runner("sum_wrong", LIMITS), new TokenChecker(), 2, false)
        .judge(TestCase.discover(sumCases()), c -> {});
    assertEquals(List.of("1:WA", "2:AC", "3:AC", "10:WA"), verdicts(r));
    assertEquals(CaseVerdict.WA, r.verdict());
    assertEquals("token 1: expected '6', got '7'", r.tests().get(0).message());
  }

  @Test
  void judge_stopOnFailure_skipsTheRest() throws IOException {
    JudgeReport r = new Judge(runner("sum_wrong", LIMITS), new TokenChecker(), 1, true)
        .judge(TestCase.discover(sumCases()), c -> {});
    assertEquals(List.of("1:WA", "2:SKIPPED", "3:SKIPPED", "10:SKIPPED"), verdicts(r));
  }

  @Test
  void judge_limits_giveTleMleOleRe() throws IOException {
    List<TestCase> one = TestCase.discover(sumCases()).subList(0, 1);
    RunLimits quick = LIMITS.withWallTime(Duration.ofMillis(500));
    assertEquals(CaseVerdict.TLE, new Judge(runner("loop_br_if", quick), new TokenChecker(), 1, false).judge(one, c -> {}).verdict());
    assertEquals(CaseVerdict.MLE, new Judge(runner("mem_bomb", LIMITS), new TokenChecker(), 1, false).judge(one, c -> {}).verdict());
    assertEquals(CaseVerdict.MLE, new Judge(runner("mem_catch", LIMITS), new TokenChecker(), 1, false).judge(one, c -> {}).verdict());
    assertEquals(CaseVerdict.OLE, new Judge(runner("output_bomb", LIMITS), new TokenChecker(), 1, false).judge(one, c -> {}).verdict());
    assertEquals(CaseVerdict.RE, new Judge(runner("recurse", LIMITS), new TokenChecker(), 1, false).judge(one, c -> {}).verdict());
  }

  @Test
  void judge_parallel_sameReportAsSerial() throws IOException {
    List<TestCase> cases = TestCase.discover(sumCases());
    JudgeReport serial = new Judge(runner("sum_wrong", LIMITS), new TokenChecker(), 1, false).judge(cases, c -> {});
    JudgeReport parallel = new Judge(runner("sum_wrong", LIMITS), new TokenChecker(), 4, false).judge(cases, c -> {});
    assertEquals(verdicts(serial), verdicts(parallel));
  }

  @Test
  void judge_wasmChecker_decidesAcAndWa() throws IOException {
    Checker checker = new WasmChecker(Guests.program("checker_tokens"), LIMITS);
    JudgeReport ok = new Judge(runner("sum_ok", LIMITS), checker, 1, false).judge(TestCase.discover(sumCases()), c -> {});
    assertEquals(CaseVerdict.AC, ok.verdict(), () -> verdicts(ok).toString() + ok.tests());
    JudgeReport wrong = new Judge(runner("sum_wrong", LIMITS), checker, 1, false).judge(TestCase.discover(sumCases()), c -> {});
    assertEquals(List.of("1:WA", "2:AC", "3:AC", "10:WA"), verdicts(wrong));
    assertEquals("checker: token 1 differs: expected '6' got '7'", wrong.tests().get(0).message());
  }

  @Test
  void judge_brokenChecker_isInternalError() throws IOException {
    Checker checker = new WasmChecker(Guests.program("trap"), LIMITS);
    JudgeReport r = new Judge(runner("sum_ok", LIMITS), checker, 1, false)
        .judge(TestCase.discover(sumCases()).subList(0, 1), c -> {});
    assertEquals(CaseVerdict.IE, r.verdict());
  }

  @Test
  void discover_missingAnswer_namesTheTest(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.in"), "1");
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> TestCase.discover(dir));
    assertTrue(e.getMessage().contains("test a has no a.out or a.ans"), e.getMessage());
  }

  @Test
  void discover_naturalOrder_manyCases(@TempDir Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      names.add("t" + i);
    }
    List<String> shuffled = new ArrayList<>(names);
    Collections.shuffle(shuffled, new java.util.Random(7));
    for (String n : shuffled) {
      Files.writeString(dir.resolve(n + ".in"), "");
      Files.writeString(dir.resolve(n + ".out"), "");
    }
    assertEquals(names, TestCase.discover(dir).stream().map(TestCase::name).toList());
  }

  @Test
  void report_json_hasVerdictAndTests() throws IOException {
    JudgeReport r = new Judge(runner("sum_wrong", LIMITS), new TokenChecker(), 1, false)
        .judge(TestCase.discover(sumCases()), c -> {});
    String json = dev.wasibox.host.JsonWriter.write(r.toJson());
    assertTrue(json.startsWith("{\n  \"verdict\": \"WA\",\n  \"passed\": 2,\n  \"total\": 4,\n  \"tests\": [\n"), json);
    assertTrue(json.contains("\"name\": \"10\""), json);
    assertTrue(json.contains("\"exit_code\": 0"), json);
  }
}
