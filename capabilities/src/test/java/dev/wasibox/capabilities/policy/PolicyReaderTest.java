package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableMap;
import dev.wasibox.capabilities.FdNumbering;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Valid policies: every key, every default, every accepted spelling. Errors: {@link PolicyReaderErrorsTest}. */
class PolicyReaderTest {
  @TempDir Path dir;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PolicyReaderTest.class.getResource("/policies/" + name).toURI());
  }

  private Policy read(String toml) {
    return PolicyReader.read(toml, dir, "policy.toml");
  }

  @Test
  void read_fullPolicy_everyKeyReflected() throws Exception {
    Path file = resource("full.toml");
    Path base = file.getParent();
    Policy p = PolicyReader.read(file);

    assertEquals(Optional.of("solution"), p.argv0());
    assertEquals(List.of("--fast", "x"), p.args());

    assertEquals(ImmutableMap.of("LANG", "C.UTF-8", "HOME", "/home"), p.env().vars());
    assertEquals(List.of("TERM"), p.env().inherit());

    StdioPolicy s = p.stdio();
    assertEquals(StdinMode.FILE, s.stdin());
    assertEquals(Optional.of(base.resolve("input.txt")), s.stdinFile());
    assertEquals(OutputMode.FILE, s.stdout().mode());
    assertEquals(Optional.of(base.resolve("out/stdout.txt")), s.stdout().file());
    assertEquals(OptionalLong.of(16L << 20), s.stdout().limit());
    assertEquals(OutputMode.DISCARD, s.stderr().mode());
    assertEquals(OptionalLong.of(1024), s.stderr().limit());

    ClockPolicy c = p.clocks();
    assertEquals(ClockMode.VIRTUAL, c.realtime().mode());
    assertEquals(1_704_067_200_000_000_000L, c.realtime().startNanos());
    assertEquals(Duration.ofMillis(1), c.realtime().step());
    assertEquals(ClockMode.VIRTUAL, c.monotonic().mode());
    assertEquals(5, c.monotonic().startNanos());
    assertEquals(Duration.ofNanos(1000), c.monotonic().step());
    assertEquals(CpuTimeMode.VIRTUAL, c.cpuTime());
    assertEquals(Optional.of(Duration.ofNanos(1000)), c.resolution());

    assertEquals(RandomPolicy.seeded(42), p.random());

    assertEquals(3, p.mounts().size());
    MountSpec root = p.mounts().get(0);
    assertEquals("/", root.guest());
    assertEquals(MountType.MEMORY, root.type());
    assertEquals(1L << 20, root.quotaBytes());
    assertEquals(100, root.quotaInodes());
    MountSpec ro = p.mounts().get(1);
    assertEquals("/data", ro.guest());
    assertEquals(MountType.HOST_RO, ro.type());
    assertEquals(Optional.of(base.resolve("data")), ro.source());
    MountSpec work = p.mounts().get(2);
    assertEquals(MountType.OVERLAY, work.type());
    assertEquals(Optional.of(base.resolve("data")), work.source());
    assertEquals(4096, work.quotaBytes());
    assertEquals(MountSpec.DEFAULT_QUOTA_INODES, work.quotaInodes());

    ExportSpec e = p.exports().get(0);
    assertEquals("/out", e.guest());
    assertEquals(base.resolve("results"), e.host());
    assertEquals(2L << 20, e.maxBytes());
    assertEquals(SymlinkHandling.COPY, e.symlinks());

    Limits l = p.limits();
    assertEquals(100_000L * 1024, l.memory());
    assertEquals(1562, l.memoryPages());
    assertEquals(Duration.ofSeconds(2), l.wallTime());
    assertEquals(Duration.ofMillis(1500), l.cpuTime());
    assertEquals(3L << 20, l.output());
    assertEquals(64, l.openFiles());
    assertEquals(1024, l.pathLength());
    assertEquals(128, l.nameLength());
    assertEquals(FdNumbering.RANDOM, l.fdNumbering());

    assertEquals(3L << 20, p.stdoutLimit()); // limits.output is lower than stdout-limit
    assertEquals(1024, p.stderrLimit());
  }

  @Test
  void read_fullPolicy_equalsSamePolicyBuiltInJava() throws Exception {
    Path file = resource("full.toml");
    Path base = file.getParent();
    Policy built =
        Policy.builder()
            .argv0("solution")
            .args(List.of("--fast", "x"))
            .env(EnvPolicy.builder().put("LANG", "C.UTF-8").put("HOME", "/home")
                .passThrough("TERM").build())
            .stdio(StdioPolicy.builder().stdin(StdinMode.FILE).stdinFile(base.resolve("input.txt"))
                .stdout(OutputMode.FILE).stdoutFile(base.resolve("out/stdout.txt"))
                .stdoutLimit(16L << 20).stderr(OutputMode.DISCARD).stderrLimit(1024L).build())
            .clocks(ClockPolicy.builder().realtime(ClockMode.VIRTUAL)
                .realtimeStart(1_704_067_200_000_000_000L).realtimeStep(Duration.ofMillis(1))
                .monotonic(ClockMode.VIRTUAL).monotonicStart(5L)
                .monotonicStep(Duration.ofNanos(1000)).cpuTime(CpuTimeMode.VIRTUAL)
                .resolution(Duration.ofNanos(1000)).build())
            .random(RandomPolicy.seeded(42))
            .addMount(MountSpec.memory("/").toBuilder().quotaBytes(1L << 20).quotaInodes(100L)
                .build())
            .addMount(MountSpec.hostReadOnly(base.resolve("data"), "/data"))
            .addMount(MountSpec.overlay(base.resolve("data"), "/work").toBuilder()
                .quotaBytes(4096L).build())
            .addExport(ExportSpec.builder().guest("/out").host(base.resolve("results"))
                .maxBytes(2L << 20).symlinks(SymlinkHandling.COPY).build())
            .limits(Limits.builder().memory(100_000L * 1024).wallTime(Duration.ofSeconds(2))
                .cpuTime(Duration.ofMillis(1500)).output(3L << 20).openFiles(64).pathLength(1024)
                .nameLength(128).fdNumbering(FdNumbering.RANDOM).build())
            .build();
    assertEquals(built, PolicyReader.read(file));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "# only a comment",
        "[env]",
        "[stdio]",
        "[clocks]",
        "[random]",
        "[limits]",
        "args = []",
        "mount = []",
        "export = []",
        "[env]\nvars = {}\ninherit = []",
      })
  void read_emptyOrEmptySections_givesDefaults(String toml) {
    assertEquals(Policy.defaults(), read(toml.replace("\\n", "\n")));
  }

  @Test
  void read_dottedKeysAndInlineTables_sameAsSections() {
    Policy sections =
        read(
            "[stdio]\nstdout = \"capture\"\n[limits]\nmemory = \"1GiB\"\n"
                + "[env.vars]\nA = \"1\"\n[[mount]]\nguest = \"/\"\ntype = \"memory\"\n");
    Policy dotted =
        read(
            "stdio.stdout = \"capture\"\nlimits = { memory = \"1GiB\" }\nenv.vars.A = \"1\"\n"
                + "mount = [{ guest = \"/\", type = \"memory\" }]\n");
    assertEquals(sections, dotted);
    assertEquals(OutputMode.CAPTURE, dotted.stdio().stdout().mode());
    assertEquals(1L << 30, dotted.limits().memory());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "realtime-start = \"2024-01-01T00:00:00Z\"          | 1704067200000000000",
        "realtime-start = \"2024-01-01T01:00:00+01:00\"     | 1704067200000000000",
        "realtime-start = 2024-01-01T00:00:00.5Z            | 1704067200500000000",
        "realtime-start = \"1970-01-01T00:00:00.000000001Z\" | 1",
        "realtime-start = \"2024-01-01 00:00:00z\"          | 1704067200000000000",
        "realtime-start = \"2024-01-01t00:00:00-00:00\"     | 1704067200000000000",
        "realtime-start = 2024-01-01 00:00:00Z              | 1704067200000000000",
        "realtime-start = 1704067200000000000               | 1704067200000000000",
        "realtime-start = 0                                 | 0",
      })
  void read_realtimeStartSpellings_giveEpochNanos(String line, long nanos) {
    Policy p = read("[clocks]\nrealtime = \"frozen\"\n" + line + "\n");
    assertEquals(nanos, p.clocks().realtime().startNanos());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "monotonic-start = 0        | 0",
        "monotonic-start = 1_000    | 1000",
        "monotonic-start = \"5s\"   | 5000000000",
        "monotonic-start = \"1.5ms\" | 1500000",
      })
  void read_monotonicStartSpellings_giveNanos(String line, long nanos) {
    Policy p = read("[clocks]\nmonotonic = \"virtual\"\n" + line + "\n");
    assertEquals(nanos, p.clocks().monotonic().startNanos());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "memory = 65536       | 65536",
        "memory = \"64KiB\"   | 65536",
        "memory = \"64 KiB\"  | 65536",
        "memory = \"0.5GiB\"  | 536870912",
        "memory = \"4GiB\"    | 4294967296",
        "output = 0           | 0",
        "output = \"0\"       | 0",
        "output = \"1000\"    | 1000",
        "output = 1_000_000   | 1000000",
        "output = \"123B\"    | 123",
      })
  void read_sizeSpellings_giveBytes(String line, long bytes) {
    Limits l = read("[limits]\n" + line + "\n").limits();
    assertEquals(bytes, line.startsWith("memory") ? l.memory() : l.output());
  }

  @Test
  void read_stdioCaptureAndStderrFile_reflected() {
    Policy p =
        read(
            "[stdio]\nstdin = \"inherit\"\nstdout = \"capture\"\nstderr = \"file\"\n"
                + "stderr-file = \"logs/err.txt\"\nstderr-limit = \"1KiB\"\n");
    assertEquals(StdinMode.INHERIT, p.stdio().stdin());
    assertEquals(OutputMode.CAPTURE, p.stdio().stdout().mode());
    assertEquals(Optional.of(dir.resolve("logs/err.txt")), p.stdio().stderr().file());
    assertEquals(OptionalLong.of(1024), p.stdio().stderr().limit());
  }

  @Test
  void read_absoluteHostPaths_keptAsWritten() throws IOException {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Policy p =
        PolicyReader.read(
            "[[mount]]\nguest = \"/d\"\ntype = \"host-ro\"\nsource = \"" + elsewhere + "\"\n",
            Path.of("/nonexistent/base"),
            "p.toml");
    assertEquals(Optional.of(elsewhere), p.mounts().get(0).source());
  }

  @Test
  void read_pathFile_relativePathsFromItsDirectory() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("conf/data"));
    Path file =
        Files.writeString(
            dir.resolve("conf/p.toml"), "[[mount]]\nguest = \"/\"\ntype = \"overlay\"\nsource = \"data\"\n");
    assertEquals(Optional.of(sub), PolicyReader.read(file).mounts().get(0).source());
  }

  @Test
  void read_cpuTimeNoneAndFrozenClocks_reflected() {
    Policy p =
        read(
            "[clocks]\nrealtime = \"frozen\"\nmonotonic = \"frozen\"\ncpu-time = \"none\"\n"
                + "[random]\nsource = \"real\"\n[limits]\nfd-numbering = \"lowest\"\n");
    assertEquals(ClockMode.FROZEN, p.clocks().realtime().mode());
    assertEquals(Duration.ZERO, p.clocks().monotonic().step());
    assertEquals(CpuTimeMode.NONE, p.clocks().cpuTime());
    assertEquals(RandomPolicy.real(), p.random());
    assertEquals(FdNumbering.LOWEST_FREE, p.limits().fdNumbering());
  }

  @Test
  void read_missingFile_failsWithoutLine() {
    Path missing = dir.resolve("missing.toml");
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyReader.read(missing));
    assertEquals(missing + ": cannot read: no such file", e.getMessage());
    assertEquals(0, e.line());
  }

  @Test
  void read_notUtf8_failsWithoutLine() throws IOException {
    Path file = Files.write(dir.resolve("latin1.toml"), new byte[] {'a', '=', '"', (byte) 0xE9, '"'});
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyReader.read(file));
    assertEquals(file + ": cannot read: not UTF-8 text", e.getMessage());
  }
}
