package dev.wasibox.fuzz.module;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.ModuleException;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.WasmProgram;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * Loads and runs one module the way an embedder would, and checks that it ends cleanly: {@code
 * WasmProgram.load} either returns or throws {@link ModuleException} (nothing else); {@code run}
 * returns a {@link RunResult} (nothing escapes), within the wall limit plus the watchdog's grace;
 * and no guest thread is left running afterwards.
 *
 * <p>Limits: 16 MiB of memory, 2 s of wall and CPU time, a 4 MiB guest stack; stdout and stderr
 * are discarded, nothing else is granted.
 */
final class ModuleHarness {
  static final RunLimits LIMITS = new RunLimits(16L << 20, Duration.ofSeconds(2), Duration.ofSeconds(2), 4L << 20);

  /** The watchdog's grace (500 ms) and abandon time (2 s) after the wall limit, plus slack. */
  static final Duration OVERRUN = Duration.ofMillis(4_000);

  private ModuleHarness() {}

  /**
   * What happened to one module.
   *
   * @param rejection the load failure, if it was refused
   * @param result the run's result, if it ran
   */
  record Outcome(@Nullable ModuleException rejection, @Nullable RunResult result) {
    /** A one-word class of the outcome for statistics: rejected, or the verdict. */
    String kind() {
      return rejection != null ? "rejected" : result == null ? "not a command" : result.verdict().name();
    }
  }

  /** Loads and (if it is a command) runs {@code bytes}; fails the property on anything unclean. */
  static Outcome loadAndRun(byte[] bytes, Engine engine) {
    WasmProgram program;
    try {
      program = WasmProgram.load(bytes, engine);
    } catch (ModuleException e) {
      Statistics.label("rejected because").collect(reason(e));
      return new Outcome(e, null);
    } catch (Throwable t) {
      throw new AssertionError("WasmProgram.load threw " + t + " (only ModuleException may leave it)", t);
    }
    if (!program.isCommand()) {
      try {
        program.run(config(), LIMITS);
        fail("run() of a module without _start returned");
      } catch (ModuleException expected) {
        return new Outcome(null, null);
      }
    }
    long t0 = System.nanoTime();
    RunResult r;
    try {
      r = program.run(config(), LIMITS);
    } catch (Throwable t) {
      throw new AssertionError("WasmProgram.run threw " + t + " (every ending must be a RunResult)", t);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertTrue(took.compareTo(LIMITS.wallTime().plus(OVERRUN)) < 0, () -> "run took " + took + ", past the wall limit " + LIMITS.wallTime());
    awaitNoGuestThreads();
    Statistics.label("verdict").collect(r.verdict().name());
    if (r.message() != null) {
      Statistics.label("failure seen").collect(failureClass(r.message()));
    }
    return new Outcome(null, r);
  }

  /** A fresh config per run (its streams carry state): nothing granted, output discarded. */
  static WasiConfig config() {
    return WasiConfig.builder()
        .args(List.of("fuzz"))
        .stdout(OutputStream.nullOutputStream(), 1 << 16, false)
        .stderr(OutputStream.nullOutputStream(), 1 << 16, false)
        .build();
  }

  /** Waits up to 3 s for every {@code wasibox-guest} thread to end; fails if one is left. */
  static void awaitNoGuestThreads() {
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (true) {
      boolean alive = Thread.getAllStackTraces().keySet().stream()
          .anyMatch(t -> t.getName().equals("wasibox-guest") && t.isAlive());
      if (!alive) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("a wasibox-guest thread is still running after its run returned");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The kind of failure a run reported, without its details: "trap", "engine failure (X)", ... */
  static String failureClass(String message) {
    String m = message.replaceFirst("^memory limit reached, then: ", "");
    int colon = m.indexOf(':');
    String head = colon < 0 ? m : m.substring(0, colon);
    return head.replaceAll("[0-9]+", "N");
  }

  private static String reason(ModuleException e) {
    Throwable c = e.getCause();
    return c == null ? "wasibox: " + e.getMessage().replaceAll("[0-9]+", "N").replaceAll(" \\(.*", "").replaceAll("import \\S+", "import X")
        : c.getClass().getSimpleName();
  }
}
