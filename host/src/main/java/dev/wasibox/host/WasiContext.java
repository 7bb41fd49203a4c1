package dev.wasibox.host;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.host.env.RandomSource;
import dev.wasibox.host.fd.Fds;
import dev.wasibox.vfs.Vfs;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state one guest run acts on: its descriptors, its VFS, its arguments and environment, its
 * clocks and randomness. Built per run (never shared between runs) by {@link WasiConfig}.
 */
public final class WasiContext {
  private final Fds fds;
  private final Vfs vfs;
  private final ImmutableList<byte[]> args;
  private final ImmutableList<byte[]> env;
  private final GuestClock realtime;
  private final GuestClock monotonic;
  private final @Nullable GuestClock cpuTime;
  private final RandomSource random;
  private final @Nullable SyscallTracer tracer;
  private final Runnable flushOutputs;

  WasiContext(
      Fds fds,
      Vfs vfs,
      List<byte[]> args,
      List<byte[]> env,
      GuestClock realtime,
      GuestClock monotonic,
      @Nullable GuestClock cpuTime,
      RandomSource random,
      @Nullable SyscallTracer tracer,
      Runnable flushOutputs) {
    this.fds = checkNotNull(fds);
    this.vfs = checkNotNull(vfs);
    this.args = ImmutableList.copyOf(args);
    this.env = ImmutableList.copyOf(env);
    this.realtime = checkNotNull(realtime);
    this.monotonic = checkNotNull(monotonic);
    this.cpuTime = cpuTime;
    this.random = checkNotNull(random);
    this.tracer = tracer;
    this.flushOutputs = checkNotNull(flushOutputs);
  }

  public Fds fds() {
    return fds;
  }

  public Vfs vfs() {
    return vfs;
  }

  /** argv, each UTF-8 encoded without its NUL. */
  public List<byte[]> args() {
    return args;
  }

  /** The environment as {@code NAME=VALUE} entries, each UTF-8 encoded without its NUL. */
  public List<byte[]> env() {
    return env;
  }

  public GuestClock realtime() {
    return realtime;
  }

  public GuestClock monotonic() {
    return monotonic;
  }

  /** The process and thread CPU-time clocks, or null when the policy withholds them. */
  public @Nullable GuestClock cpuTime() {
    return cpuTime;
  }

  public RandomSource random() {
    return random;
  }

  public @Nullable SyscallTracer tracer() {
    return tracer;
  }

  /**
   * Flushes stdout and stderr: before the guest may block reading a stream (a prompt must be seen
   * before the answer is typed), whatever fds the guest has since renumbered.
   */
  public void flushOutputs() {
    flushOutputs.run();
  }

  /** Closes every open descriptor (at the end of a run). */
  public void closeAll() {
    for (var d : fds.table().clear()) {
      try {
        d.close();
      } catch (RuntimeException e) {
        // A descriptor that fails to close must not keep the others open.
      }
    }
  }
}
