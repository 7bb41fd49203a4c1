package dev.wasibox.host;

import static com.google.common.base.Preconditions.checkNotNull;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps every syscall body in the one {@code try/catch} of the host: a {@link WasiException}
 * becomes its errno; {@link ProcExitException}, {@link LimitExceededException} and JVM {@link
 * Error}s leave (they end the run); any other exception is a host bug, logged and returned to the
 * guest as {@code EIO} (or rethrown when {@code failOnHostBug} is set, as tests do).
 */
final class SyscallAdapter {
  private static final long[] SUCCESS = {0};

  private final WasiContext context;
  private final boolean failOnHostBug;

  SyscallAdapter(WasiContext context, boolean failOnHostBug) {
    this.context = checkNotNull(context);
    this.failOnHostBug = failOnHostBug;
  }

  /** A host function {@code module.name(params) -> i32 errno} running {@code body}. */
  HostFunction function(String module, String name, List<ValType> params, Syscall body) {
    FunctionType type = FunctionType.of(params, List.of(ValType.I32));
    return new HostFunction(module, name, type, (instance, args) -> invoke(name, instance, args, body));
  }

  private long[] invoke(String name, Instance instance, long[] args, Syscall body) {
    SyscallTracer tracer = context.tracer();
    if (tracer != null) {
      tracer.enter(name, args);
    }
    Errno errno = run(name, instance, args, body);
    if (tracer != null) {
      tracer.exit(name, errno);
    }
    return errno == Errno.SUCCESS ? SUCCESS : new long[] {errno.code()};
  }

  private Errno run(String name, Instance instance, long[] args, Syscall body) {
    try {
      return body.call(new GuestMemory(instance.memory()), args);
    } catch (WasiException e) {
      return e.errno();
    } catch (ProcExitException | LimitExceededException e) {
      throw e;
    } catch (RuntimeException e) {
      if (failOnHostBug) {
        throw new IllegalStateException("host bug in " + name, e);
      }
      Log.LOG.log(Level.WARNING, "host bug in " + name + "; returning EIO to the guest", e);
      return Errno.EIO;
    }
  }

  /** The logger, initialised on the first host bug only (java.util.logging costs ~20 ms to start). */
  private static final class Log {
    static final Logger LOG = Logger.getLogger(SyscallAdapter.class.getName());
  }
}
