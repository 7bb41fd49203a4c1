package dev.wasibox.host.cli;

import dev.wasibox.host.run.DiskCompileCache;
import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.ModuleException;
import dev.wasibox.host.run.WasmProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a module file for the command line, with the on-disk compile cache when it is usable. */
final class Modules {
  private Modules() {}

  static WasmProgram load(Path file, Engine engine, boolean useCache) throws UsageException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw UsageException.io("cannot read module", e);
    }
    WasmProgram early = Preload.take(file, bytes, engine, useCache);
    if (early != null) {
      return early;
    }
    DiskCompileCache cache = null;
    if (useCache && engine == Engine.COMPILER) {
      try {
        cache = DiskCompileCache.open(DiskCompileCache.defaultRoot());
      } catch (IOException | RuntimeException e) {
        // No cache (read-only home, foreign owner): compile every time, which is only slower.
        cache = null;
      }
    }
    try {
      return WasmProgram.load(bytes, engine, cache);
    } catch (ModuleException e) {
      throw new UsageException(file + ": " + e.getMessage());
    }
  }
}
