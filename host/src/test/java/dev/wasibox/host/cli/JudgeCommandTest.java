package dev.wasibox.host.cli;

import static dev.wasibox.host.cli.Cli.args;
import static dev.wasibox.host.cli.Cli.guest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wasibox judge}, in this JVM on real guests: per-case verdicts, checkers, the report, exit
 * statuses 0, 1 and 2 with one-line diagnostics.
 */
class JudgeCommandTest {
  @TempDir Path tmp;
  private Path tests;
  private Path policy;

  /**
   * <pre>
   * tests/
   *   1.in  "3\n1 2 3\n"   1.out  "6\n"
   *   2.in  "2\n5 5\n"     2.ans  "10\n"
   *   10.in "1\n7\n"       10.out "7\n"
   * policy.toml: small limits
   * </pre>
   */
  @BeforeEach
  void fixture() {
    tests = tmp.resolve("tests");
    Cli.write(tests, "1.in", "3\n1 2 3\n");
    Cli.write(tests, "1.out", "6\n");
    Cli.write(tests, "2.in", "2\n5 5\n");
    Cli.write(tests, "2.ans", "10\n");
    Cli.write(tests, "10.in", "1\n7\n");
    Cli.write(tests, "10.out", "7\n");
    policy = policy("");
  }

  private Path policy(String top) {
    return Cli.write(tmp, "policy" + top.hashCode() + ".toml",
        top + "\n[limits]\nmemory = \"8MiB\"\nwall-time = \"3s\"\ncpu-time = \"300ms\"\noutput = \"4KiB\"\n");
  }

  private Cli.Result judge(Object... more) {
    return Cli.run(args("judge", "--policy", policy, "--tests", tests, more));
  }

  /** The verdict column of the per-case lines, in order. */
  private static List<String> verdicts(Cli.Result r) {
    return r.out().lines().filter(l -> !l.startsWith("verdict ")).map(l -> l.split(" +")[1]).toList();
  }

  @Test
  void judge_everyCaseAccepted_exits0AndListsCasesInNaturalOrder() {
    Cli.Result r = judge(guest("sum_ok"));
    assertEquals(0, r.status(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals(List.of("1", "2", "10"), lines.subList(0, 3).stream().map(l -> l.split(" +")[0]).toList());
    assertEquals(List.of("AC", "AC", "AC"), verdicts(r));
    assertEquals("verdict AC (3/3)", lines.get(3));
    assertEquals("", r.err());
  }

  @Test
  void judge_wrongAnswer_exits1WithTheFirstFailingVerdict() {
    Cli.Result r = judge(guest("sum_wrong"));
    assertEquals(ExitCodes.NOT_ACCEPTED, r.status(), r::toString);
    assertEquals(List.of("WA", "AC", "AC"), verdicts(r));
    assertTrue(r.out().lines().findFirst().orElseThrow().endsWith("token 1: expected '6', got '7'"), r::toString);
    assertTrue(r.out().endsWith("verdict WA (2/3)\n"), r::toString);
    assertEquals("", r.err());
  }

  static Stream<Arguments> caseVerdicts() {
    return Stream.of(
        // guest, policy's top-level lines (args), verdict of every case, message fragment
        Arguments.of("loop_br", "", "TLE", "CPU-time limit of 300 ms reached"),
        Arguments.of("mem_bomb", "", "MLE", "memory limit"),
        Arguments.of("output_bomb", "", "OLE", "output limit"),
        Arguments.of("trap", "args = [\"unreachable\"]", "RE", "trap"),
        Arguments.of("trap", "args = [\"exit\", \"3\"]", "RE", "exit code 3"),
        Arguments.of("hello", "", "WA", "token 1: expected"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("caseVerdicts")
  void judge_failingSubmission_everyCaseGetsItsVerdict(String guest, String top, String verdict, String fragment) {
    policy = policy(top);
    Cli.Result r = judge(guest(guest));
    assertEquals(ExitCodes.NOT_ACCEPTED, r.status(), r::toString);
    assertEquals(List.of(verdict, verdict, verdict), verdicts(r));
    assertTrue(r.out().lines().allMatch(l -> l.startsWith("verdict ") || l.contains(fragment)), r::toString);
    assertTrue(r.out().endsWith("verdict " + verdict + " (0/3)\n"), r::toString);
  }

  static Stream<Arguments> checkers() {
    return Stream.of(
        // checker, expected output of case 1 (sum_ok prints "6\n"), verdict, message
        Arguments.of("exact", "6\n", "AC", null),
        Arguments.of("exact", "6", "WA", "output differs at byte 1"),
        Arguments.of("tokens", " 6 \n\n", "AC", null),
        Arguments.of("tokens", "7", "WA", "token 1: expected '7', got '6'"),
        Arguments.of("float:0.5", "6.4", "AC", null),
        Arguments.of("float:0.01", "6.4", "WA", "token 1"),
        Arguments.of("wasm:{checker_tokens}", "  6", "AC", null),
        Arguments.of("wasm:{checker_tokens}", "5", "WA", "token 1 differs: expected '5' got '6'"),
        // A checker that exits with neither 0 nor 1 is an internal error (IE) of the case.
        Arguments.of("wasm:{trap}", "6\n", "IE", null));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("checkers")
  void judge_checker_decidesTheVerdict(String checker, String answer, String verdict, String message) {
    Cli.write(tests, "1.out", answer);
    String spec = checker.replace("{checker_tokens}", guest("checker_tokens")).replace("{trap}", guest("trap"));
    Cli.Result r = judge("--checker", spec, guest("sum_ok"));
    assertEquals(verdict, verdicts(r).get(0), r::toString);
    assertEquals(verdict.equals("AC") ? 0 : 1, r.status(), r::toString);
    if (message != null) {
      assertTrue(r.out().lines().findFirst().orElseThrow().contains(message), r::toString);
    }
  }

  @Test
  void judge_stopOnFailure_skipsTheCasesAfterTheFirstFailure() {
    Cli.Result r = judge("--stop-on-failure", guest("sum_wrong"));
    assertEquals(ExitCodes.NOT_ACCEPTED, r.status());
    assertEquals(List.of("WA", "SKIPPED", "SKIPPED"), verdicts(r));
    assertTrue(r.out().endsWith("verdict WA (0/3)\n"), r::toString);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--jobs=1", "--jobs=3", "--engine=interpreter"})
  void judge_jobsOrEngine_sameVerdicts(String flag) {
    Cli.Result r = judge(flag, guest("sum_wrong"));
    assertEquals(List.of("WA", "AC", "AC"), verdicts(r), r::toString);
  }

  @Test
  void judge_policyStdio_isReplacedByEachCase() {
    Path in = Cli.write(tmp, "policy-in.txt", "1\n1000\n");
    policy = Cli.write(tmp, "stdio.toml", "[stdio]\nstdin = \"file\"\nstdin-file = \"" + in + "\"\nstdout = \"discard\"\n");
    Cli.Result r = judge(guest("sum_ok"));
    assertEquals(0, r.status(), r::toString);
  }

  @Test
  void judge_report_hasTheVerdictCountsAndEveryCase() throws IOException {
    Path report = tmp.resolve("judge.json");
    Cli.Result r = judge("--report", report, guest("sum_wrong"));
    assertEquals(1, r.status());
    Map<String, Object> json = Json.object(Files.readString(report));
    assertEquals(List.of("verdict", "passed", "total", "tests"), List.copyOf(json.keySet()));
    assertEquals("WA", json.get("verdict"));
    assertEquals(2L, json.get("passed"));
    assertEquals(3L, json.get("total"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cases = (List<Map<String, Object>>) json.get("tests");
    assertEquals(List.of("1", "2", "10"), cases.stream().map(c -> c.get("name")).toList());
    Map<String, Object> wa = cases.get(0);
    assertEquals(List.of("name", "verdict", "time_ms", "wall_ms", "memory_bytes", "exit_code", "message"), List.copyOf(wa.keySet()));
    assertEquals("WA", wa.get("verdict"));
    assertEquals(0L, wa.get("exit_code"));
    assertEquals("token 1: expected '6', got '7'", wa.get("message"));
    assertTrue((Long) wa.get("memory_bytes") > 0);
    assertFalse(cases.get(1).containsKey("message"), "an accepted case has no message");
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        // name, command line after "judge" ({P} policy, {T} tests, {M} sum_ok, {X} temp dir), the one line
        Arguments.of("no --policy", List.of("--tests", "{T}", "{M}"), "wasibox: Missing required option: '--policy=FILE' (see 'wasibox judge --help')"),
        Arguments.of("no --tests", List.of("--policy", "{P}", "{M}"), "wasibox: Missing required option: '--tests=DIR' (see 'wasibox judge --help')"),
        Arguments.of("no module", List.of("--policy", "{P}", "--tests", "{T}"), "wasibox: Missing required parameter: 'MODULE.wasm' (see 'wasibox judge --help')"),
        Arguments.of("unknown option", List.of("--bogus", "--policy", "{P}", "--tests", "{T}", "{M}"), "wasibox: Unknown option: '--bogus' (see 'wasibox judge --help')"),
        Arguments.of("tests dir missing", List.of("--policy", "{P}", "--tests", "{X}/none", "{M}"), "wasibox: tests directory {X}/none does not exist"),
        Arguments.of("no .in files", List.of("--policy", "{P}", "--tests", "{X}/empty", "{M}"), "wasibox: no *.in files in {X}/empty"),
        Arguments.of("input without answer", List.of("--policy", "{P}", "--tests", "{X}/orphan", "{M}"), "wasibox: test a has no a.out or a.ans"),
        Arguments.of("unknown checker", List.of("--checker", "diff", "--policy", "{P}", "--tests", "{T}", "{M}"), "wasibox: unknown --checker 'diff': exact, tokens, float:EPS or wasm:FILE"),
        Arguments.of("float without a number", List.of("--checker", "float:x", "--policy", "{P}", "--tests", "{T}", "{M}"), "wasibox: --checker float:EPS wants a number >= 0, got 'x'"),
        Arguments.of("float negative", List.of("--checker", "float:-1", "--policy", "{P}", "--tests", "{T}", "{M}"), "wasibox: --checker float:EPS wants a number >= 0, got '-1'"),
        Arguments.of("wasm checker missing", List.of("--checker", "wasm:{X}/none.wasm", "--policy", "{P}", "--tests", "{T}", "{M}"), "wasibox: cannot read module {X}/none.wasm: no such file or directory"),
        Arguments.of("--jobs 0", List.of("--jobs", "0", "--policy", "{P}", "--tests", "{T}", "{M}"), "wasibox: --jobs must be at least 1"),
        Arguments.of("--jobs not a number", List.of("--jobs", "many", "--policy", "{P}", "--tests", "{T}", "{M}"), "wasibox: Invalid value for option '--jobs': 'many' is not an int (see 'wasibox judge --help')"),
        Arguments.of("module missing", List.of("--policy", "{P}", "--tests", "{T}", "{X}/none.wasm"), "wasibox: cannot read module {X}/none.wasm: no such file or directory"),
        Arguments.of("module not WebAssembly", List.of("--policy", "{P}", "--tests", "{T}", "{P}"), "wasibox: {P}: not a valid WebAssembly module: "),
        Arguments.of("policy missing", List.of("--policy", "{X}/none.toml", "--tests", "{T}", "{M}"), "wasibox: {X}/none.toml: cannot read: no such file"),
        Arguments.of("policy invalid", List.of("--policy", "{X}/bad.toml", "--tests", "{T}", "{M}"), "wasibox: {X}/bad.toml:2: key 'limits.memory': ambiguous unit 'MB'"),
        Arguments.of("report directory missing", List.of("--report", "{X}/none/j.json", "--policy", "{P}", "--tests", "{T}", "{M}"), "wasibox: cannot write report {X}/none/j.json: no directory {X}/none"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void judge_usageError_exits2WithOneLine(String name, List<String> line, String expected) throws IOException {
    Files.createDirectories(tmp.resolve("empty"));
    Cli.write(tmp, "orphan/a.in", "1\n1\n");
    Cli.write(tmp, "bad.toml", "[limits]\nmemory = \"64MB\"\n");
    Cli.Result r = Cli.run(args("judge", line.stream().map(this::expand).toList()));
    assertEquals(ExitCodes.USAGE, r.status(), r::toString);
    assertEquals("", r.out());
    String got = r.oneErrorLine();
    assertTrue(got.startsWith(expand(expected)), () -> "expected: " + expand(expected) + "\ngot:      " + got);
  }

  private String expand(String s) {
    return s.replace("{P}", policy.toString()).replace("{T}", tests.toString()).replace("{M}", guest("sum_ok")).replace("{X}", tmp.toString());
  }
}
