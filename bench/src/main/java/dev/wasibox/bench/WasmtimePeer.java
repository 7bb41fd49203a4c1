package dev.wasibox.bench;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The wasmtime peer (wasmtime-java 0.19.0, wasmtime 7.0.1): one engine and compiled module, and a
 * fresh store, WASI context, linker and instance per run, as wasibox does per run.
 *
 * <p>The JNI library is loaded from a fixed directory: the JVM must be started with {@code
 * -Djava.library.path=DIR} where {@code DIR/libwasmtime_jni.so} exists (bench/run.sh extracts it
 * once). wasmtime-java's loader tries {@code System.loadLibrary} first, so it never copies its 18 MB
 * library into the temp directory; {@link #requireFixedLibrary} refuses to start otherwise.
 */
final class WasmtimePeer implements AutoCloseable {
  private final Engine engine;
  private final Module module;

  WasmtimePeer(byte[] wasm) {
    requireFixedLibrary();
    this.engine = new Engine();
    this.module = Module.fromBinary(engine, wasm);
  }

  static void requireFixedLibrary() {
    String dirs = System.getProperty("java.library.path", "");
    for (String d : dirs.split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isRegularFile(Path.of(d, "libwasmtime_jni.so"))) {
        return;
      }
    }
    throw new IllegalStateException(
        "libwasmtime_jni.so is not on -Djava.library.path (" + dirs + "); wasmtime-java would copy"
            + " 18 MB into the temp directory on every start. Run bench/run.sh, which extracts it.");
  }

  /**
   * Runs {@code _start} once.
   *
   * @param argv argv including argv[0]
   * @param preopens guest path to host directory
   * @param stdout where stdout goes (a file path, e.g. /dev/null), or null to inherit
   * @return the exit code, or 134 after a trap
   */
  int run(List<String> argv, Map<String, Path> preopens, Path stdout) {
    WasiCtxBuilder b = new WasiCtxBuilder().args(argv).inheritStdin().inheritStderr();
    if (stdout == null) {
      b.inheritStdout();
    } else {
      b.stdout(stdout);
    }
    for (Map.Entry<String, Path> p : preopens.entrySet()) {
      b.preopenedDir(p.getValue(), p.getKey());
    }
    // The store takes ownership of the WASI context (Store.<init> calls takeInnerPtr).
    try (Store<Void> store = new Store<>(null, engine, b.build());
        Linker linker = new Linker(engine)) {
      WasiCtx.addToLinker(linker);
      linker.module(store, "", module);
      Extern start = linker.get(store, "", "_start").orElseThrow();
      Func f = start.func();
      try {
        f.call(store);
        return 0;
      } catch (WasmFunctionError.I32ExitError e) {
        return e.exitCode();
      } catch (WasmFunctionError e) {
        System.err.println("wasmtime: trap: " + e.getMessage());
        return 134;
      }
    }
  }

  @Override
  public void close() {
    module.close();
    engine.close();
  }
}
