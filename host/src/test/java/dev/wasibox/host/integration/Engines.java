package dev.wasibox.host.integration;

import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.io.GuestInput;
import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.Guests;
import dev.wasibox.host.run.RunHarness;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.WasmProgram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs a committed guest under either engine. {@link RunHarness} covers the compiler (the
 * default); this adds the interpreter, loaded once per guest and JVM, with the same captured
 * output and defaults as {@link RunHarness}.
 */
final class Engines {
  private static final Map<String, WasmProgram> INTERPRETED = new ConcurrentHashMap<>();

  private Engines() {}

  /** Guest {@code name} loaded for {@code engine}. */
  static WasmProgram program(String name, Engine engine) {
    if (engine == Engine.COMPILER) {
      return Guests.program(name);
    }
    return INTERPRETED.computeIfAbsent(
        name,
        n -> {
          try {
            return WasmProgram.load(Files.readAllBytes(Guests.file(n)), Engine.INTERPRETER);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** As {@link RunHarness#run(String, RunLimits, List, Consumer)}, on {@code engine}. */
  static RunHarness.Run run(
      Engine engine,
      String guest,
      RunLimits limits,
      List<String> args,
      Consumer<WasiConfig.Builder> customize) {
    if (engine == Engine.COMPILER) {
      return RunHarness.run(guest, limits, args, customize);
    }
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
    RunResult r = program(guest, engine).run(b.build(), limits);
    return new RunHarness.Run(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
