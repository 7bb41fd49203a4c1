package dev.wasibox.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * In-process time per run of an already-compiled module on wasmtime-java: a fresh store, WASI
 * context, linker and instance per run, stdout to {@code /dev/null}; files4k works in a directory
 * on tmpfs ({@code -Dbench.tmpfs}, default {@code /dev/shm}) preopened as {@code /w}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WasmtimeBench {
  @Param({"sha256", "sieve", "fib", "sort2m", "writes", "files4k", "hello"})
  public String guest;

  private WasmtimePeer peer;
  private List<String> argv;
  private Map<String, Path> preopens;
  private Path dir;

  @Setup(Level.Trial)
  public void load() throws IOException {
    peer = new WasmtimePeer(Guests.bytes(guest));
    argv = new ArrayList<>();
    argv.add(guest);
    argv.addAll(Guests.args(guest));
    preopens = Map.of();
    if (Guests.needsDir(guest)) {
      Path base = Path.of(System.getProperty("bench.tmpfs", "/dev/shm"));
      dir = Files.createTempDirectory(base, "wasibox-bench-wasmtime");
      preopens = Map.of(Guests.FILES_GUEST_DIR, dir);
    }
    Path out = Files.createTempFile("wasibox-bench", ".out");
    try {
      int code = peer.run(argv, preopens, out);
      String first = Files.readString(out, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (code != 0 || !first.equals(Guests.expectedFirstLine(guest))) {
        throw new IllegalStateException(guest + ": exit " + code + ", output '" + first + "'");
      }
    } finally {
      Files.delete(out);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    peer.close();
    if (dir != null) {
      Files.deleteIfExists(dir);
    }
  }

  @Benchmark
  public int run() {
    int code = peer.run(argv, preopens, Path.of("/dev/null"));
    if (code != 0) {
      throw new IllegalStateException(guest + " exited " + code);
    }
    return code;
  }
}
