package dev.wasibox.bench;

import com.dylibso.chicory.compiler.Cache;
import dev.wasibox.host.run.DiskCompileCache;
import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.ProgramCache;
import dev.wasibox.host.run.WasmProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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
 * What loading a module costs in a warm JVM, by path: compiling it ({@code compile}), taking the
 * compiled classes from the disk cache ({@code diskHit}), the in-memory {@link ProgramCache}
 * ({@code memoryHit}), and parsing for the interpreter ({@code interpreter}). The setup also
 * checks that the caches really compile once: the second load through a {@link ProgramCache}
 * returns the same program, and a disk cache that was filled once is never written again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheBench {
  @Param({"hello", "sum_ok"})
  public String guest;

  private byte[] bytes;
  private Path dir;
  private CountingCache disk;
  private ProgramCache memory;

  /** A disk cache that counts stores (a store follows every real compilation). */
  static final class CountingCache implements Cache {
    final Cache delegate;
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();

    CountingCache(Cache delegate) {
      this.delegate = delegate;
    }

    @Override
    public byte[] get(String key) throws IOException {
      gets.incrementAndGet();
      byte[] b = delegate.get(key);
      if (b != null) {
        hits.incrementAndGet();
      }
      return b;
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
      puts.incrementAndGet();
      delegate.putIfAbsent(key, data);
    }
  }

  @Setup(Level.Trial)
  public void setup() throws IOException {
    bytes = Guests.bytes(guest);
    dir = Files.createTempDirectory("wasibox-bench-cache");
    disk = new CountingCache(DiskCompileCache.open(dir));
    WasmProgram.load(bytes, Engine.COMPILER, disk);
    WasmProgram.load(bytes, Engine.COMPILER, disk);
    if (disk.puts.get() != 1 || disk.hits.get() != 1) {
      throw new IllegalStateException("disk cache: " + disk.puts + " stores, " + disk.hits + " hits; want 1 and 1");
    }
    memory = new ProgramCache(16, disk);
    WasmProgram a = memory.load(bytes, Engine.COMPILER);
    WasmProgram b = memory.load(bytes, Engine.COMPILER);
    if (a != b || disk.puts.get() != 1) {
      throw new IllegalStateException("program cache loaded twice");
    }
    System.err.printf("cache check %s: compiled once (disk stores=%d, hits=%d, gets=%d); program cache hit returns the same program%n",
        guest, disk.puts.get(), disk.hits.get(), disk.gets.get());
  }

  @TearDown(Level.Trial)
  public void teardown() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public WasmProgram compile() {
    return WasmProgram.load(bytes, Engine.COMPILER, null);
  }

  @Benchmark
  public WasmProgram diskHit() {
    return WasmProgram.load(bytes, Engine.COMPILER, disk);
  }

  @Benchmark
  public WasmProgram memoryHit() {
    return memory.load(bytes, Engine.COMPILER);
  }

  @Benchmark
  public WasmProgram interpreter() {
    return WasmProgram.load(bytes, Engine.INTERPRETER, null);
  }
}
