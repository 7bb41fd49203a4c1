package dev.wasibox.host.run;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.wasibox.host.LimitExceededException;
import dev.wasibox.host.LimitExceededException.Limit;
import dev.wasibox.host.ProcExitException;
import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.WasiContext;
import dev.wasibox.host.WasiModule;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * One execution of a {@link WasmProgram}: a fresh instance on its own thread with a large stack,
 * watched by the {@link Watchdog}, every way it can end turned into a {@link RunResult}. Any
 * {@link Throwable} from the guest (a trap, a Chicory bug's raw NullPointerException, a
 * StackOverflowError, an OutOfMemoryError) ends this run only.
 */
final class GuestRun {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long ABANDON_MS = 2_000;
  private static final long FLUSH_MS = 100;

  private final WasmProgram program;
  private final WasiConfig config;
  private final RunLimits limits;

  // Written by the guest thread, read after join.
  private volatile int exitCode = -1;
  private volatile Throwable failure;
  private volatile MeteredMemory memory;
  private volatile long cpuNanos;
  private volatile boolean finished;

  GuestRun(WasmProgram program, WasiConfig config, RunLimits limits) {
    this.program = program;
    this.config = config;
    this.limits = limits;
  }

  RunResult execute() {
    WasiContext context = config.newContext();
    WasiModule wasi = new WasiModule(context, config.failOnHostBug());
    Thread guest = new Thread(null, () -> body(wasi), "wasibox-guest", limits.stackBytes());
    guest.setDaemon(true);
    long start = System.nanoTime();
    Watchdog.Watch watch = Watchdog.watch(guest, limits);
    guest.start();
    joinUninterruptibly(guest, watch);
    long wall = System.nanoTime() - start;
    watch.cancel();
    context.closeAll();
    config.stdout().flush();
    config.stderr().flush();
    return result(watch.hit(), wall);
  }

  private void joinUninterruptibly(Thread guest, Watchdog.Watch watch) {
    boolean interrupted = false;
    while (true) {
      try {
        if (watch.hit() == null) {
          guest.join(FLUSH_MS);
          // A host sink may buffer (the CLI's stdout when it is not a terminal): a guest that
          // prints and then computes is seen within FLUSH_MS.
          config.stdout().flush();
          config.stderr().flush();
        } else {
          // The watchdog fired: wait for the interrupt, then the hard stop, then give up.
          guest.join(Watchdog.GRACE_MS + ABANDON_MS);
          if (guest.isAlive()) {
            break;
          }
        }
        if (!guest.isAlive()) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
        guest.interrupt();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void body(WasiModule wasi) {
    try {
      Instance.Builder builder =
          Instance.builder(program.module())
              .withImportValues(ImportValues.builder().withFunctions(java.util.List.copyOf(wasi.functions())).build())
              .withMemoryFactory(this::newMemory)
              .withStart(false);
      if (program.machineFactory() != null) {
        builder.withMachineFactory(program.machineFactory());
      }
      Instance instance = builder.build();
      instance.export("_start").apply();
      exitCode = 0;
    } catch (ProcExitException e) {
      exitCode = e.exitCode();
    } catch (Throwable t) {
      failure = t;
    } finally {
      cpuNanos = THREADS.getCurrentThreadCpuTime();
      finished = true;
    }
  }

  private Memory newMemory(MemoryLimits declared) {
    int cap = limits.maxPages();
    if (declared.initialPages() > cap) {
      throw new LimitExceededException(
          Limit.MEMORY,
          "module needs " + declared.initialPages() + " pages at start; the limit is " + cap);
    }
    MemoryLimits clamped =
        new MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), cap));
    MeteredMemory m = new MeteredMemory(new ByteArrayMemory(clamped), declared.maximumPages());
    memory = m;
    return m;
  }

  private RunResult result(Watchdog.Hit hit, long wallNanos) {
    MeteredMemory m = memory;
    long peak = m == null ? 0 : (long) m.pages() * Memory.PAGE_SIZE;
    long out = config.stdout().written();
    long err = config.stderr().written();
    long cpu = finished ? cpuNanos : TimeUnit.MILLISECONDS.toNanos(limits.cpuTime().toMillis());
    Verdict verdict;
    String message = null;
    Throwable t = failure;
    LimitExceededException limit = limitOf(t);
    if (hit != null) {
      verdict = Verdict.TLE;
      message = hit == Watchdog.Hit.WALL
          ? "wall-time limit of " + limits.wallTime().toMillis() + " ms reached"
          : "CPU-time limit of " + limits.cpuTime().toMillis() + " ms reached";
    } else if (limit != null) {
      verdict = switch (limit.limit()) {
        case OUTPUT -> Verdict.OLE;
        case MEMORY -> Verdict.MLE;
        case WALL_TIME, CPU_TIME -> Verdict.TLE;
        case STACK -> Verdict.TRAP;
      };
      message = limit.getMessage();
    } else if (t != null) {
      boolean starved = m != null && m.refusedGrow();
      verdict = starved ? Verdict.MLE : Verdict.TRAP;
      message = (starved ? "memory limit reached, then: " : "") + describe(t);
    } else if (exitCode != 0 && m != null && m.refusedGrow()) {
      verdict = Verdict.MLE;
      message = "memory limit reached, then exit code " + exitCode;
    } else {
      verdict = Verdict.OK;
    }
    int code = (verdict == Verdict.OK || (verdict == Verdict.MLE && t == null && limit == null)) ? exitCode : -1;
    return new RunResult(verdict, code, message, wallNanos, cpu, peak, out, err);
  }

  private static LimitExceededException limitOf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof LimitExceededException l) {
        return l;
      }
    }
    return null;
  }

  /** A one-line description of why the guest failed. */
  static String describe(Throwable t) {
    if (t instanceof ChicoryInterruptedException) {
      return "interrupted";
    }
    if (t instanceof StackOverflowError || hasCause(t, StackOverflowError.class)) {
      return "call stack exhausted";
    }
    if (t instanceof OutOfMemoryError) {
      return "host out of memory while running the guest";
    }
    if (t instanceof ThreadDeath) {
      return "stopped";
    }
    String kind = t instanceof com.dylibso.chicory.wasm.ChicoryException ? "trap" : "engine failure (" + t.getClass().getSimpleName() + ")";
    String msg = t.getMessage();
    return msg == null ? kind : kind + ": " + WasmProgram.oneLine(t);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
