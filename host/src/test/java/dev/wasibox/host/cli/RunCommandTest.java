package dev.wasibox.host.cli;

import static dev.wasibox.host.cli.Cli.args;
import static dev.wasibox.host.cli.Cli.guest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasibox.capabilities.policy.Durations;
import dev.wasibox.capabilities.policy.ExportSpec;
import dev.wasibox.capabilities.policy.MountSpec;
import dev.wasibox.capabilities.policy.Policy;
import dev.wasibox.capabilities.policy.PolicyReader;
import dev.wasibox.capabilities.policy.Sizes;
import dev.wasibox.host.policy.HostStreams;
import dev.wasibox.vfs.host.HostTreeSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wasibox run}, in this JVM on real guests: every flag, flags over a policy file, {@code
 * --}, every exit status with its one-line diagnostic, reports, exports, and the DESIGN.md
 * contract for {@code --dir HOST::/}.
 */
class RunCommandTest {
  @TempDir Path tmp;
  private Path data;

  /**
   * <pre>
   * data/
   *   a.txt          "alpha"
   *   sub/b.txt      "beta"
   *   gone.txt       "to be deleted"
   * </pre>
   */
  @BeforeEach
  void fixture() throws IOException {
    data = Files.createDirectories(tmp.resolve("data"));
    Cli.write(data, "a.txt", "alpha");
    Cli.write(data, "sub/b.txt", "beta");
    Cli.write(data, "gone.txt", "to be deleted");
  }

  private static String hello(String... lines) {
    return "hello, world\n" + String.join("", Stream.of(lines).map(l -> l + "\n").toList());
  }

  // ---------------------------------------------------------------- every flag, end to end

  @Test
  void run_noFlags_guestGetsNothingAndNothingElseIsPrinted() {
    Cli.Result r = Cli.run("run", guest("hello"));
    assertEquals(0, r.status(), r::toString);
    assertEquals(hello("argv[0]=hello.wasm"), r.out());
    assertEquals("", r.err());
    Cli.Result files = Cli.run("run", guest("fsutil"), "find-preopens");
    assertEquals("", files.out(), files::toString);
  }

  @Test
  void run_policy_grantsWhatTheFileSays() {
    Cli.Result r = Cli.run("run", "--policy", Cli.example("hello.toml").toString(), guest("hello"));
    assertEquals(hello("argv[0]=hello.wasm", "argv[1]=from", "argv[2]=wasibox", "env GREETING=hello", "env LANG=C.UTF-8"), r.out());
  }

  @Test
  void run_dir_guestWritesOverlayAndHostNeverChanges() throws IOException {
    HostTreeSnapshot before = HostTreeSnapshot.of(data);
    Cli.Result r =
        Cli.run("run", "--dir", data + "::/w", guest("fsutil"),
            "cat", "/w/a.txt", ";", "write", "/w/a.txt", "changed", ";", "rm", "/w/gone.txt", ";", "mkdir", "/w/new", ";",
            "cat", "/w/a.txt", ";", "ls", "/w");
    assertEquals(0, r.status(), r::toString);
    assertEquals("alphachanged" + "f a.txt\nd new\nd sub\n", r.out());
    before.assertUnchanged();
  }

  @Test
  void run_dirWithoutGuest_mountsAtTheHostPath() {
    Cli.Result r = Cli.run("run", "--dir", data.toString(), guest("fsutil"), "find-preopens", ";", "cat", data + "/a.txt");
    assertEquals("3 " + data + "\nalpha", r.out(), r::toString);
  }

  @Test
  void run_roDir_guestReadsButCannotWrite() throws IOException {
    HostTreeSnapshot before = HostTreeSnapshot.of(data);
    Cli.Result r = Cli.run("run", "--ro-dir", data + "::/ro", guest("fsutil"), "cat", "/ro/sub/b.txt", ";", "write", "/ro/x", "y");
    assertEquals(1, r.status());
    assertEquals("beta", r.out());
    assertEquals("fsutil: write /ro/x: Read-only file system (errno 69)\n", r.err());
    before.assertUnchanged();
  }

  @Test
  void run_tmp_emptyWritableMemoryDirectory() {
    Cli.Result r = Cli.run("run", "--tmp", "/t", guest("fsutil"), "ls", "/t", ";", "write", "/t/f", "hi", ";", "cat", "/t/f", ";", "find-preopens");
    assertEquals("hi3 /t\n", r.out(), r::toString);
  }

  @Test
  void run_envNameValue_setsTheVariable() {
    Cli.Result r = Cli.run("run", "--env", "A=1", "--env", "B=x=y", "--env", "EMPTY=", guest("hello"));
    assertEquals(hello("argv[0]=hello.wasm", "env A=1", "env B=x=y", "env EMPTY="), r.out());
  }

  @Test
  void run_envName_passesTheHostValueThroughIfTheHostHasIt() {
    Cli.Result r = Cli.run("run", "--env", "LANG", "--env", "NOT_ON_HOST", guest("hello"));
    assertEquals(hello("argv[0]=hello.wasm", "env LANG=" + Cli.HOST_ENV.get("LANG")), r.out());
    assertFalse(r.out().contains("s3cr3t"));
  }

  @Test
  void run_stdin_guestReadsTheFile() {
    Path in = Cli.write(tmp, "in.txt", "3\n10 20 12\n");
    Cli.Result r = Cli.run(Cli.HOST_ENV, "host stdin".getBytes(StandardCharsets.UTF_8), "run", "--stdin", in.toString(), guest("sum_ok"));
    assertEquals("42\n", r.out(), r::toString);
  }

  @Test
  void run_withoutStdin_guestReadsNothingFromTheHost() {
    Cli.Result r = Cli.run(Cli.HOST_ENV, "3\n1 2 3\n".getBytes(StandardCharsets.UTF_8), "run", guest("stdin_big"));
    assertEquals("bytes=0 fnv1a64=cbf29ce484222325\n", r.out());
  }

  static Stream<Arguments> limitFlags() {
    return Stream.of(
        // flag, value, guest, exit status, diagnostic
        Arguments.of("--memory", "4MiB", "mem_bomb", ExitCodes.MEMORY_LIMIT, "wasibox: memory limit: "),
        Arguments.of("--time-limit", "300ms", "loop_br", ExitCodes.TIME_LIMIT, "wasibox: time limit: wall-time limit of 300 ms reached"),
        Arguments.of("--cpu-time", "300ms", "loop_br", ExitCodes.TIME_LIMIT, "wasibox: time limit: CPU-time limit of 300 ms reached"),
        Arguments.of("--max-output", "1KiB", "output_bomb", ExitCodes.OUTPUT_LIMIT, "wasibox: output limit: stdout went over its output limit after 1024 bytes"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("limitFlags")
  void run_limitFlag_endsTheRunWithItsStatus(String flag, String value, String guest, int status, String line) {
    Cli.Result r = Cli.run("run", flag, value, guest(guest));
    assertEquals(status, r.status(), r::toString);
    assertTrue(r.oneErrorLine().startsWith(line), r::toString);
  }

  @Test
  void run_report_writesTheRunReport() throws IOException {
    Path report = tmp.resolve("run.json");
    Cli.Result r = Cli.run("run", "--report", report.toString(), guest("trap"), "exit", "3");
    assertEquals(3, r.status());
    Map<String, Object> json = Json.object(Files.readString(report));
    assertEquals(3L, json.get("exit_code"));
    assertEquals(3L, json.get("guest_exit_code"));
    assertEquals("OK", json.get("verdict"));
    assertEquals("trap: exit\n".length() + 0L, json.get("stdout_bytes"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"compiler", "interpreter", "INTERPRETER"})
  void run_engine_sameGuestBehaviour(String engine) {
    Cli.Result ok = Cli.run("run", "--engine", engine, guest("hello"), "x");
    assertEquals(hello("argv[0]=hello.wasm", "argv[1]=x"), ok.out());
    Cli.Result trap = Cli.run("run", "--engine", engine, guest("trap"), "unreachable");
    assertEquals(ExitCodes.TRAP, trap.status());
    assertTrue(trap.oneErrorLine().startsWith("wasibox: guest trapped: "), trap::toString);
  }

  @Test
  void run_noCache_writesNoCompileCache() {
    assumeTrue(System.getenv("XDG_CACHE_HOME") == null, "the cache root comes from XDG_CACHE_HOME");
    String home = System.getProperty("user.home");
    try {
      System.setProperty("user.home", tmp.toString());
      Path cache = tmp.resolve(".cache/wasibox");
      assertEquals(0, Cli.run("run", "--no-cache", guest("hello")).status());
      assertFalse(Files.exists(cache), "--no-cache created " + cache);
      assertEquals(0, Cli.run("run", guest("hello")).status());
      assertTrue(Files.isDirectory(cache), "without --no-cache there is a cache at " + cache);
    } finally {
      System.setProperty("user.home", home);
    }
  }

  // ---------------------------------------------------------------- flags over a policy file

  private Path basePolicy() {
    Cli.write(tmp, "in.txt", "from the file");
    Cli.write(tmp, "in2.txt", "from the flag");
    return Cli.write(tmp, "base.toml", String.join("\n",
        "argv0 = \"base\"",
        "args = [\"from-file\"]",
        "[env]",
        "vars = { FROM_FILE = \"1\", SHARED = \"file\" }",
        "inherit = [\"LANG\"]",
        "[stdio]",
        "stdin = \"file\"",
        "stdin-file = \"in.txt\"",
        "stdout = \"capture\"",
        "[clocks]",
        "realtime = \"frozen\"",
        "[random]",
        "source = \"seeded\"",
        "seed = 7",
        "[[mount]]",
        "guest = \"/data\"",
        "type = \"host-ro\"",
        "source = \"data\"",
        "[[mount]]",
        "guest = \"/scratch\"",
        "type = \"memory\"",
        "quota-bytes = \"1MiB\"",
        "[[export]]",
        "guest = \"/scratch\"",
        "host = \"out\"",
        "[limits]",
        "memory = \"8MiB\"",
        "wall-time = \"5s\"",
        "cpu-time = \"4s\"",
        "output = \"4KiB\"",
        "open-files = 32",
        ""));
  }

  /** Parses {@code args} as a {@code run} command line and returns the policy it would run with. */
  private static Policy policyOf(String... args) throws UsageException {
    picocli.CommandLine cli = Main.commandLine(new HostStreams(Map.of(), new ByteArrayInputStream(new byte[0]), System.out, System.err, false));
    cli.parseArgs(args);
    RunCommand run = (RunCommand) cli.getSubcommands().get("run").getCommandSpec().userObject();
    return run.policy();
  }

  static Stream<Arguments> overrides() {
    return Stream.<Arguments>of(
        // name, flags before the module ({D} = data dir, {T} = temp dir), the same change made with the builder
        Arguments.of("nothing", List.of(), (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b),
        Arguments.of("--env NEW=1 adds a variable", List.of("--env", "NEW=1"), (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.putEnv("NEW", "1")),
        Arguments.of("--env SHARED=flag replaces its value", List.of("--env", "SHARED=flag"), (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.putEnv("SHARED", "flag")),
        Arguments.of("--env LANG=x replaces a pass-through", List.of("--env", "LANG=x"), (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.putEnv("LANG", "x")),
        Arguments.of("--env FROM_FILE passes the host's through instead", List.of("--env", "FROM_FILE"),
            (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.editEnv(e -> e.passThrough("FROM_FILE"))),
        Arguments.of("--dir adds an overlay", List.of("--dir", "{D}::/extra"),
            (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.addMount(MountSpec.overlay(t.resolve("data"), "/extra"))),
        Arguments.of("--dir at a mounted path replaces that mount", List.of("--dir", "{D}::/data"),
            (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.putMount(MountSpec.overlay(t.resolve("data"), "/data"))),
        Arguments.of("--ro-dir adds a read-only mount", List.of("--ro-dir", "{D}::/r"),
            (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.addMount(MountSpec.hostReadOnly(t.resolve("data"), "/r"))),
        Arguments.of("--tmp adds a memory mount", List.of("--tmp", "/t"), (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.addMount(MountSpec.memory("/t"))),
        Arguments.of("--tmp at a mounted path replaces it (default quotas)", List.of("--tmp", "/scratch"),
            (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.putMount(MountSpec.memory("/scratch"))),
        Arguments.of("--stdin replaces the stdin file", List.of("--stdin", "{T}/in2.txt"),
            (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.stdinFile(t.resolve("in2.txt"))),
        Arguments.of("--memory", List.of("--memory", "16MiB"), (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.editLimits(l -> l.memory(Sizes.parse("16MiB")))),
        Arguments.of("--time-limit", List.of("--time-limit", "2s"), (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.editLimits(l -> l.wallTime(Durations.parse("2s")))),
        Arguments.of("--cpu-time", List.of("--cpu-time", "1500ms"), (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.editLimits(l -> l.cpuTime(Durations.parse("1500ms")))),
        Arguments.of("--max-output", List.of("--max-output", "1MiB"), (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.editLimits(l -> l.output(1L << 20))),
        Arguments.of("--export adds an export", List.of("--export", "/scratch/sub::{T}/out2"),
            (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.addExport(ExportSpec.of("/scratch/sub", t.resolve("out2")))),
        Arguments.of("--report, --engine, --no-cache leave the policy alone", List.of("--report", "{T}/r.json", "--engine", "interpreter", "--no-cache"),
            (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b),
        Arguments.of("several at once", List.of("--env", "NEW=1", "--tmp", "/t", "--memory", "16MiB"),
            (BiFunction<Policy.Builder, Path, Policy.Builder>) (b, t) -> b.putEnv("NEW", "1").addMount(MountSpec.memory("/t")).editLimits(l -> l.memory(16L << 20))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overrides")
  void policy_flagOverFile_changesOnlyWhatItNames(String name, List<String> flags, BiFunction<Policy.Builder, Path, Policy.Builder> change)
      throws UsageException {
    Path file = basePolicy();
    Policy base = PolicyReader.read(file);
    Policy actual = policyOf(args("run", "--policy", file, flags.stream().map(this::expand).toList(), "m.wasm"));
    assertEquals(change.apply(base.toBuilder(), tmp).build(), actual);
  }

  @Test
  void policy_argsAfterModule_replaceTheFileArgsOnly() throws UsageException {
    Path file = basePolicy();
    Policy base = PolicyReader.read(file);
    assertEquals(base.toBuilder().args(List.of("a", "b")).build(), policyOf("run", "--policy", file.toString(), "m.wasm", "--", "a", "b"));
    assertEquals(base, policyOf("run", "--policy", file.toString(), "m.wasm", "--"));
  }

  @Test
  void run_overridesOverAFile_guestSeesBoth() throws IOException {
    Path file = basePolicy();
    Path report = tmp.resolve("r.json");
    Cli.Result r = Cli.run("run", "--policy", file.toString(), "--env", "SHARED=flag", "--env", "NEW=1", "--report", report.toString(), guest("hello"));
    assertEquals(0, r.status(), r::toString);
    assertEquals("", r.out(), "stdout is captured by the file's policy");
    assertEquals(
        hello("argv[0]=base", "argv[1]=from-file", "env FROM_FILE=1", "env SHARED=flag", "env NEW=1", "env LANG=" + Cli.HOST_ENV.get("LANG")),
        Json.object(Files.readString(report)).get("stdout"));
  }

  // ---------------------------------------------------------------- "--" and guest arguments

  static Stream<Arguments> guestArgs() {
    return Stream.of(
        // command line after "run", argv[1..] the guest sees
        Arguments.of(List.of("M", "a", "b"), List.of("a", "b")),
        Arguments.of(List.of("M", "--", "a", "b"), List.of("a", "b")),
        Arguments.of(List.of("M", "--", "--", "a"), List.of("--", "a")),
        Arguments.of(List.of("M", "a", "--", "b"), List.of("a", "--", "b")),
        Arguments.of(List.of("M", "--help", "--version"), List.of("--help", "--version")),
        Arguments.of(List.of("M", "--env", "X=1", "--tmp", "/t"), List.of("--env", "X=1", "--tmp", "/t")),
        Arguments.of(List.of("--", "M", "-a"), List.of("-a")),
        Arguments.of(List.of("--env", "E=1", "--", "M", "--", "x"), List.of("x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guestArgs")
  void run_everythingAfterTheModule_goesToTheGuest(List<String> commandLine, List<String> argv) {
    List<String> line = commandLine.stream().map(a -> a.equals("M") ? guest("hello") : a).toList();
    Cli.Result r = Cli.run(args("run", line));
    StringBuilder expected = new StringBuilder("hello, world\nargv[0]=hello.wasm\n");
    for (int i = 0; i < argv.size(); i++) {
      expected.append("argv[").append(i + 1).append("]=").append(argv.get(i)).append('\n');
    }
    if (commandLine.contains("E=1") && commandLine.indexOf("E=1") < commandLine.indexOf("M")) {
      expected.append("env E=1\n");
    }
    assertEquals(0, r.status(), r::toString);
    assertEquals(expected.toString(), r.out());
  }

  // ---------------------------------------------------------------- exit statuses

  static Stream<Arguments> endings() {
    return Stream.of(
        // flags, guest, guest args, exit status, the one stderr line wasibox adds (null: none)
        Arguments.of(List.of(), "hello", List.of(), 0, null),
        Arguments.of(List.of(), "trap", List.of("exit", "7"), 7, null),
        Arguments.of(List.of(), "trap", List.of("exit", "255"), 255, null),
        Arguments.of(List.of("--env", "EXIT_CODE=3"), "hello", List.of(), 3, null),
        Arguments.of(List.of(), "fsutil", List.of("cat", "/nothing"), 1, null),
        Arguments.of(List.of(), "trap", List.of("unreachable"), ExitCodes.TRAP, "wasibox: guest trapped: "),
        Arguments.of(List.of(), "trap", List.of("div0"), ExitCodes.TRAP, "wasibox: guest trapped: "),
        Arguments.of(List.of(), "trap", List.of("oob"), ExitCodes.TRAP, "wasibox: guest trapped: "),
        Arguments.of(List.of(), "trap", List.of("stack"), ExitCodes.TRAP, "wasibox: guest trapped: "),
        Arguments.of(List.of("--time-limit", "300ms"), "loop_br", List.of(), ExitCodes.TIME_LIMIT, "wasibox: time limit: wall-time limit of 300 ms reached"),
        Arguments.of(List.of("--cpu-time", "300ms"), "loop_br_table", List.of(), ExitCodes.TIME_LIMIT, "wasibox: time limit: CPU-time limit of 300 ms reached"),
        Arguments.of(List.of("--memory", "4MiB"), "mem_bomb", List.of(), ExitCodes.MEMORY_LIMIT, "wasibox: memory limit: "),
        // mem_catch prints its own line and exits 1 after the refused grow: still a memory limit.
        Arguments.of(List.of("--memory", "4MiB"), "mem_catch", List.of(), ExitCodes.MEMORY_LIMIT, "wasibox: memory limit: "),
        Arguments.of(List.of("--max-output", "1KiB"), "output_bomb", List.of(), ExitCodes.OUTPUT_LIMIT, "wasibox: output limit: "));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @MethodSource("endings")
  void run_ending_exitsWithItsStatusAndAtMostOneLine(List<String> flags, String guest, List<String> guestArgs, int status, String diagnostic) {
    Cli.Result r = Cli.run(args("run", flags, guest(guest), guestArgs));
    assertEquals(status, r.status(), r::toString);
    assertFalse(r.err().contains("\tat "), r::toString);
    List<String> ours = r.errLines().stream().filter(l -> l.startsWith("wasibox: ")).toList();
    if (diagnostic == null) {
      assertEquals(List.of(), ours, r::toString);
    } else {
      assertEquals(1, ours.size(), r::toString);
      assertTrue(ours.get(0).startsWith(diagnostic), r::toString);
    }
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        // name, command line after "run", the one line ({D} = data dir, {T} = temp dir, {M} = the hello guest)
        Arguments.of("unknown option", List.of("--bogus", "{M}"), "wasibox: Unknown option: '--bogus' (see 'wasibox run --help')"),
        Arguments.of("no module", List.of(), "wasibox: Missing required parameter: 'MODULE.wasm' (see 'wasibox run --help')"),
        Arguments.of("option without its value", List.of("--memory"), "wasibox: Missing required parameter for option '--memory' (SIZE) (see 'wasibox run --help')"),
        Arguments.of("module missing", List.of("{T}/none.wasm"), "wasibox: cannot read module {T}/none.wasm: no such file or directory"),
        Arguments.of("module not WebAssembly", List.of("{T}/data/a.txt"), "wasibox: {T}/data/a.txt: not a valid WebAssembly module: "),
        Arguments.of("policy missing", List.of("--policy", "{T}/none.toml", "{M}"), "wasibox: {T}/none.toml: cannot read: no such file"),
        Arguments.of("--memory SI unit", List.of("--memory", "64MB", "{M}"), "wasibox: --memory 64MB: ambiguous unit 'MB' in \"64MB\": "),
        Arguments.of("--memory too small", List.of("--memory", "1KiB", "{M}"), "wasibox: --memory 1KiB: key 'limits.memory': must be at least 64KiB"),
        Arguments.of("--time-limit without unit", List.of("--time-limit", "10", "{M}"), "wasibox: --time-limit 10: missing unit in \"10\""),
        Arguments.of("--cpu-time zero", List.of("--cpu-time", "0s", "{M}"), "wasibox: --cpu-time 0s: key 'limits.cpu-time': must be positive"),
        Arguments.of("--max-output negative", List.of("--max-output", "-1", "{M}"), "wasibox: --max-output -1: must not be negative"),
        Arguments.of("--dir missing", List.of("--dir", "{T}/none", "{M}"), "wasibox: --dir {T}/none: key 'mount.source': directory does not exist: {T}/none"),
        Arguments.of("--dir relative guest", List.of("--dir", "{D}::rel", "{M}"), "wasibox: --dir {D}::rel: guest path must be absolute"),
        Arguments.of("--dir guest with ..", List.of("--dir", "{D}::/a/../b", "{M}"), "wasibox: --dir {D}::/a/../b: key 'mount.guest': guest path \"/a/../b\" contains a '..' component"),
        Arguments.of("--ro-dir a file", List.of("--ro-dir", "{T}/data/a.txt::/f", "{M}"), "wasibox: --ro-dir {T}/data/a.txt::/f: key 'mount.source': not a directory: {T}/data/a.txt"),
        Arguments.of("--tmp relative", List.of("--tmp", "t", "{M}"), "wasibox: --tmp t: key 'mount.guest': guest path \"t\" is not absolute"),
        Arguments.of("--env empty name", List.of("--env", "=x", "{M}"), "wasibox: --env =x: key 'env.vars.\"\"': variable name is empty"),
        Arguments.of("--stdin missing", List.of("--stdin", "{T}/none.txt", "{M}"), "wasibox: --stdin {T}/none.txt: not a readable file"),
        Arguments.of("--stdin a directory", List.of("--stdin", "{D}", "{M}"), "wasibox: --stdin {D}: not a readable file"),
        Arguments.of("--export without ::", List.of("--export", "/t", "{M}"), "wasibox: --export /t: wants GUEST::HOST"),
        Arguments.of("--export outside every mount", List.of("--export", "/x::{T}/o", "{M}"), "wasibox: --export /x::{T}/o: key 'export[0].guest': \"/x\" is not inside any mount"),
        Arguments.of("--export twice to one host dir", List.of("--tmp", "/a", "--tmp", "/b", "--export", "/a::{T}/o", "--export", "/b::{T}/o", "{M}"),
            "wasibox: --export /b::{T}/o: key 'export[1].host': export[0] already writes to {T}/o"),
        Arguments.of("--engine unknown", List.of("--engine", "jit", "{M}"), "wasibox: Invalid value for option '--engine': expected one of [COMPILER, INTERPRETER] (case-insensitive) but was 'jit' (see 'wasibox run --help')"),
        Arguments.of("--report into a missing directory", List.of("--report", "{T}/none/r.json", "{M}"), "wasibox: cannot write report {T}/none/r.json: no directory {T}/none"),
        Arguments.of("--report is a directory", List.of("--report", "{D}", "{M}"), "wasibox: cannot write report {D}: it is a directory"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void run_usageError_exits2WithOneLineAndRunsNothing(String name, List<String> line, String expected) {
    Cli.Result r = Cli.run(args("run", line.stream().map(this::expand).toList()));
    assertEquals(ExitCodes.USAGE, r.status(), r::toString);
    assertEquals("", r.out(), "the guest must not run");
    String got = r.oneErrorLine();
    assertTrue(got.startsWith(expand(expected)), () -> "expected: " + expand(expected) + "\ngot:      " + got);
  }

  /** Replaces {D} (the data directory), {T} (the temp directory) and {M} (the hello guest). */
  private String expand(String s) {
    return s.replace("{D}", data.toString()).replace("{T}", tmp.toString()).replace("{M}", guest("hello"));
  }

  @Test
  void run_stdioFileThatCannotBeOpened_exits2() {
    Path policy = Cli.write(tmp, "p.toml", "[stdio]\nstdout = \"file\"\nstdout-file = \"no/dir/out.txt\"\n");
    Cli.Result r = Cli.run("run", "--policy", policy.toString(), guest("hello"));
    assertEquals(ExitCodes.USAGE, r.status(), r::toString);
    assertEquals("wasibox: cannot open " + tmp.resolve("no/dir/out.txt") + ": no such file or directory", r.oneErrorLine());
  }

  // ---------------------------------------------------------------- reports

  @Test
  void run_reportOfACapturingPolicy_holdsTheOutput() throws IOException {
    Path policy = Cli.write(tmp, "p.toml", "[stdio]\nstdout = \"capture\"\nstderr = \"capture\"\n");
    Path report = tmp.resolve("r.json");
    Cli.Result r = Cli.run("run", "--policy", policy.toString(), "--report", report.toString(), guest("fsutil"), "write", "/x", "y");
    assertEquals(1, r.status());
    assertEquals("", r.out() + r.err());
    Map<String, Object> json = Json.object(Files.readString(report));
    assertEquals("", json.get("stdout"));
    assertEquals("fsutil: write /x: Capabilities insufficient (errno 76)\n", json.get("stderr"));
    assertEquals(1L, json.get("exit_code"));
  }

  @Test
  void run_reportAfterALimit_namesTheVerdict() throws IOException {
    Path report = tmp.resolve("r.json");
    Cli.Result r = Cli.run("run", "--max-output", "100", "--report", report.toString(), guest("output_bomb"));
    assertEquals(ExitCodes.OUTPUT_LIMIT, r.status());
    Map<String, Object> json = Json.object(Files.readString(report));
    assertEquals((long) ExitCodes.OUTPUT_LIMIT, json.get("exit_code"));
    assertEquals(-1L, json.get("guest_exit_code"));
    assertEquals("OLE", json.get("verdict"));
    assertEquals(json.get("message"), r.oneErrorLine().substring("wasibox: output limit: ".length()));
  }

  // ---------------------------------------------------------------- exports

  @Test
  void run_exportOfTmp_copiesTheGuestFiles() throws IOException {
    Path out = tmp.resolve("out");
    Path report = tmp.resolve("r.json");
    Cli.Result r =
        Cli.run("run", "--tmp", "/out", "--export", "/out::" + out, "--report", report.toString(), guest("fsutil"),
            "mkdir", "/out/d", ";", "write", "/out/d/f", "12345", ";", "write", "/out/g", "x");
    assertEquals(0, r.status(), r::toString);
    assertEquals("12345", Files.readString(out.resolve("d/f")));
    assertEquals("x", Files.readString(out.resolve("g")));
    Map<String, Object> export = exportOf(report);
    assertEquals(Map.of("guest", "/out", "host", out.toString(), "files", 2L, "directories", 1L, "symlinks", 0L, "bytes", 6L, "deleted", List.of()), export);
  }

  @Test
  void run_exportOfAnOverlay_copiesChangesListsDeletionsHostUnchanged() throws IOException {
    HostTreeSnapshot before = HostTreeSnapshot.of(data);
    Path out = tmp.resolve("out");
    Path report = tmp.resolve("r.json");
    Cli.Result r =
        Cli.run("run", "--dir", data + "::/w", "--export", "/w::" + out, "--report", report.toString(), guest("fsutil"),
            "write", "/w/a.txt", "changed", ";", "rm", "/w/gone.txt", ";", "write", "/w/sub/c.txt", "new");
    assertEquals(0, r.status(), r::toString);
    before.assertUnchanged();
    assertEquals("changed", Files.readString(out.resolve("a.txt")));
    assertEquals("new", Files.readString(out.resolve("sub/c.txt")));
    assertFalse(Files.exists(out.resolve("sub/b.txt")), "unchanged files are not exported");
    assertFalse(Files.exists(out.resolve("gone.txt")));
    assertEquals(List.of("gone.txt"), exportOf(report).get("deleted"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> exportOf(Path report) throws IOException {
    List<Object> exports = (List<Object>) Json.object(Files.readString(report)).get("exports");
    assertEquals(1, exports.size());
    return (Map<String, Object>) exports.get(0);
  }

  static Stream<Arguments> exportTargets() {
    return Stream.of(
        // target state, exit status, stderr line (null: none)
        Arguments.of("absent", 0, null),
        Arguments.of("empty", 0, null),
        Arguments.of("nonEmpty", ExitCodes.USAGE, "wasibox: export failed: export target {T}/out is not empty"),
        Arguments.of("file", ExitCodes.USAGE, "wasibox: export failed: export target {T}/out is not a directory"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exportTargets")
  void run_exportTarget_mustBeNewOrEmpty(String state, int status, String line) throws IOException {
    Path out = tmp.resolve("out");
    switch (state) {
      case "empty" -> Files.createDirectory(out);
      case "nonEmpty" -> Cli.write(out, "mine.txt", "mine");
      case "file" -> Files.writeString(out, "mine");
      default -> { }
    }
    Cli.Result r = Cli.run("run", "--tmp", "/o", "--export", "/o::" + out, guest("fsutil"), "write", "/o/f", "x");
    assertEquals(status, r.status(), r::toString);
    if (line == null) {
      assertEquals("x", Files.readString(out.resolve("f")));
    } else {
      assertEquals(expand(line), r.oneErrorLine());
      assertEquals("mine", state.equals("file") ? Files.readString(out) : Files.readString(out.resolve("mine.txt")));
      assertFalse(Files.exists(out.resolve("f")) && Files.isDirectory(out));
    }
  }

  @Test
  void run_exportOfAGuestSymlink_isRefusedByDefaultAndWritesNothing() throws IOException {
    Path out = tmp.resolve("out");
    Path report = tmp.resolve("r.json");
    Cli.Result r =
        Cli.run("run", "--tmp", "/o", "--export", "/o::" + out, "--report", report.toString(), guest("fsutil"),
            "write", "/o/f", "x", ";", "ln-s", "../../etc/passwd", "/o/l");
    assertEquals(ExitCodes.USAGE, r.status());
    assertEquals("wasibox: export failed: guest symlink l refused (symlinks = refuse)", r.oneErrorLine());
    assertFalse(Files.exists(out));
    Map<String, Object> json = Json.object(Files.readString(report));
    assertEquals(2L, json.get("exit_code"));
    assertEquals(0L, json.get("guest_exit_code"));
    assertEquals("guest symlink l refused (symlinks = refuse)", json.get("export_error"));
  }

  @Test
  void run_exportOfAMissingGuestDirectory_exits2() {
    Cli.Result r = Cli.run("run", "--tmp", "/o", "--export", "/o/none::" + tmp.resolve("out"), guest("hello"));
    assertEquals(ExitCodes.USAGE, r.status());
    assertEquals("wasibox: export failed: export /o/none does not exist in the guest", r.oneErrorLine());
  }

  // ---------------------------------------------------------------- the DESIGN.md contract

  /**
   * {@code wasibox run --dir HOST::/ guest.wasm -- args}: a wasi-libc program finds its files at
   * the guest root (relative paths resolve from {@code /}); the host directory never changes.
   */
  @Test
  void run_dirAtGuestRoot_wasiLibcProgramFindsItsFilesAndHostIsUnchanged() throws IOException {
    HostTreeSnapshot before = HostTreeSnapshot.of(data);
    Cli.Result r =
        Cli.run("run", "--dir", data + "::/", guest("fsutil"), "--",
            "find-preopens", ";", "cat", "a.txt", "/sub/b.txt", ";", "write", "made.txt", "m", ";", "rm", "gone.txt", ";",
            "mkdir", "/newdir", ";", "tree", "/");
    assertEquals(0, r.status(), r::toString);
    assertEquals("3 /\nalphabeta" + "f a.txt 5\nf made.txt 1\nd newdir\nd sub\nf sub/b.txt 4\n", r.out());
    assertEquals("", r.err());
    before.assertUnchanged();
  }
}
