package dev.wasibox.host.cli;

import dev.wasibox.host.JsonWriter;
import dev.wasibox.host.export.Exporter;
import dev.wasibox.host.policy.PreparedRun;
import dev.wasibox.host.run.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON reports of {@code --report}. */
final class Reports {
  private Reports() {}

  /**
   * The report of one run: wasibox's exit status ({@code exitStatus}: {@link ExitCodes#USAGE}
   * when an export failed) and the guest's, the verdict, times, peak memory, bytes written, captured
   * output (if the policy captures), and what was exported.
   */
  static Map<String, Object> run(
      int exitStatus,
      RunResult r,
      PreparedRun prepared,
      List<PreparedRun.ExportResult> exports,
      @Nullable String exportError) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("exit_code", exitStatus);
    out.put("guest_exit_code", r.exitCode());
    out.put("verdict", r.verdict().name());
    out.put("message", r.message());
    out.put("wall_ms", r.wallNanos() / 1_000_000.0);
    out.put("cpu_ms", r.cpuNanos() / 1_000_000.0);
    out.put("peak_memory_bytes", r.peakMemoryBytes());
    out.put("stdout_bytes", r.stdoutBytes());
    out.put("stderr_bytes", r.stderrBytes());
    out.put("output_bytes", r.stdoutBytes() + r.stderrBytes());
    byte[] stdout = prepared.capturedStdout();
    if (stdout != null) {
      out.put("stdout", new String(stdout, StandardCharsets.UTF_8));
    }
    byte[] stderr = prepared.capturedStderr();
    if (stderr != null) {
      out.put("stderr", new String(stderr, StandardCharsets.UTF_8));
    }
    List<Object> ex = new ArrayList<>();
    for (PreparedRun.ExportResult e : exports) {
      Exporter.Summary s = e.summary();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("guest", e.spec().guest());
      m.put("host", e.spec().host().toString());
      m.put("files", s.files());
      m.put("directories", s.directories());
      m.put("symlinks", s.symlinks());
      m.put("bytes", s.bytes());
      m.put("deleted", new ArrayList<Object>(s.deleted()));
      ex.add(m);
    }
    out.put("exports", ex);
    if (exportError != null) {
      out.put("export_error", exportError);
    }
    return out;
  }

  /**
   * Fails before anything runs if {@code file} could not be written afterwards: its directory
   * does not exist, or it is a directory.
   */
  static void checkWritable(Path file) throws UsageException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new UsageException("cannot write report " + file + ": no directory " + dir);
    }
    if (Files.isDirectory(file)) {
      throw new UsageException("cannot write report " + file + ": it is a directory");
    }
  }

  static void write(Path file, Map<String, Object> report) throws UsageException {
    try {
      Files.writeString(file, JsonWriter.write(report));
    } catch (IOException e) {
      throw UsageException.io("cannot write report", e);
    }
  }
}
