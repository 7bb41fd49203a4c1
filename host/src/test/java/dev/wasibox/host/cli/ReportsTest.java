package dev.wasibox.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.capabilities.policy.ExportSpec;
import dev.wasibox.capabilities.policy.MountSpec;
import dev.wasibox.capabilities.policy.OutputMode;
import dev.wasibox.capabilities.policy.Policy;
import dev.wasibox.host.export.Exporter;
import dev.wasibox.host.policy.HostStreams;
import dev.wasibox.host.policy.PolicyRuntime;
import dev.wasibox.host.policy.PreparedRun;
import dev.wasibox.host.run.Guests;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code --report} JSON of {@code run}: its fields, their values, and where it may go. */
class ReportsTest {
  private static final List<String> ALWAYS =
      List.of("exit_code", "guest_exit_code", "verdict", "message", "wall_ms", "cpu_ms", "peak_memory_bytes", "stdout_bytes",
          "stderr_bytes", "output_bytes", "exports");

  @TempDir Path tmp;

  private static PreparedRun prepared(Policy policy) throws Exception {
    HostStreams host =
        new HostStreams(Map.of(), new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()), false);
    return new PolicyRuntime(host).prepare(policy, "m.wasm");
  }

  /** The report as a user reads it: written as JSON and parsed back. */
  private static Map<String, Object> json(Map<String, Object> report) {
    return Json.object(dev.wasibox.host.JsonWriter.write(report));
  }

  @Test
  void run_inheritedOutput_hasExactlyTheFixedFields() throws Exception {
    RunResult r = new RunResult(Verdict.TLE, -1, "wall-time limit of 300 ms reached", 301_500_000L, 2_250_000L, 131_072L, 10, 5);
    try (PreparedRun p = prepared(Policy.defaults())) {
      Map<String, Object> json = json(Reports.run(ExitCodes.TIME_LIMIT, r, p, List.of(), null));
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("exit_code", 124L);
      expected.put("guest_exit_code", -1L);
      expected.put("verdict", "TLE");
      expected.put("message", "wall-time limit of 300 ms reached");
      expected.put("wall_ms", 301.5);
      expected.put("cpu_ms", 2.25);
      expected.put("peak_memory_bytes", 131_072L);
      expected.put("stdout_bytes", 10L);
      expected.put("stderr_bytes", 5L);
      expected.put("output_bytes", 15L);
      expected.put("exports", List.of());
      assertEquals(expected, json);
      assertEquals(ALWAYS, List.copyOf(json.keySet()));
    }
  }

  @Test
  void run_normalExit_messageIsNull() throws Exception {
    try (PreparedRun p = prepared(Policy.defaults())) {
      Map<String, Object> json = json(Reports.run(0, new RunResult(Verdict.OK, 0, null, 1, 1, 65536, 0, 0), p, List.of(), null));
      assertEquals(null, json.get("message"));
      assertEquals(true, json.containsKey("message"));
    }
  }

  static Stream<Arguments> captures() {
    return Stream.of(
        // stdout mode, stderr mode, keys after output_bytes
        Arguments.of(OutputMode.INHERIT, OutputMode.INHERIT, List.of("exports")),
        Arguments.of(OutputMode.CAPTURE, OutputMode.INHERIT, List.of("stdout", "exports")),
        Arguments.of(OutputMode.DISCARD, OutputMode.CAPTURE, List.of("stderr", "exports")),
        Arguments.of(OutputMode.CAPTURE, OutputMode.CAPTURE, List.of("stdout", "stderr", "exports")));
  }

  @ParameterizedTest(name = "stdout {0}, stderr {1}")
  @MethodSource("captures")
  void run_capturedStream_appearsInTheReport(OutputMode out, OutputMode err, List<String> tail) throws Exception {
    Policy policy = Policy.builder().editStdio(s -> s.stdout(out).stderr(err)).build();
    try (PreparedRun p = prepared(policy)) {
      Map<String, Object> json = json(Reports.run(0, new RunResult(Verdict.OK, 0, null, 1, 1, 65536, 0, 0), p, List.of(), null));
      List<String> keys = List.copyOf(json.keySet());
      assertEquals(tail, keys.subList(ALWAYS.size() - 1, keys.size()));
    }
  }

  @Test
  void run_capturedTextWithControlCharacters_isValidJson() throws Exception {
    String text = "quote \" backslash \\ tab \t control \u0001 bell \u0007 \u00e9 \u2713\n";
    Policy policy =
        Policy.builder()
            .editStdio(s -> s.stdout(OutputMode.CAPTURE))
            .addMount(MountSpec.memory("/t"))
            .args(List.of("write", "/t/f", text, ";", "cat", "/t/f"))
            .build();
    try (PreparedRun p = prepared(policy)) {
      RunResult r = Guests.program("fsutil").run(p.config(), p.limits());
      Map<String, Object> json = json(Reports.run(r.exitCode(), r, p, List.of(), null));
      assertEquals(text, json.get("stdout"));
    }
  }

  @Test
  void run_exportsAndExportError_areListed() throws Exception {
    Path host = tmp.resolve("out");
    PreparedRun.ExportResult done =
        new PreparedRun.ExportResult(ExportSpec.of("/w", host), new Exporter.Summary(2, 1, 0, 6, List.of("gone.txt", "d/x")));
    try (PreparedRun p = prepared(Policy.defaults())) {
      Map<String, Object> json =
          json(Reports.run(ExitCodes.USAGE, new RunResult(Verdict.OK, 0, null, 1, 1, 65536, 0, 0), p, List.of(done), "export target x is not empty"));
      assertEquals(
          List.of(Map.of("guest", "/w", "host", host.toString(), "files", 2L, "directories", 1L, "symlinks", 0L, "bytes", 6L,
              "deleted", List.of("gone.txt", "d/x"))),
          json.get("exports"));
      assertEquals("export target x is not empty", json.get("export_error"));
      assertEquals(2L, json.get("exit_code"));
      assertEquals(0L, json.get("guest_exit_code"));
    }
  }

  @Test
  void write_newFile_holdsTheJson() throws Exception {
    Path file = tmp.resolve("r.json");
    Reports.write(file, Map.of("verdict", "OK"));
    assertEquals(Map.of("verdict", "OK"), Json.object(Files.readString(file)));
  }

  @Test
  void write_existingFile_isReplaced() throws Exception {
    Path file = Files.writeString(tmp.resolve("r.json"), "old old old old old old old");
    Reports.write(file, Map.of("verdict", "OK"));
    assertEquals(Map.of("verdict", "OK"), Json.object(Files.readString(file)));
  }

  static Stream<Arguments> unwritable() {
    return Stream.of(
        // report path relative to the temp dir, message after "cannot write report PATH: "
        Arguments.of("none/r.json", "no directory {T}/none"),
        Arguments.of("dir", "it is a directory"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unwritable")
  void checkWritable_unwritableReport_throwsUsageException(String name, String message) throws Exception {
    Files.createDirectories(tmp.resolve("dir"));
    Path file = tmp.resolve(name);
    UsageException e = assertThrows(UsageException.class, () -> Reports.checkWritable(file));
    assertEquals("cannot write report " + file + ": " + message.replace("{T}", tmp.toString()), e.getMessage());
  }

  @Test
  void checkWritable_newFileInAnExistingDirectory_passes() throws Exception {
    Reports.checkWritable(tmp.resolve("r.json"));
    Reports.checkWritable(Path.of("relative-report.json"));
  }
}
