package dev.wasibox.host.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.FdNumbering;
import dev.wasibox.capabilities.FdTable;
import dev.wasibox.capabilities.policy.ClockMode;
import dev.wasibox.capabilities.policy.ClockPolicy;
import dev.wasibox.capabilities.policy.EnvPolicy;
import dev.wasibox.capabilities.policy.MountSpec;
import dev.wasibox.capabilities.policy.OutputMode;
import dev.wasibox.capabilities.policy.Policy;
import dev.wasibox.capabilities.policy.RandomPolicy;
import dev.wasibox.capabilities.policy.StdinMode;
import dev.wasibox.host.fd.Descriptor;
import dev.wasibox.host.run.Guests;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.vfs.host.HostMountException;
import dev.wasibox.vfs.host.HostTreeSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A policy turned into a run on real guests: each grant is visible to the guest exactly as the
 * policy says, and nothing else is.
 */
class PolicyRuntimeTest {
  private static final Map<String, String> HOST_ENV = Map.of("LANG", "C.UTF-8", "SECRET", "s3cr3t", "HOME", "/root");

  @TempDir Path tmp;
  private Path data;

  /**
   * <pre>
   * data/
   *   greeting.txt   "hi from the host"
   *   sub/inner.txt  "inner"
   * </pre>
   */
  @BeforeEach
  void fixture() throws IOException {
    data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("greeting.txt"), "hi from the host");
    Files.createDirectories(data.resolve("sub"));
    Files.writeString(data.resolve("sub/inner.txt"), "inner");
  }

  /** One finished run: its result, what reached the host's streams, and what was captured. */
  record Ran(RunResult result, String out, String err, byte[] capturedOut, byte[] capturedErr) {
    String captured() {
      return capturedOut == null ? null : new String(capturedOut, StandardCharsets.UTF_8);
    }
  }

  static Ran run(Policy policy, byte[] hostStdin, String guest, String... args) throws IOException, HostMountException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    HostStreams host =
        new HostStreams(
            HOST_ENV,
            new ByteArrayInputStream(hostStdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    Policy withArgs = policy.toBuilder().args(List.of(args)).build();
    try (PreparedRun p = new PolicyRuntime(host).prepare(withArgs, guest + ".wasm")) {
      RunResult r = Guests.program(guest).run(p.config(), p.limits());
      return new Ran(
          r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), p.capturedStdout(), p.capturedStderr());
    }
  }

  static Ran run(Policy policy, String guest, String... args) throws IOException, HostMountException {
    return run(policy, new byte[0], guest, args);
  }

  @Test
  void prepare_defaults_grantNothing() throws Exception {
    Ran hello = run(Policy.defaults(), "hello");
    assertEquals("hello, world\nargv[0]=hello.wasm\n", hello.out());
    Ran preopens = run(Policy.defaults(), "fsutil", "find-preopens");
    assertEquals("", preopens.out());
    Ran stdin = run(Policy.defaults(), "host stdin is not granted".getBytes(StandardCharsets.UTF_8), "stdin_big");
    assertEquals("bytes=0 fnv1a64=cbf29ce484222325\n", stdin.out());
  }

  @Test
  void prepare_argv0_replacesTheModuleName() throws Exception {
    Ran r = run(Policy.builder().argv0("tool").build(), "hello", "x");
    assertEquals("hello, world\nargv[0]=tool\nargv[1]=x\n", r.out());
  }

  @Test
  void prepare_env_varsThenInheritedNamesTheHostHas() throws Exception {
    EnvPolicy env = EnvPolicy.builder().vars(Map.of("A", "1")).inherit(List.of("LANG", "NOT_ON_HOST")).build();
    Ran r = run(Policy.builder().env(env).build(), "hello");
    assertEquals("hello, world\nargv[0]=hello.wasm\nenv A=1\nenv LANG=C.UTF-8\n", r.out());
  }

  @Test
  void prepare_hostReadOnlyMount_guestReadsButCannotWrite() throws Exception {
    HostTreeSnapshot before = HostTreeSnapshot.of(data);
    Policy p = Policy.builder().addMount(MountSpec.hostReadOnly(data, "/ro")).build();
    Ran r = run(p, "fsutil", "find-preopens", ";", "cat", "/ro/greeting.txt", ";", "write", "/ro/new.txt", "x");
    assertEquals("3 /ro\nhi from the host", r.out());
    assertEquals("fsutil: write /ro/new.txt: Read-only file system (errno 69)\n", r.err());
    assertEquals(1, r.result().exitCode());
    before.assertUnchanged();
  }

  @Test
  void prepare_overlayMount_guestWritesAndHostNeverChanges() throws Exception {
    HostTreeSnapshot before = HostTreeSnapshot.of(data);
    Policy p = Policy.builder().addMount(MountSpec.overlay(data, "/w")).build();
    Ran r =
        run(p, "fsutil", "write", "/w/greeting.txt", "changed", ";", "rm", "/w/sub/inner.txt", ";", "write", "/w/new.txt", "n",
            ";", "cat", "/w/greeting.txt", "/w/new.txt", ";", "tree", "/w");
    assertEquals("changedn" + "f greeting.txt 7\nf new.txt 1\nd sub\n", r.out(), r.err());
    before.assertUnchanged();
  }

  @Test
  void prepare_memoryMount_isEmptyAndFreshEveryRun() throws Exception {
    Policy p = Policy.builder().addMount(MountSpec.memory("/t")).build();
    assertEquals("", run(p, "fsutil", "write", "/t/f", "1", ";", "ls", "/t", ";", "rm", "/t/f", ";", "ls", "/t").err());
    Ran first = run(p, "fsutil", "write", "/t/f", "1", ";", "ls", "/t");
    assertEquals("f f\n", first.out());
    Ran second = run(p, "fsutil", "ls", "/t");
    assertEquals("", second.out());
  }

  @Test
  void prepare_mountsInOrder_preopensNumberedInOrder() throws Exception {
    Policy p =
        Policy.builder()
            .addMount(MountSpec.memory("/b"))
            .addMount(MountSpec.hostReadOnly(data, "/a"))
            .addMount(MountSpec.overlay(data, "/"))
            .build();
    assertEquals("3 /b\n4 /a\n5 /\n", run(p, "fsutil", "find-preopens").out());
  }

  static Stream<Arguments> stdin() {
    return Stream.of(
        // mode, file content, host stdin, what the guest reads
        Arguments.of(StdinMode.NONE, null, "host", ""),
        Arguments.of(StdinMode.INHERIT, null, "from the host", "from the host"),
        Arguments.of(StdinMode.FILE, "from the file", "host", "from the file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stdin")
  void prepare_stdinMode_guestReadsWhatItNames(StdinMode mode, String file, String hostIn, String expected) throws Exception {
    Path in = tmp.resolve("in.txt");
    if (file != null) {
      Files.writeString(in, file);
    }
    Policy p = Policy.builder().editStdio(s -> s.stdin(mode).stdinFile(file == null ? null : in)).build();
    Ran r = run(p, hostIn.getBytes(StandardCharsets.UTF_8), "stdin_big");
    assertEquals(StdinBig.line(expected), r.out());
  }

  static Stream<Arguments> outputs() {
    return Stream.of(OutputMode.values()).flatMap(m -> Stream.of(Arguments.of("stdout", m), Arguments.of("stderr", m)));
  }

  /** hello writes its lines to stdout; a failing fsutil command writes one line to stderr. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("outputs")
  void prepare_outputMode_textGoesWhereItSays(String stream, OutputMode mode) throws Exception {
    Path file = tmp.resolve(stream + ".txt");
    boolean isOut = stream.equals("stdout");
    UnaryOperator<Policy.Builder> edit =
        b -> b.editStdio(s -> {
          if (isOut) {
            s.stdout(mode).stdoutFile(mode == OutputMode.FILE ? file : null);
          } else {
            s.stderr(mode).stderrFile(mode == OutputMode.FILE ? file : null);
          }
        });
    Policy p = edit.apply(Policy.builder()).build();
    Ran r = isOut ? run(p, "hello") : run(p, "fsutil", "cat", "/missing");
    String text = isOut ? "hello, world\nargv[0]=hello.wasm\n" : "fsutil: cat /missing: Capabilities insufficient (errno 76)\n";
    String host = isOut ? r.out() : r.err();
    byte[] captured = isOut ? r.capturedOut() : r.capturedErr();
    assertEquals(mode == OutputMode.INHERIT ? text : "", host);
    assertEquals(mode == OutputMode.CAPTURE ? text : null, captured == null ? null : new String(captured, StandardCharsets.UTF_8));
    assertEquals(mode == OutputMode.FILE, Files.exists(file));
    if (mode == OutputMode.FILE) {
      assertEquals(text, Files.readString(file));
    }
  }

  @Test
  void prepare_stdoutFileInMissingDirectory_throwsNoSuchFile() {
    Policy p = Policy.builder().editStdio(s -> s.stdout(OutputMode.FILE).stdoutFile(tmp.resolve("no/dir/out.txt"))).build();
    assertThrows(NoSuchFileException.class, () -> run(p, "hello"));
  }

  static Stream<Arguments> limits() {
    UnaryOperator<Policy.Builder> small = b -> b.editLimits(l -> l.wallTime(Duration.ofSeconds(5)).cpuTime(Duration.ofMillis(300)));
    return Stream.of(
        // name, policy edit, guest, args, verdict, message fragment
        Arguments.of("limits.memory", (UnaryOperator<Policy.Builder>) b -> b.editLimits(l -> l.memory(4L << 20)), "mem_bomb", List.of(), Verdict.MLE, "memory limit"),
        Arguments.of("limits.cpu-time", small, "loop_br", List.of(), Verdict.TLE, "CPU-time"),
        Arguments.of("limits.wall-time", (UnaryOperator<Policy.Builder>) b -> b.editLimits(l -> l.wallTime(Duration.ofMillis(300))), "loop_br", List.of(), Verdict.TLE, "wall-time"),
        Arguments.of("limits.output", (UnaryOperator<Policy.Builder>) b -> b.editLimits(l -> l.output(10)), "hello", List.of(), Verdict.OLE, "output limit"),
        Arguments.of("stdio.stdout-limit", (UnaryOperator<Policy.Builder>) b -> b.editStdio(s -> s.stdoutLimit(10L)), "hello", List.of(), Verdict.OLE, "stdout"),
        Arguments.of("stdio.stderr-limit", (UnaryOperator<Policy.Builder>) b -> b.editStdio(s -> s.stderrLimit(10L)), "fsutil", List.of("cat", "/x"), Verdict.OLE, "stderr"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void prepare_limit_endsTheRunWithItsVerdict(
      String name, UnaryOperator<Policy.Builder> edit, String guest, List<String> args, Verdict verdict, String fragment) throws Exception {
    Ran r = run(edit.apply(Policy.builder()).build(), guest, args.toArray(new String[0]));
    assertEquals(verdict, r.result().verdict(), r.result()::toString);
    assertTrue(r.result().message().contains(fragment), r.result()::toString);
  }

  @Test
  void prepare_memoryLimit_peakStaysUnderIt() throws Exception {
    Ran r = run(Policy.builder().editLimits(l -> l.memory(4L << 20)).build(), "mem_bomb");
    assertTrue(r.result().peakMemoryBytes() <= 4L << 20, r.result()::toString);
  }

  static Stream<Arguments> fsLimits() {
    String longName = "n".repeat(40);
    return Stream.of(
        // name, mount, limits edit, fsutil args, expected stderr
        Arguments.of("name-length", MountSpec.memory("/t"), (UnaryOperator<Policy.Builder>) b -> b.editLimits(l -> l.nameLength(39)),
            List.of("write", "/t/" + longName, "x"), "fsutil: write /t/" + longName + ": Filename too long (errno 37)\n"),
        Arguments.of("path-length", MountSpec.memory("/t"), (UnaryOperator<Policy.Builder>) b -> b.editLimits(l -> l.pathLength(20).nameLength(20)),
            List.of("mkdir-p", "/t/aaaaaaaaaa/bbbbbbbbbb"), "fsutil: mkdir-p /t/aaaaaaaaaa/bbbbbbbbbb: Filename too long (errno 37)\n"),
        Arguments.of("quota-bytes", MountSpec.builder().guest("/t").type(dev.wasibox.capabilities.policy.MountType.MEMORY).quotaBytes(10L).build(),
            (UnaryOperator<Policy.Builder>) b -> b, List.of("write", "/t/f", "0123456789X"), "fsutil: write /t/f: No space left on device (errno 51)\n"),
        Arguments.of("quota-inodes", MountSpec.builder().guest("/t").type(dev.wasibox.capabilities.policy.MountType.MEMORY).quotaInodes(2L).build(),
            (UnaryOperator<Policy.Builder>) b -> b, List.of("mkdir", "/t/a", ";", "mkdir", "/t/b"), "fsutil: mkdir /t/b: No space left on device (errno 51)\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fsLimits")
  void prepare_fileSystemLimit_guestGetsItsErrno(
      String name, MountSpec mount, UnaryOperator<Policy.Builder> edit, List<String> args, String stderr) throws Exception {
    Ran r = run(edit.apply(Policy.builder().addMount(mount)).build(), "fsutil", args.toArray(new String[0]));
    assertEquals(stderr, r.err());
    assertEquals(1, r.result().exitCode());
  }

  @Test
  void prepare_openFiles_guestGetsEmfileAtTheLimit() throws Exception {
    Policy p = Policy.builder().addMount(MountSpec.memory("/sandbox")).editLimits(l -> l.openFiles(16)).build();
    Ran r = run(p, "fs_attack", "D14");
    // 16 = 3 stdio + 1 preopen + 12 files.
    assertTrue(r.out().contains("D14.1 errno=33 opened=12\n"), r.out());
  }

  @Test
  void prepare_virtualClocks_guestReadsThemExactly() throws Exception {
    ClockPolicy clocks =
        ClockPolicy.builder()
            .realtime(ClockMode.VIRTUAL).realtimeStart(1_000_000_000L).realtimeStep(Duration.ofNanos(10))
            .monotonic(ClockMode.FROZEN).monotonicStart(77L)
            .build();
    Ran r = run(Policy.builder().clocks(clocks).random(RandomPolicy.seeded(1)).build(), "deterministic");
    List<String> lines = r.out().lines().toList();
    assertEquals(
        List.of("realtime 1000000000", "realtime 1000000010", "realtime 1000000020", "monotonic 77", "monotonic 77", "monotonic 77"),
        lines.subList(0, 6));
  }

  @Test
  void prepare_seededRandom_sameSeedSameBytesOtherSeedOthers() throws Exception {
    String a = randomLine(RandomPolicy.seeded(42));
    assertEquals(a, randomLine(RandomPolicy.seeded(42)));
    assertNotEquals(a, randomLine(RandomPolicy.seeded(43)));
  }

  @Test
  void prepare_realRandom_differsBetweenRuns() throws Exception {
    assertNotEquals(randomLine(RandomPolicy.real()), randomLine(RandomPolicy.real()));
  }

  private static String randomLine(RandomPolicy random) throws Exception {
    Ran r = run(Policy.builder().random(random).build(), "random", "16");
    assertEquals(0, r.result().exitCode(), r.err());
    return r.out();
  }

  /** The first numbers a run's fd table hands out under {@code fd-numbering = "random"}. */
  private static List<Integer> randomFds(RandomPolicy random) throws Exception {
    Policy p = Policy.builder().random(random).editLimits(l -> l.fdNumbering(FdNumbering.RANDOM)).build();
    HostStreams host = new HostStreams(Map.of(), new ByteArrayInputStream(new byte[0]), System.out, System.err, false);
    try (PreparedRun prepared = new PolicyRuntime(host).prepare(p, "m.wasm")) {
      FdTable<Descriptor> table = prepared.config().newContext().fds().table();
      List<Integer> fds = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        fds.add(table.add(table.get(1)));
      }
      return fds;
    }
  }

  @Test
  void prepare_randomFdNumbering_replaysWithASeedDiffersWithRealRandom() throws Exception {
    assertEquals(randomFds(RandomPolicy.seeded(5)), randomFds(RandomPolicy.seeded(5)));
    assertNotEquals(randomFds(RandomPolicy.real()), randomFds(RandomPolicy.real()));
  }

  @Test
  void prepareCase_policyStdio_replacedByTheCaseStreamsStderrDropped() throws Exception {
    Path in = Files.writeString(tmp.resolve("policy-input.txt"), "1\n5\n");
    Policy p =
        Policy.builder().editStdio(s -> s.stdin(StdinMode.FILE).stdinFile(in).stdout(OutputMode.CAPTURE).stderr(OutputMode.INHERIT)).build();
    ByteArrayOutputStream hostErr = new ByteArrayOutputStream();
    HostStreams host =
        new HostStreams(HOST_ENV, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(hostErr, true, StandardCharsets.UTF_8), false);
    ByteArrayOutputStream caseOut = new ByteArrayOutputStream();
    try (PreparedRun prepared = new PolicyRuntime(host).prepareCase(p, "sum_ok.wasm", "3\n1 2 3\n".getBytes(StandardCharsets.UTF_8), caseOut)) {
      RunResult r = Guests.program("sum_ok").run(prepared.config(), prepared.limits());
      assertEquals(Verdict.OK, r.verdict());
      assertNull(prepared.capturedStdout());
    }
    assertEquals("6\n", caseOut.toString(StandardCharsets.UTF_8));
    try (PreparedRun prepared = new PolicyRuntime(host).prepareCase(p.toBuilder().args(List.of("cat", "/x")).build(), "fsutil.wasm", new byte[0], caseOut)) {
      Guests.program("fsutil").run(prepared.config(), prepared.limits());
    }
    assertArrayEquals(new byte[0], hostErr.toByteArray());
  }

  /** The line the stdin_big guest prints for {@code text}. */
  static final class StdinBig {
    static String line(String text) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      long h = 0xcbf29ce484222325L;
      for (byte x : b) {
        h ^= x & 0xff;
        h *= 0x100000001b3L;
      }
      return "bytes=" + b.length + " fnv1a64=" + String.format("%016x", h) + "\n";
    }
  }
}
