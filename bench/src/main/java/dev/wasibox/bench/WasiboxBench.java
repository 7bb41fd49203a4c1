package dev.wasibox.bench;

import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.host.run.WasmProgram;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process time per run of an already-compiled module on wasibox: {@link WasmProgram#run} with a
 * fresh config (and, for files4k, a fresh memory volume at {@code /w}) per run, stdout to /dev/null.
 * What a judge or plugin host pays per run once the module is loaded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WasiboxBench {
  static final RunLimits LIMITS =
      RunLimits.DEFAULT.withWallTime(Duration.ofSeconds(120)).withCpuTime(Duration.ofSeconds(120));

  @Param({"sha256", "sieve", "fib", "sort2m", "writes", "files4k", "hello"})
  public String guest;

  /** compiler (the default engine) or interpreter. */
  @Param({"COMPILER"})
  public String engine;

  private WasmProgram program;

  /**
   * stdout: /dev/null as a plain unbuffered FileOutputStream, so that each guest write is one
   * write(2), as it is for Node and wasmtime in their in-process benchmarks.
   */
  private OutputStream devnull;

  @Setup(Level.Trial)
  public void load() throws IOException {
    devnull = new FileOutputStream("/dev/null");
    program = WasmProgram.load(Guests.bytes(guest), dev.wasibox.host.run.Engine.valueOf(engine));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunResult r = runOnce(program, guest, out);
    String first = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    if (!first.equals(Guests.expectedFirstLine(guest))) {
      throw new IllegalStateException(guest + ": unexpected output '" + first + "' (" + r + ")");
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    devnull.close();
  }

  static RunResult runOnce(WasmProgram program, String guest, OutputStream stdout) {
    return runOnce(program, guest, stdout, new byte[0]);
  }

  static RunResult runOnce(WasmProgram program, String guest, OutputStream stdout, byte[] stdin) {
    List<String> argv = new ArrayList<>();
    argv.add(guest);
    argv.addAll(Guests.args(guest));
    WasiConfig.Builder b =
        WasiConfig.builder()
            .args(argv)
            .stdin(dev.wasibox.host.io.GuestInput.of(stdin), false)
            .stdout(stdout, Long.MAX_VALUE, false)
            .stderr(System.err, Long.MAX_VALUE, false);
    if (Guests.needsDir(guest)) {
      b.preopen(Guests.FILES_GUEST_DIR, MemoryVolume.create(Quota.DEFAULT, () -> System.currentTimeMillis() * 1_000_000L).root());
    }
    RunResult r = program.run(b.build(), LIMITS);
    if (r.verdict() != Verdict.OK || r.exitCode() != 0) {
      throw new IllegalStateException(guest + " failed: " + r);
    }
    return r;
  }

  @Benchmark
  public RunResult run() {
    return runOnce(program, guest, devnull);
  }
}
