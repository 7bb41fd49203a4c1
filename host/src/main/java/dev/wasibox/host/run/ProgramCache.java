package dev.wasibox.host.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.dylibso.chicory.compiler.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Loaded programs kept in memory by the SHA-256 of their bytes (and engine), so that a long-lived
 * host (a judge, a plugin host) parses and compiles each distinct module once; optionally backed
 * by a {@link DiskCompileCache} so that a new process skips the compiler too. Thread-safe.
 */
public final class ProgramCache {
  private final ConcurrentMap<String, WasmProgram> programs;
  private final @Nullable Cache disk;

  /**
   * @param maxPrograms how many distinct modules to keep (least recently used go first)
   * @param disk compiled classes on disk, or null
   */
  public ProgramCache(int maxPrograms, @Nullable Cache disk) {
    checkArgument(maxPrograms > 0, "maxPrograms must be > 0");
    this.programs = CacheBuilder.newBuilder().maximumSize(maxPrograms).<String, WasmProgram>build().asMap();
    this.disk = disk;
  }

  /**
   * The program for {@code bytes}, loaded on first use.
   *
   * @throws ModuleException as {@link WasmProgram#load(byte[], Engine)}
   */
  public WasmProgram load(byte[] bytes, Engine engine) {
    String key = Hashing.sha256().hashBytes(bytes) + "/" + engine;
    WasmProgram p = programs.get(key);
    if (p == null) {
      p = WasmProgram.load(bytes, engine, disk);
      WasmProgram raced = programs.putIfAbsent(key, p);
      if (raced != null) {
        p = raced;
      }
    }
    return p;
  }

  /** How many programs are held. */
  public int size() {
    return programs.size();
  }
}
