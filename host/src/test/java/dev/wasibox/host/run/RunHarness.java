package dev.wasibox.host.run;

import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.io.GuestInput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs a guest with captured output and returns everything a test asserts on. */
public final class RunHarness {
  /** A finished run and what it printed. */
  public record Run(RunResult result, String stdout, String stderr) {}

  private RunHarness() {}

  /** Runs {@code guest} with {@code args} (argv[0] is the guest's name). */
  public static Run run(String guest, RunLimits limits, List<String> args) {
    return run(guest, limits, args, b -> {});
  }

  /** As {@link #run(String, RunLimits, List)}, letting {@code customize} add grants. */
  public static Run run(
      String guest, RunLimits limits, List<String> args, Consumer<WasiConfig.Builder> customize) {
    return run(Engine.COMPILER, guest, limits, args, customize);
  }

  /** As {@link #run(String, RunLimits, List, Consumer)}, on {@code engine}. */
  public static Run run(
      Engine engine,
      String guest,
      RunLimits limits,
      List<String> args,
      Consumer<WasiConfig.Builder> customize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>();
    argv.add(guest);
    argv.addAll(args);
    WasiConfig.Builder b =
        WasiConfig.builder()
            .args(argv)
            .stdin(GuestInput.empty(), false)
            .stdout(out, 1 << 20, false)
            .stderr(err, 1 << 20, false)
            .failOnHostBug(true);
    customize.accept(b);
    RunResult r = Guests.program(guest, engine).run(b.build(), limits);
    return new Run(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
