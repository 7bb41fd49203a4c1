package dev.wasibox.host.cli;

import static dev.wasibox.host.cli.Cli.guest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.host.policy.HostStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code wasibox} command itself: help, version, unknown commands, internal errors, and every
 * kind of bad policy reaching the user as one line {@code FILE:LINE: key '...': ...}.
 */
class MainTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void main_help_listsCommandsAndExamples(String flag) {
    Cli.Result r = Cli.run(flag);
    assertEquals(0, r.status());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("Usage: wasibox [-hV] [COMMAND]\n"), r::toString);
    assertTrue(r.out().contains("  run    Runs a WASI command module under a policy.\n"), r::toString);
    assertTrue(r.out().contains("  judge  Judges a submission against a directory of test cases.\n"), r::toString);
    assertTrue(r.out().contains("Examples:\n  wasibox run --policy policy-examples/hello.toml guests/bin/hello.wasm\n"), r::toString);
  }

  static Stream<Arguments> commandHelp() {
    return Stream.of(
        // command line, usage line, an example, option lines
        Arguments.of(List.of("run", "--help"), "Usage: wasibox run [-h] [--no-cache]", "  wasibox run --dir ./project::/ tool.wasm -- build\n",
            List.of("--policy=FILE", "--dir=HOST[::GUEST]", "--ro-dir=HOST[::GUEST]", "--tmp=GUEST", "--env=NAME[=VALUE]", "--stdin=FILE",
                "--memory=SIZE", "--time-limit=DUR", "--cpu-time=DUR", "--max-output=SIZE", "--export=GUEST::HOST", "--report=FILE",
                "--engine=ENGINE", "--no-cache")),
        Arguments.of(List.of("run", "-h"), "Usage: wasibox run [-h]", "Exit status: the guest's exit code; 134 trap; 124 time limit;\n", List.of()),
        Arguments.of(List.of("judge", "--help"), "Usage: wasibox judge [-h] [--stop-on-failure]",
            "  wasibox judge --policy policy-examples/judge.toml --tests tests/ sol.wasm\n",
            List.of("--policy=FILE", "--tests=DIR", "--checker=CHECKER", "--report=FILE", "--jobs=N", "--stop-on-failure", "--engine=ENGINE")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandHelp")
  void main_commandHelp_printsUsageWithExamples(List<String> line, String usage, String example, List<String> options) {
    Cli.Result r = Cli.run(line.toArray(new String[0]));
    assertEquals(0, r.status(), r::toString);
    assertEquals("", r.err());
    assertTrue(r.out().startsWith(usage) || r.out().contains("\n" + usage), r::toString);
    assertTrue(r.out().contains(example), r::toString);
    for (String o : options) {
      assertTrue(r.out().contains("      " + o + " "), () -> o + " missing from\n" + r.out());
    }
    assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), "help wraps at 80 columns");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void main_version_namesWasiboxChicoryAndJava(String flag) {
    Cli.Result r = Cli.run(flag);
    assertEquals(0, r.status());
    assertTrue(r.out().matches("wasibox [0-9][^ ]* \\(Chicory [0-9][^ ]*, Java [^ ]+\\)\n"), r::toString);
  }

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of(List.of(), "wasibox: missing command: run or judge (see 'wasibox --help')"),
        Arguments.of(List.of("exec", "x.wasm"), "wasibox: Unmatched arguments from index 0: 'exec', 'x.wasm' (see 'wasibox --help')"),
        Arguments.of(List.of("--bogus"), "wasibox: Unknown option: '--bogus' (see 'wasibox --help')"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCommandLines")
  void main_badCommandLine_exits2WithOneLine(List<String> line, String message) {
    Cli.Result r = Cli.run(line.toArray(new String[0]));
    assertEquals(ExitCodes.USAGE, r.status());
    assertEquals("", r.out());
    assertEquals(message, r.oneErrorLine());
  }

  /** A host stream that fails as no ordinary run can: wasibox's own bug path, 125 and one line. */
  @Test
  void main_unexpectedException_exits125WithOneLineAndNoStackTrace() {
    PrintStream failing = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        throw new IllegalStateException("stdout is gone\nsecond line");
      }
    });
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path tests = Cli.write(tmp, "t/1.in", "1\n1\n").getParent();
    Cli.write(tests, "1.out", "1\n");
    Path policy = Cli.write(tmp, "p.toml", "");
    int status = Main.run(
        new String[] {"judge", "--policy", policy.toString(), "--tests", tests.toString(), guest("sum_ok")},
        new HostStreams(Map.of(), new ByteArrayInputStream(new byte[0]), failing, new PrintStream(err, true, StandardCharsets.UTF_8), false));
    assertEquals(ExitCodes.INTERNAL, status);
    Cli.Result r = new Cli.Result(status, "", err.toString(StandardCharsets.UTF_8));
    assertEquals("wasibox: internal error: IllegalStateException: stdout is gone", r.oneErrorLine());
  }

  static Stream<Arguments> badPolicies() {
    return Stream.of(
        // policy text, line, key (null: none), problem (prefix)
        Arguments.of("bogus = 1", 1, "bogus", "unknown key (allowed: argv0, args, env, stdio, clocks, random, mount, export, limits)"),
        Arguments.of("args = \"x\"", 1, "args", "expected an array of strings, found string"),
        Arguments.of("args = [\"a\",\n  1]", 2, "args[1]", "expected a string, found integer"),
        Arguments.of("argv0 = \"\"", 1, "argv0", "must be non-empty and hold no NUL"),
        Arguments.of("[env]\nextra = 1", 2, "env.extra", "unknown key (allowed: vars, inherit)"),
        Arguments.of("[env]\nvars = { A = 1 }", 2, "env.vars.A", "expected a string, found integer"),
        Arguments.of("[env]\nvars = { A = \"1\" }\ninherit = [\"A\"]", 3, "env.inherit[0]", "'A' also has an explicit value in env.vars; keep one"),
        Arguments.of("[stdio]\nstdin = \"keyboard\"", 2, "stdio.stdin", "\"keyboard\" is not one of \"none\", \"inherit\", \"file\""),
        Arguments.of("[stdio]\nstdin = \"file\"", 1, "stdio.stdin-file", "required"),
        Arguments.of("[stdio]\nstdin = \"file\"\nstdin-file = \"missing.txt\"", 3, "stdio.stdin-file", "file does not exist: "),
        Arguments.of("[stdio]\nstdout-limit = \"16MB\"", 2, "stdio.stdout-limit", "ambiguous unit 'MB' in \"16MB\""),
        Arguments.of("[stdio]\nstdout = \"file\"\nstdout-file = \"o.txt\"\nstderr = \"file\"\nstderr-file = \"o.txt\"", 5, "stdio.stderr-file", "same file as stdout-file: "),
        Arguments.of("[clocks]\nrealtime = \"virtual\"\nrealtime-step = \"0s\"", 3, "clocks.realtime-step", "must be positive; a clock that does not advance is \"frozen\""),
        Arguments.of("[clocks]\nrealtime-start = 5", 2, "clocks.realtime-start", "only allowed when realtime is \"frozen\" or \"virtual\" (realtime is \"real\")"),
        Arguments.of("[clocks]\nrealtime = \"frozen\"\nrealtime-start = \"yesterday\"", 3, "clocks.realtime-start", "not an RFC 3339 time"),
        Arguments.of("[clocks]\ncpu-time = \"virtual\"", 2, "clocks.cpu-time", "\"virtual\" follows the monotonic clock, which must then be \"frozen\" or \"virtual\""),
        Arguments.of("[clocks]\nresolution = 1", 2, "clocks.resolution", "expected a duration string"),
        Arguments.of("[random]\nsource = \"seeded\"", 1, "random.seed", "required when source = \"seeded\""),
        Arguments.of("[random]\nseed = 3", 2, "random.seed", "only allowed when source = \"seeded\""),
        Arguments.of("[[mount]]\nguest = \"/d\"", 1, "mount[0].type", "required: one of \"memory\", \"host-ro\", \"overlay\""),
        Arguments.of("[[mount]]\nguest = \"d\"\ntype = \"memory\"", 2, "mount[0].guest", "guest path \"d\" is not absolute"),
        Arguments.of("[[mount]]\nguest = \"/d\"\ntype = \"host-ro\"\nsource = \"nowhere\"", 4, "mount[0].source", "directory does not exist: "),
        Arguments.of("[[mount]]\nguest = \"/d\"\ntype = \"memory\"\nsource = \".\"", 4, "mount[0].source", "not allowed for a memory mount"),
        Arguments.of("[[mount]]\nguest = \"/d\"\ntype = \"host-ro\"\nsource = \".\"\nquota-bytes = 10", 5, "mount[0].quota-bytes", "only for memory and overlay mounts"),
        Arguments.of("[[mount]]\nguest = \"/d\"\ntype = \"memory\"\nquota-inodes = 0", 4, "mount[0].quota-inodes", "must be at least 1"),
        Arguments.of("[[mount]]\nguest = \"/d\"\ntype = \"memory\"\n[[mount]]\nguest = \"/d/\"\ntype = \"memory\"", 5, "mount[1].guest",
            "\"/d\" is already mounted by mount[0]"),
        Arguments.of("[[mount]]\nguest = \"/d\"\ntype = \"memory\"\n[[export]]\nguest = \"/x\"\nhost = \"out\"", 5, "export[0].guest", "\"/x\" is not inside any mount"),
        Arguments.of("[[mount]]\nguest = \"/d\"\ntype = \"memory\"\n[[export]]\nguest = \"/d\"", 4, "export[0].host", "required"),
        Arguments.of("[[export]]\nguest = \"/d\"\nhost = \"o\"\nsymlinks = \"follow\"", 4, "export[0].symlinks", "\"follow\" is not one of \"copy\", \"refuse\""),
        Arguments.of("[limits]\nmemory = \"1KiB\"", 2, "limits.memory", "must be at least 64KiB (one wasm page), got 1024"),
        Arguments.of("[limits]\nwall-time = 10", 2, "limits.wall-time", "expected a duration string such as \"10s\" (a bare number has no unit), found integer"),
        Arguments.of("[limits]\ncpu-time = \"1 fortnight\"", 2, "limits.cpu-time", "unknown unit 'fortnight' in \"1 fortnight\""),
        Arguments.of("[limits]\nname-length = 5000", 2, "limits.name-length", "must be at most path-length (4096), got 5000"),
        Arguments.of("[limits]\nfd-numbering = \"sequential\"", 2, "limits.fd-numbering", "\"sequential\" is not one of \"lowest\", \"random\""),
        Arguments.of("[limits]\nopen-files = 3\n[[mount]]\nguest = \"/d\"\ntype = \"memory\"", 2, "limits.open-files", "must be at least 4"),
        Arguments.of("[limits]\nbogus = 1", 2, "limits.bogus", "unknown key (allowed: memory, wall-time, cpu-time, output, open-files, path-length, name-length, fd-numbering)"),
        Arguments.of("args = ]", 1, null, "invalid TOML: "),
        Arguments.of("[limits]\nmemory = \"1MiB\"\nmemory = \"2MiB\"", 3, null, "invalid TOML: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPolicies")
  void main_badPolicy_reachesTheUserAsFileLineKeyProblem(String text, int line, String key, String problem) {
    Path file = Cli.write(tmp, "policy.toml", text + "\n");
    String prefix = "wasibox: " + file + ":" + line + ": " + (key == null ? "" : "key '" + key + "': ") + problem;
    for (String command : List.of("run", "judge")) {
      Cli.Result r =
          command.equals("run")
              ? Cli.run("run", "--policy", file.toString(), guest("hello"))
              : Cli.run("judge", "--policy", file.toString(), "--tests", tmp.toString(), guest("hello"));
      assertEquals(ExitCodes.USAGE, r.status(), r::toString);
      assertEquals("", r.out(), "nothing ran");
      String got = r.oneErrorLine();
      assertTrue(got.startsWith(prefix), () -> "expected: " + prefix + "\ngot:      " + got);
    }
  }

  @Test
  void main_unreadablePolicy_namesTheFileWithoutALine() {
    Cli.Result r = Cli.run("run", "--policy", tmp.resolve("none.toml").toString(), guest("hello"));
    assertEquals("wasibox: " + tmp.resolve("none.toml") + ": cannot read: no such file", r.oneErrorLine());
    assertFalse(r.err().contains("\tat "));
  }
}
