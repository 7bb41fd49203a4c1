package dev.wasibox.host.run;

import static com.google.common.base.Preconditions.checkNotNull;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasibox.host.WasiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A module loaded once: parsed, validated, its imports checked against what wasibox provides, and
 * (with the compiler) compiled. Immutable and safe to run from many threads at once; each {@link
 * #run} gets its own instance, memory, descriptors and VFS.
 */
public final class WasmProgram {
  private final WasmModule module;
  private final @Nullable Function<Instance, Machine> machineFactory;
  private final Engine engine;

  private WasmProgram(WasmModule module, @Nullable Function<Instance, Machine> factory, Engine engine) {
    this.module = module;
    this.machineFactory = factory;
    this.engine = engine;
  }

  /** Loads and compiles {@code bytes}. */
  public static WasmProgram load(byte[] bytes) {
    return load(bytes, Engine.COMPILER);
  }

  /** Loads the module at {@code file} with the compiler. */
  public static WasmProgram load(Path file) {
    try {
      return load(Files.readAllBytes(file), Engine.COMPILER);
    } catch (IOException e) {
      throw new ModuleException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads {@code bytes} for {@code engine}.
   *
   * @throws ModuleException malformed or invalid bytes, or imports wasibox does not provide
   */
  public static WasmProgram load(byte[] bytes, Engine engine) {
    return load(bytes, engine, null);
  }

  /**
   * Loads {@code bytes} for {@code engine}, taking compiled classes from {@code compileCache} when
   * it has them (and storing them there otherwise).
   *
   * @throws ModuleException malformed or invalid bytes, or imports wasibox does not provide
   */
  public static WasmProgram load(byte[] bytes, Engine engine, @Nullable Cache compileCache) {
    checkNotNull(bytes);
    ModulePrecheck.check(bytes);
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (RuntimeException e) {
      throw new ModuleException("not a valid WebAssembly module: " + oneLine(e), e);
    } catch (OutOfMemoryError e) {
      // Chicory's parser allocates what a length claims; the precheck catches the known shapes.
      throw new ModuleException("not a valid WebAssembly module: a length or count is too large", e);
    }
    try {
      ImportCheck.requireSupported(module);
      EntryPoints.requireNoArguments(module);
    } catch (ChicoryException | IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new ModuleException("not a valid WebAssembly module: " + oneLine(e), e);
    }
    Function<Instance, Machine> factory = null;
    if (engine == Engine.COMPILER) {
      try {
        MachineFactoryCompiler.Builder compiler =
            MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
        if (compileCache != null) {
          compiler.withCache(compileCache);
        }
        factory = compiler.compile();
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
        throw new ModuleException("cannot compile module: " + oneLine(e), e);
      }
    }
    return new WasmProgram(module, factory, engine);
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  public WasmModule module() {
    return module;
  }

  public Engine engine() {
    return engine;
  }

  /** The SHA-256 of the module bytes, as Chicory computes it. */
  public String digest() {
    return module.digest();
  }

  /** The compiled machine factory, or null under the interpreter. */
  @Nullable Function<Instance, Machine> machineFactory() {
    return machineFactory;
  }

  /** Whether the module is a command (exports {@code _start}). */
  public boolean isCommand() {
    return exports("_start");
  }

  /** Whether the module exports a function named {@code name}. */
  public boolean exports(String name) {
    var exports = module.exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      if (exports.getExport(i).name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs the command's {@code _start} under {@code config} and {@code limits}, on a new thread,
   * and waits for it. Never throws for anything the guest does; every ending is a {@link
   * RunResult}.
   *
   * @throws ModuleException if the module is not a command
   */
  public RunResult run(WasiConfig config, RunLimits limits) {
    if (!isCommand()) {
      throw new ModuleException("module has no _start export: it is not a WASI command");
    }
    return new GuestRun(this, config, limits).execute();
  }
}
