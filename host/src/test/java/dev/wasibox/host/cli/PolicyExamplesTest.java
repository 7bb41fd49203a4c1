package dev.wasibox.host.cli;

import static dev.wasibox.host.cli.Cli.example;
import static dev.wasibox.host.cli.Cli.guest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.vfs.host.HostTreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code policy-examples/}, run through the command line on real guests: what the
 * guest sees (arguments, environment, files, clocks, randomness, limits) and what it cannot
 * (other host files, host variables not granted, the host's stdin).
 */
class PolicyExamplesTest {
  private static final List<String> EXAMPLES =
      List.of("deterministic.toml", "fuzz.toml", "hello.toml", "judge.toml", "plugin.toml", "untrusted-tool.toml");

  private static Cli.Result run(String policy, String guest, String... args) {
    return Cli.run(Cli.args("run", "--policy", example(policy), guest(guest), "--", args));
  }

  private static Cli.Result runWithReport(Path report, String policy, String guest, String... args) {
    return Cli.run(Cli.args("run", "--policy", example(policy), "--report", report, guest(guest), "--", args));
  }

  private static Map<String, Object> report(Path file) {
    return Json.object(Cli.read(file));
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(Cli.repo().resolve("policy-examples"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml")).sorted().toList().stream();
    }
  }

  @Test
  void examples_everyFile_isRunByThisTest() throws IOException {
    assertEquals(EXAMPLES, examples().toList());
  }

  /** Each key (or group of keys) of an example has a comment saying what it grants. */
  @ParameterizedTest
  @MethodSource("examples")
  void example_everyKey_isCommented(String name) throws IOException {
    List<String> lines = Files.readAllLines(example(name));
    assertTrue(lines.get(0).startsWith("# " + name + ": "), "the first line says what the file is for");
    List<String> uncommented = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!isKey(lines.get(i))) {
        continue;
      }
      int j = i - 1;
      while (j >= 0 && isKey(lines.get(j))) {
        j--;
      }
      if (j < 0 || !lines.get(j).startsWith("#")) {
        uncommented.add((i + 1) + ": " + lines.get(i));
      }
    }
    assertEquals(List.of(), uncommented);
  }

  private static boolean isKey(String line) {
    return !line.isBlank() && !line.startsWith("#") && !line.startsWith("[");
  }

  @Nested
  class Hello {
    @Test
    void hello_helloGuest_seesItsArgsAndTwoVariablesOnly() {
      Cli.Result r = Cli.run(Cli.HOST_ENV, "host stdin".getBytes(StandardCharsets.UTF_8), "run", "--policy", example("hello.toml").toString(), guest("hello"));
      assertEquals(0, r.status(), r::toString);
      assertEquals("hello, world\nargv[0]=hello.wasm\nargv[1]=from\nargv[2]=wasibox\nenv GREETING=hello\nenv LANG=C.UTF-8\n", r.out());
      assertEquals("", r.err());
    }

    @Test
    void hello_argsOnTheCommandLine_replaceTheFileArgs() {
      assertEquals("hello, world\nargv[0]=hello.wasm\nargv[1]=world\nenv GREETING=hello\nenv LANG=C.UTF-8\n", run("hello.toml", "hello", "world").out());
    }

    @Test
    void hello_filesAndStdin_noneGranted() {
      assertEquals("", run("hello.toml", "fsutil", "find-preopens").out());
      Cli.Result outside = run("hello.toml", "fsutil", "cat", "/etc/passwd");
      assertEquals(1, outside.status());
      assertEquals("fsutil: cat /etc/passwd: Capabilities insufficient (errno 76)\n", outside.err());
      Cli.Result stdin = Cli.run(Cli.HOST_ENV, "secret input".getBytes(StandardCharsets.UTF_8), "run", "--policy", example("hello.toml").toString(), guest("stdin_big"));
      assertEquals("bytes=0 fnv1a64=cbf29ce484222325\n", stdin.out());
    }

    @Test
    void hello_realRandom_differsBetweenRuns() {
      assertNotEquals(run("hello.toml", "random", "16").out(), run("hello.toml", "random", "16").out());
    }
  }

  @Nested
  class Judge {
    @TempDir Path tmp;

    @Test
    void judge_sumGuest_readsTheStdinFileAndOutputIsCapturedInTheReport() {
      Path report = tmp.resolve("r.json");
      Cli.Result r = runWithReport(report, "judge.toml", "sum_ok");
      assertEquals(0, r.status(), r::toString);
      assertEquals("", r.out() + r.err(), "stdout is captured, stderr discarded");
      assertEquals("42\n", report(report).get("stdout"));
      assertFalse(report(report).containsKey("stderr"));
    }

    @Test
    void judge_envAndFiles_noneGranted() {
      Path report = tmp.resolve("r.json");
      runWithReport(report, "judge.toml", "hello");
      assertEquals("hello, world\nargv[0]=hello.wasm\n", report(report).get("stdout"));
      runWithReport(report, "judge.toml", "fsutil", "find-preopens");
      assertEquals("", report(report).get("stdout"));
    }

    @Test
    void judge_virtualClocksAndSeededRandom_sameEveryRun() {
      Path a = tmp.resolve("a.json");
      Path b = tmp.resolve("b.json");
      runWithReport(a, "judge.toml", "deterministic");
      runWithReport(b, "judge.toml", "deterministic");
      String out = (String) report(a).get("stdout");
      assertEquals(out, report(b).get("stdout"));
      assertEquals(
          List.of("realtime 1704067200000000000", "realtime 1704067200001000000", "realtime 1704067200002000000",
              "monotonic 0", "monotonic 1000000", "monotonic 2000000"),
          out.lines().limit(6).toList());
      assertTrue(out.lines().skip(6).findFirst().orElseThrow().matches("random [0-9a-f]{32}"), out);
    }

    @Test
    void judge_stdoutLimit_isAnOutputLimit() {
      Path report = tmp.resolve("r.json");
      Cli.Result r = runWithReport(report, "judge.toml", "output_bomb");
      assertEquals(ExitCodes.OUTPUT_LIMIT, r.status(), r::toString);
      assertEquals(64L * 1024, report(report).get("stdout_bytes"));
    }

    @Test
    void judge_memoryLimit_isAMemoryLimit() {
      Path report = tmp.resolve("r.json");
      Cli.Result r = runWithReport(report, "judge.toml", "mem_bomb");
      assertEquals(ExitCodes.MEMORY_LIMIT, r.status(), r::toString);
      assertTrue((Long) report(report).get("peak_memory_bytes") <= 64L << 20);
    }

    @Test
    void judge_cpuTimeLimit_isATimeLimit() {
      Cli.Result r = run("judge.toml", "loop_br");
      assertEquals(ExitCodes.TIME_LIMIT, r.status(), r::toString);
      // Which limit comes first (1s of CPU or 2s of wall time) depends on the machine's load.
      assertTrue(r.oneErrorLine().matches("wasibox: time limit: (CPU-time limit of 1000|wall-time limit of 2000) ms reached"), r::toString);
    }

    @Test
    void judge_asTheJudgePolicy_acceptsACorrectSubmission() {
      Path tests = Cli.write(tmp, "t/1.in", "2\n40 2\n").getParent();
      Cli.write(tests, "1.out", "42\n");
      Cli.write(tests, "2.in", "0\n");
      Cli.write(tests, "2.out", "0\n");
      Cli.Result r = Cli.run("judge", "--policy", example("judge.toml").toString(), "--tests", tests.toString(), guest("sum_ok"));
      assertEquals(0, r.status(), r::toString);
      assertTrue(r.out().endsWith("verdict AC (2/2)\n"), r::toString);
    }
  }

  @Nested
  class Plugin {
    @Test
    void plugin_fsutil_seesItsDataReadOnlyAndAScratchDirectory() throws IOException {
      HostTreeSnapshot before = HostTreeSnapshot.of(example("plugin-data"));
      Cli.Result r =
          run("plugin.toml", "fsutil", "find-preopens", ";", "ls", "/data", ";", "cat", "/data/words.txt", ";",
              "write", "/scratch/note", "kept", ";", "cat", "/scratch/note", ";", "write", "/data/new", "x");
      assertEquals(1, r.status(), r::toString);
      assertEquals("3 /data\n4 /scratch\nf config.ini\nf words.txt\nalpha\nbeta\nkept", r.out());
      assertEquals("fsutil: write /data/new: Read-only file system (errno 69)\n", r.err());
      before.assertUnchanged();
    }

    @Test
    void plugin_pathsOutsideItsMounts_areRefused() {
      Cli.Result up = run("plugin.toml", "fsutil", "cat", "/data/../plugin.toml");
      assertEquals("fsutil: cat /data/../plugin.toml: Operation not permitted (errno 63)\n", up.err());
      Cli.Result other = run("plugin.toml", "fsutil", "cat", "/etc/passwd");
      assertEquals("fsutil: cat /etc/passwd: Capabilities insufficient (errno 76)\n", other.err());
    }

    @Test
    void plugin_scratch_startsEmptyEveryRun() {
      run("plugin.toml", "fsutil", "write", "/scratch/left", "x");
      assertEquals("", run("plugin.toml", "fsutil", "ls", "/scratch").out());
    }

    @Test
    void plugin_helloGuest_seesItsArgv0OneVariableAndTheHostLang() {
      Cli.Result r = run("plugin.toml", "hello");
      assertEquals("hello, world\nargv[0]=plugin\nenv PLUGIN_HOME=/data\nenv LANG=" + Cli.HOST_ENV.get("LANG") + "\n", r.out());
      assertFalse(r.out().contains(Cli.HOST_ENV.get("SECRET_TOKEN")));
      Cli.Result noLang = Cli.run(Map.of("HOME", "/root"), new byte[0], "run", "--policy", example("plugin.toml").toString(), guest("hello"));
      assertEquals("hello, world\nargv[0]=plugin\nenv PLUGIN_HOME=/data\n", noLang.out());
    }
  }

  @Nested
  class Deterministic {
    @Test
    void deterministic_twoRuns_byteIdenticalIncludingClocksRandomAndFileTimes() {
      Cli.Result a = run("deterministic.toml", "deterministic", "/tmp");
      Cli.Result b = run("deterministic.toml", "deterministic", "/tmp");
      assertEquals(0, a.status(), a::toString);
      assertEquals(a.out(), b.out());
      List<String> lines = a.out().lines().toList();
      assertEquals(8, lines.size(), a::toString);
      long r0 = Long.parseLong(lines.get(0).substring("realtime ".length()));
      assertTrue(r0 >= 946_684_800_000_000_000L, "starts at 2000-01-01: " + r0);
      assertEquals(List.of("realtime " + (r0 + 1000), "realtime " + (r0 + 2000)), lines.subList(1, 3));
      assertEquals(List.of("monotonic 1000000000", "monotonic 1000001000", "monotonic 1000002000"), lines.subList(3, 6));
      assertTrue(lines.get(6).matches("random [0-9a-f]{32}"), lines.get(6));
      assertTrue(lines.get(7).matches("mtime [0-9]+"), lines.get(7));
    }

    @Test
    void deterministic_randomBytes_sameEveryRun() {
      assertEquals(run("deterministic.toml", "random", "64").out(), run("deterministic.toml", "random", "64").out());
    }

    @Test
    void deterministic_argv0AndMounts_fixedArgv0AndAMemoryTmp() {
      assertEquals("hello, world\nargv[0]=app\n", run("deterministic.toml", "hello").out());
      assertEquals("3 /tmp\n", run("deterministic.toml", "fsutil", "find-preopens", ";", "ls", "/tmp").out());
    }

    @Test
    void deterministic_clockGuest_seesTheResolutionAndVirtualCpuTime() {
      List<String> lines = run("deterministic.toml", "clock").out().lines().toList();
      assertTrue(lines.get(0).startsWith("realtime res=1000 time="), lines::toString);
      assertEquals("monotonic res=1000 time=1000000000", lines.get(1));
      assertEquals("process_cputime res=1000 time=1000000000", lines.get(2));
    }
  }

  @Nested
  class UntrustedTool {
    @TempDir Path copy;

    /** The example with its project, copied: its [[export]] writes next to the policy file. */
    private Path install() throws IOException {
      Files.copy(example("untrusted-tool.toml"), copy.resolve("untrusted-tool.toml"));
      try (Stream<Path> s = Files.walk(example("project"))) {
        for (Path p : s.toList()) {
          Path to = copy.resolve("project").resolve(example("project").relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
      assertEquals(Files.readString(example("untrusted-tool.toml")), Files.readString(copy.resolve("untrusted-tool.toml")));
      return copy.resolve("untrusted-tool.toml");
    }

    @Test
    void untrustedTool_fsutilChangesTheProject_changesExportedAndHostUnchanged() throws IOException {
      Path policy = install();
      HostTreeSnapshot before = HostTreeSnapshot.of(copy.resolve("project"));
      Path report = copy.resolve("tool.json");
      Cli.Result r =
          Cli.run("run", "--policy", policy.toString(), "--report", report.toString(), guest("fsutil"), "--",
              "find-preopens", ";", "cat", "README.md", ";", "mkdir", "build", ";", "write", "build/out.txt", "done", ";",
              "append", "src/main.c", "// edited\n", ";", "rm", "notes.txt", ";", "ls", "/");
      assertEquals(0, r.status(), r::toString);
      assertEquals("3 /\n" + Files.readString(copy.resolve("project/README.md")) + "f README.md\nd build\nd src\n", r.out());
      before.assertUnchanged();
      Path out = copy.resolve("tool-output");
      try (Stream<Path> s = Files.walk(out)) {
        assertEquals(
            new TreeSet<>(List.of("", "build", "build/out.txt", "src", "src/main.c")),
            s.map(p -> out.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new)));
      }
      assertEquals("done", Files.readString(out.resolve("build/out.txt")));
      assertEquals(Files.readString(copy.resolve("project/src/main.c")) + "// edited\n", Files.readString(out.resolve("src/main.c")));
      @SuppressWarnings("unchecked")
      Map<String, Object> export = (Map<String, Object>) ((List<Object>) report(report).get("exports")).get(0);
      assertEquals(List.of("notes.txt"), export.get("deleted"));
      assertEquals(out.toString(), export.get("host"));
    }

    @Test
    void untrustedTool_secondRun_exportRefusedBecauseTheTargetIsNotEmpty() throws IOException {
      Path policy = install();
      assertEquals(0, Cli.run("run", "--policy", policy.toString(), guest("fsutil"), "write", "a", "1").status());
      Cli.Result again = Cli.run("run", "--policy", policy.toString(), guest("fsutil"), "write", "a", "2");
      assertEquals(ExitCodes.USAGE, again.status());
      assertEquals("wasibox: export failed: export target " + copy.resolve("tool-output") + " is not empty", again.oneErrorLine());
      assertEquals("1", Files.readString(copy.resolve("tool-output/a")));
    }

    @Test
    void untrustedTool_pathAboveTheRoot_isRefused() throws IOException {
      Path policy = install();
      Cli.Result r = Cli.run("run", "--policy", policy.toString(), guest("fsutil"), "cat", "../untrusted-tool.toml");
      assertEquals("fsutil: cat ../untrusted-tool.toml: Operation not permitted (errno 63)\n", r.err());
    }
  }

  @Nested
  class Fuzz {
    /** The attack corpus (guests/README.md): every line meets its own expectation, nothing leaks. */
    @Test
    void fuzz_fsAttack_everyExpectationHoldsAndNothingLeaks() {
      Cli.Result r = run("fuzz.toml", "fs_attack", "--expect");
      assertEquals(0, r.status(), r::toString);
      List<String> failed = new ArrayList<>();
      int checked = 0;
      for (String line : r.out().lines().toList()) {
        int at = line.indexOf(" expect=");
        if (at < 0) {
          continue;
        }
        checked++;
        String result = line.substring(line.indexOf(' ') + 1, at);
        if (Stream.of(line.substring(at + " expect=".length()).split("\\|")).noneMatch(alt -> meets(result, alt))) {
          failed.add(line);
        }
      }
      assertEquals(List.of(), failed);
      assertTrue(checked > 300, "only " + checked + " lines checked");
      assertTrue(r.out().endsWith("END leaks=0 expect=leaks=0\n"), r::toString);
    }

    private static boolean meets(String result, String alt) {
      if (alt.equals("*")) {
        return true;
      }
      if (alt.equals("errno=*")) {
        return result.matches("errno=[0-9]+( .*)?");
      }
      return result.equals(alt) || result.startsWith(alt + " ");
    }

    @Test
    void fuzz_abiAttack_hostSurvives() {
      Cli.Result r = run("fuzz.toml", "abi_attack");
      assertEquals(0, r.status(), r::toString);
    }

    @Test
    void fuzz_grants_onlyTheSandboxNoEnvironmentAFixedArgv0() {
      assertEquals("3 /sandbox\n", run("fuzz.toml", "fsutil", "find-preopens").out());
      assertEquals("hello, world\nargv[0]=guest\n", run("fuzz.toml", "hello").out());
    }

    @Test
    void fuzz_clockGuest_readsFrozenClocksAndNoCpuClocks() {
      List<String> lines = run("fuzz.toml", "clock").out().lines().toList();
      assertEquals(
          List.of("realtime res=1 time=0", "monotonic res=1 time=0", "process_cputime errno=28", "thread_cputime errno=28"),
          lines.subList(0, 4));
    }

    @Test
    void fuzz_replays_sameOutputEveryRun() {
      assertEquals(run("fuzz.toml", "deterministic", "/sandbox").out(), run("fuzz.toml", "deterministic", "/sandbox").out());
    }

    @Test
    void fuzz_bombs_endWithTheirLimitStatus() {
      assertEquals(ExitCodes.MEMORY_LIMIT, run("fuzz.toml", "mem_bomb").status());
      assertEquals(ExitCodes.OUTPUT_LIMIT, run("fuzz.toml", "output_bomb").status());
      Cli.Result loop = run("fuzz.toml", "loop_br_if");
      assertEquals(ExitCodes.TIME_LIMIT, loop.status(), loop::toString);
    }

    @Test
    void fuzz_sandboxQuota_isEnforced() {
      Cli.Result r = run("fuzz.toml", "fsutil", "write", "/sandbox/f", "x", ";", "truncate", "/sandbox/f", "2000000");
      assertEquals(1, r.status(), r::toString);
      assertEquals("fsutil: truncate /sandbox/f: No space left on device (errno 51)\n", r.err());
    }
  }
}
