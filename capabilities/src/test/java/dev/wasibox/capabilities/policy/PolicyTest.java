package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
  @TempDir static Path dir;
  static Path data;
  static Path input;

  @BeforeAll
  static void tree() throws IOException {
    data = Files.createDirectory(dir.resolve("data"));
    input = Files.writeString(dir.resolve("in.txt"), "1\n");
  }

  @Test
  void defaults_grantNothingAndLimitEverything() {
    Policy p = Policy.builder().build();
    assertEquals(Policy.defaults(), p);
    assertEquals(Optional.empty(), p.argv0());
    assertEquals(List.of(), p.args());
    assertEquals(EnvPolicy.empty(), p.env());
    assertEquals(StdioPolicy.defaults(), p.stdio());
    assertEquals(ClockPolicy.defaults(), p.clocks());
    assertEquals(RandomPolicy.real(), p.random());
    assertEquals(List.of(), p.mounts());
    assertEquals(List.of(), p.exports());
    assertEquals(Limits.defaults(), p.limits());
    assertEquals(32L << 20, p.stdoutLimit());
    assertEquals(32L << 20, p.stderrLimit());
  }

  @Test
  void build_inputListsMutatedAfterwards_policyUnchanged() {
    List<String> args = new ArrayList<>(List.of("a"));
    List<MountSpec> mounts = new ArrayList<>(List.of(MountSpec.memory("/")));
    List<ExportSpec> exports = new ArrayList<>(List.of(ExportSpec.of("/out", dir.resolve("o"))));
    Policy.Builder b = Policy.builder().args(args).mounts(mounts).exports(exports);
    Policy p = b.build();
    args.add("b");
    mounts.add(MountSpec.memory("/x"));
    exports.clear();
    b.args(List.of("c")).addMount(MountSpec.memory("/y"));
    assertEquals(List.of("a"), p.args());
    assertEquals(List.of(MountSpec.memory("/")), p.mounts());
    assertEquals(1, p.exports().size());
    assertTrue(p.args() instanceof ImmutableList);
    assertThrows(UnsupportedOperationException.class, () -> ((List<String>) p.args()).add("x"));
    assertThrows(UnsupportedOperationException.class, () -> ((List<MountSpec>) p.mounts()).clear());
  }

  @Test
  void toBuilder_cliOverrides_changeOnlyWhatTheyName() {
    Policy file =
        Policy.builder()
            .argv0("solution")
            .args(List.of("--fast"))
            .env(EnvPolicy.builder().put("LANG", "C").passThrough("TERM").build())
            .clocks(ClockPolicy.builder().realtime(ClockMode.FROZEN).build())
            .random(RandomPolicy.seeded(42))
            .addMount(MountSpec.hostReadOnly(data, "/data"))
            .editLimits(l -> l.memory(64L << 20).openFiles(16))
            .build();

    Policy run =
        file.toBuilder()
            .putEnv("TERM", "dumb") // --env TERM=dumb
            .putEnv("K", "V") // --env K=V
            .addMount(MountSpec.overlay(data, "/work")) // --dir data::/work
            .addMount(MountSpec.memory("/tmp")) // --tmp /tmp
            .stdinFile(input) // --stdin in.txt
            .editLimits(l -> l.memory(128L << 20)) // --memory 128MiB
            .editLimits(l -> l.wallTime(Duration.ofSeconds(2))) // --time-limit 2s
            .editLimits(l -> l.output(1L << 20)) // --max-output 1MiB
            .args(List.of("x", "y")) // -- x y
            .build();

    assertEquals(ImmutableMap.of("LANG", "C", "TERM", "dumb", "K", "V"), run.env().vars());
    assertEquals(List.of(), run.env().inherit());
    assertEquals(List.of("/data", "/work", "/tmp"), run.mounts().stream().map(MountSpec::guest).toList());
    assertEquals(Optional.of(input), run.stdio().stdinFile());
    assertEquals(128L << 20, run.limits().memory());
    assertEquals(Duration.ofSeconds(2), run.limits().wallTime());
    assertEquals(1L << 20, run.limits().output());
    assertEquals(List.of("x", "y"), run.args());
    // the rest is kept
    assertEquals(Optional.of("solution"), run.argv0());
    assertEquals(file.clocks(), run.clocks());
    assertEquals(file.random(), run.random());
    assertEquals(16, run.limits().openFiles());
    assertEquals(file.limits().cpuTime(), run.limits().cpuTime());
    assertEquals(file.stdio().stdout(), run.stdio().stdout());
    // and the original is untouched
    assertEquals(List.of("--fast"), file.args());
    assertEquals(1, file.mounts().size());
    assertNotEquals(file, run);
    assertEquals(file, file.toBuilder().build());
    assertEquals(file.hashCode(), file.toBuilder().build().hashCode());
  }

  @Test
  void putMount_sameGuestPath_replacesInPlace() {
    Policy p =
        Policy.builder()
            .addMount(MountSpec.memory("/"))
            .addMount(MountSpec.hostReadOnly(data, "/data"))
            .putMount(MountSpec.overlay(data, "/data/"))
            .putMount(MountSpec.memory("/tmp"))
            .build();
    assertEquals(
        List.of(MountSpec.memory("/"), MountSpec.overlay(data, "/data"), MountSpec.memory("/tmp")),
        p.mounts());
  }

  @Test
  void stdoutLimit_streamLimitBelowTotal_isTheStreamLimit() {
    Policy p =
        Policy.builder()
            .editStdio(s -> s.stdoutLimit(100L).stderrLimit(1L << 40))
            .editLimits(l -> l.output(1000))
            .build();
    assertEquals(100, p.stdoutLimit());
    assertEquals(1000, p.stderrLimit());
  }

  @Test
  void build_twoMountsAtOneGuestPath_throwsNamingSecond() {
    Policy.Builder b =
        Policy.builder()
            .addMount(MountSpec.memory("/"))
            .addMount(MountSpec.hostReadOnly(data, "/data"))
            .addMount(MountSpec.memory("/data/"));
    PolicyKeyException e = assertThrows(PolicyKeyException.class, b::build);
    assertEquals(
        "key 'mount[2].guest': \"/data\" is already mounted by mount[1]", e.getMessage());
  }

  @Test
  void build_nestedMounts_areAllowed() {
    Policy p =
        Policy.builder()
            .addMount(MountSpec.memory("/"))
            .addMount(MountSpec.hostReadOnly(data, "/data"))
            .addMount(MountSpec.memory("/data/tmp"))
            .build();
    assertEquals(3, p.mounts().size());
  }

  @Test
  void build_twoExportsOfOneGuestDir_throws() {
    Policy.Builder b =
        Policy.builder()
            .addMount(MountSpec.memory("/"))
            .addExport(ExportSpec.of("/out", dir.resolve("a")))
            .addExport(ExportSpec.of("/out/", dir.resolve("b")));
    PolicyKeyException e = assertThrows(PolicyKeyException.class, b::build);
    assertEquals("key 'export[1].guest': \"/out\" is already exported by export[0]", e.getMessage());
  }

  @Test
  void build_twoExportsToOneHostDir_throws() {
    Policy.Builder b =
        Policy.builder()
            .addMount(MountSpec.memory("/"))
            .addExport(ExportSpec.of("/a", dir.resolve("out")))
            .addExport(ExportSpec.of("/b", dir.resolve("./out")));
    PolicyKeyException e = assertThrows(PolicyKeyException.class, b::build);
    assertEquals(
        "key 'export[1].host': export[0] already writes to " + dir.resolve("out"), e.getMessage());
  }

  @Test
  void build_exportOutsideEveryMount_throws() {
    Policy.Builder b =
        Policy.builder()
            .addMount(MountSpec.memory("/out"))
            .addExport(ExportSpec.of("/outside", dir.resolve("o")));
    PolicyKeyException e = assertThrows(PolicyKeyException.class, b::build);
    assertEquals("key 'export[0].guest': \"/outside\" is not inside any mount", e.getMessage());
  }

  @Test
  void build_exportBelowMount_isAllowed() {
    Policy p =
        Policy.builder()
            .addMount(MountSpec.memory("/out"))
            .addExport(ExportSpec.of("/out/results", dir.resolve("o")))
            .build();
    assertEquals("/out/results", p.exports().get(0).guest());
  }

  @Test
  void build_openFilesBelowStdioPlusMounts_throws() {
    Policy.Builder b =
        Policy.builder()
            .addMount(MountSpec.memory("/a"))
            .addMount(MountSpec.memory("/b"))
            .editLimits(l -> l.openFiles(4));
    PolicyKeyException e = assertThrows(PolicyKeyException.class, b::build);
    assertEquals(
        "key 'limits.open-files': must be at least 5 (3 stdio descriptors and 2 mounts), got 4",
        e.getMessage());
  }

  @Test
  void build_emptyArgv0_throws() {
    PolicyKeyException e =
        assertThrows(PolicyKeyException.class, () -> Policy.builder().argv0("").build());
    assertEquals("key 'argv0': must be non-empty and hold no NUL", e.getMessage());
  }

  @Test
  void build_argWithNul_throws() {
    PolicyKeyException e =
        assertThrows(
            PolicyKeyException.class, () -> Policy.builder().args(List.of("a", "b\0")).build());
    assertEquals("key 'args[1]': contains a NUL byte", e.getMessage());
  }

  @Test
  void editEnv_invalidEdit_throwsAtOnce() {
    PolicyKeyException e =
        assertThrows(PolicyKeyException.class, () -> Policy.builder().putEnv("A=B", "x"));
    assertEquals("env.vars.\"A=B\"", e.key().toString());
  }

  @Test
  void editClocksAndRandom_changeOnlyTheirSection() {
    Policy p =
        Policy.builder()
            .editClocks(c -> c.monotonic(ClockMode.VIRTUAL))
            .random(RandomPolicy.seeded(1))
            .build();
    assertEquals(ClockMode.VIRTUAL, p.clocks().monotonic().mode());
    assertEquals(ClockMode.REAL, p.clocks().realtime().mode());
    assertEquals(RandomPolicy.seeded(1), p.random());
    assertTrue(p.toString().startsWith("Policy{args=[], env=EnvPolicy{vars={}, inherit=[]}"));
  }
}
