package dev.wasibox.host.cli;

import dev.wasibox.host.run.DiskCompileCache;
import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.WasmProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * Starts loading the module of a {@code run} or {@code judge} command line on a second thread
 * while the main thread parses the command line and the policy, which in a fresh JVM take about as
 * long as parsing and loading the module (picocli alone is ~0.2 s of CPU). {@link Modules#load}
 * uses the result only for the same file with the same bytes and the default engine and cache;
 * otherwise, or if the early load failed in any way, it loads as if nothing had happened (and
 * reports errors itself). The early load touches what {@link Modules#load} would: it reads the
 * module file, and reads or (on a miss) fills the compiled-module cache, even if the command line
 * then turns out to be wrong.
 */
final class Preload {
  /** Options of {@code run} and {@code judge} that take no value. */
  private static final Set<String> FLAGS = Set.of("--stop-on-failure");
  /** Options after which the early load would guess wrong or be useless. */
  private static final Set<String> STOP = Set.of("--engine", "--no-cache", "--help", "-h", "--version", "-V");
  /** Larger files are left to the normal path (the early read must stay cheap). */
  private static final long MAX_BYTES = 64L << 20;

  private static volatile @Nullable Preload current;

  private final Path file;
  private final FutureTask<Loaded> task;

  private record Loaded(byte[] bytes, WasmProgram program) {}

  private Preload(Path file) {
    this.file = file;
    this.task = new FutureTask<>(() -> load(file));
  }

  /** Starts the early load if {@code args} name a module in the usual way; never throws. */
  static void start(String[] args) {
    try {
      Path module = moduleOf(args);
      if (module == null) {
        return;
      }
      Preload p = new Preload(module);
      Thread t = new Thread(p.task, "wasibox-preload");
      t.setDaemon(true);
      current = p;
      t.start();
    } catch (RuntimeException | Error e) {
      current = null;
    }
  }

  /** The first positional argument of {@code run}/{@code judge}, if it is a plausible module. */
  static @Nullable Path moduleOf(String[] args) {
    if (args.length < 2 || !(args[0].equals("run") || args[0].equals("judge"))) {
      return null;
    }
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (STOP.contains(a) || a.startsWith("--engine=") || a.equals("--")) {
        return null;
      }
      if (a.startsWith("-")) {
        if (!FLAGS.contains(a) && a.indexOf('=') < 0) {
          i++; // its value
        }
        continue;
      }
      Path p = Path.of(a);
      try {
        if (!a.endsWith(".wasm") || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) > MAX_BYTES) {
          return null;
        }
      } catch (IOException e) {
        return null;
      }
      return p;
    }
    return null;
  }

  private static Loaded load(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    DiskCompileCache cache = DiskCompileCache.open(DiskCompileCache.defaultRoot());
    return new Loaded(bytes, WasmProgram.load(bytes, Engine.COMPILER, cache));
  }

  /**
   * The early-loaded program for {@code file} if it was started for that file and read the same
   * {@code bytes}, and the caller wants the default engine with the cache; else null (load
   * normally). Waits for the early load to finish.
   */
  static @Nullable WasmProgram take(Path file, byte[] bytes, Engine engine, boolean useCache) {
    Preload p = current;
    if (p == null || engine != Engine.COMPILER || !useCache || !p.file.equals(file)) {
      return null;
    }
    current = null;
    try {
      Loaded loaded = p.task.get();
      return Arrays.equals(loaded.bytes(), bytes) ? loaded.program() : null;
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
