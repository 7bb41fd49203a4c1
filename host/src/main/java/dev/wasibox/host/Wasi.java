package dev.wasibox.host;

import static com.google.common.base.Preconditions.checkNotNull;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import java.util.List;

/**
 * The lower-level API for plugin hosts, with the shape of Node's {@code node:wasi}: build the WASI
 * imports for your own Chicory instance, then {@link #start} a command or {@link #initialize} a
 * reactor and call its exports yourself. Unlike {@link dev.wasibox.host.run.WasmProgram#run}, the
 * guest runs on the caller's thread with no watchdog: limits of time are the caller's to enforce
 * (interrupt the thread; compiled code stops at the next call or backward jump).
 *
 * <pre>{@code
 * Wasi wasi = Wasi.create(WasiConfig.builder().args(List.of("plugin")).build(), true);
 * Instance instance = Instance.builder(Parser.parse(bytes))
 *     .withImportValues(wasi.importValues()).withStart(false).build();
 * wasi.initialize(instance);              // a reactor: runs _initialize if exported
 * instance.export("add").apply(1, 2);     // then call exports
 * }</pre>
 */
public final class Wasi {
  private final WasiContext context;
  private final WasiModule module;
  private final boolean returnOnExit;
  private boolean started;

  private Wasi(WasiConfig config, boolean returnOnExit) {
    this.context = config.newContext();
    this.module = new WasiModule(context, config.failOnHostBug());
    this.returnOnExit = returnOnExit;
  }

  /**
   * A WASI environment for one instance.
   *
   * @param returnOnExit if true, {@code proc_exit} inside {@link #start} returns its code;
   *     otherwise the {@link ProcExitException} reaches the caller (as Node's {@code
   *     returnOnExit: false} ends the process)
   */
  public static Wasi create(WasiConfig config, boolean returnOnExit) {
    return new Wasi(checkNotNull(config), returnOnExit);
  }

  /** The imports to pass to {@code Instance.builder(...).withImportValues}. */
  public ImportValues importValues() {
    return ImportValues.builder().withFunctions(List.copyOf(module.functions())).build();
  }

  public WasiContext context() {
    return context;
  }

  /**
   * Runs a command's {@code _start} once.
   *
   * @return the exit code: 0 if {@code _start} returned, else the code given to {@code proc_exit}
   * @throws IllegalStateException if already started or initialized, or no {@code _start}
   */
  public int start(Instance instance) {
    begin();
    ExportFunction start = export(instance, "_start");
    if (start == null) {
      throw new IllegalStateException("instance has no _start export");
    }
    try {
      start.apply();
      return 0;
    } catch (ProcExitException e) {
      if (returnOnExit) {
        return e.exitCode();
      }
      throw e;
    }
  }

  /**
   * Initializes a reactor: runs {@code _initialize} if exported. After it, call exports directly.
   *
   * @throws IllegalStateException if already started or initialized, or the instance is a command
   */
  public void initialize(Instance instance) {
    begin();
    if (export(instance, "_start") != null) {
      throw new IllegalStateException("instance exports _start: it is a command, use start()");
    }
    ExportFunction init = export(instance, "_initialize");
    if (init != null) {
      init.apply();
    }
  }

  /** Closes every descriptor (flushes stdout and stderr). */
  public void close() {
    context.closeAll();
  }

  private void begin() {
    if (started) {
      throw new IllegalStateException("already started or initialized");
    }
    started = true;
  }

  private static ExportFunction export(Instance instance, String name) {
    var exports = instance.module().exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      if (exports.getExport(i).name().equals(name)) {
        return instance.export(name);
      }
    }
    return null;
  }
}
