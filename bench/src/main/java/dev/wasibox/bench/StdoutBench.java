package dev.wasibox.bench;

import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.WasmProgram;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * The writes guest (200,000 unbuffered 16-byte {@code fd_write}s) with stdout going to /dev/null
 * through a 64 KiB {@link BufferedOutputStream} flushed at the end of each run: what the CLI
 * does when stdout is not a terminal, and what an embedder who captures or forwards output would
 * do. {@link WasiboxBench} measures the same guest with one write(2) per guest write, as Node and
 * wasmtime do; the difference is the host's system calls, not the sandbox's work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StdoutBench {
  @Param({"writes"})
  public String guest;

  private WasmProgram program;
  private FileOutputStream devnull;

  @Setup(Level.Trial)
  public void load() throws IOException {
    program = WasmProgram.load(Guests.bytes(guest));
    devnull = new FileOutputStream("/dev/null");
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    devnull.close();
  }

  @Benchmark
  public RunResult buffered() throws IOException {
    OutputStream out = new BufferedOutputStream(devnull, 1 << 16);
    RunResult r = WasiboxBench.runOnce(program, guest, out);
    out.flush();
    return r;
  }
}
