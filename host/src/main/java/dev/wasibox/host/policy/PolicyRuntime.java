package dev.wasibox.host.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.policy.Limits;
import dev.wasibox.capabilities.policy.OutputMode;
import dev.wasibox.capabilities.policy.OutputSpec;
import dev.wasibox.capabilities.policy.Policy;
import dev.wasibox.capabilities.policy.StdioPolicy;
import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.env.RandomSource;
import dev.wasibox.host.io.GuestInput;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.vfs.PathLimits;
import dev.wasibox.vfs.host.HostMountException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link Policy} into a {@link PreparedRun}: one volume per mount (fresh for every run),
 * stdio as the policy says, its clocks, randomness and limits, and nothing it does not name.
 */
public final class PolicyRuntime {
  /** The guest thread's stack: deep enough for compiled recursion, bounded all the same. */
  public static final long STACK_BYTES = 256L << 20;

  private final HostStreams host;

  public PolicyRuntime(HostStreams host) {
    this.host = checkNotNull(host);
  }

  /**
   * Prepares a run of the module called {@code moduleName} (the default {@code argv[0]}).
   *
   * @throws HostMountException a host directory cannot be mounted safely
   * @throws IOException a stdio file cannot be opened
   */
  public PreparedRun prepare(Policy policy, String moduleName) throws HostMountException, IOException {
    return prepare(policy, moduleName, null, null);
  }

  /**
   * Prepares one judge case: stdin is {@code stdin} and stdout goes to {@code stdout}, whatever the
   * policy's stdio says; stderr is discarded (still counted against the output limits).
   */
  public PreparedRun prepareCase(Policy policy, String moduleName, byte[] stdin, OutputStream stdout)
      throws HostMountException, IOException {
    return prepare(policy, moduleName, checkNotNull(stdin), checkNotNull(stdout));
  }

  private PreparedRun prepare(
      Policy policy, String moduleName, byte @Nullable [] stdinOverride, @Nullable OutputStream stdoutOverride)
      throws HostMountException, IOException {
    Limits limits = policy.limits();
    Clocks clocks = new Clocks(policy.clocks());
    List<Closeable> streams = new ArrayList<>();
    // Writable layers stamp file times from a clock of their own, built from the same policy, so
    // that creating files never moves the guest's own clock readings.
    Mounts mounts = new Mounts(policy.mounts(), new Clocks(policy.clocks()).realtime());
    try {
      WasiConfig.Builder b = WasiConfig.builder();
      List<String> argv = new ArrayList<>();
      argv.add(policy.argv0().orElse(moduleName));
      argv.addAll(policy.args());
      b.args(argv);
      for (Map.Entry<String, String> e : policy.env().grantedFrom(host.env()).entrySet()) {
        b.env(e.getKey(), e.getValue());
      }
      StdioPolicy stdio = policy.stdio();
      if (stdinOverride != null) {
        b.stdin(GuestInput.of(stdinOverride), false);
      } else {
        switch (stdio.stdin()) {
          case NONE -> b.stdin(GuestInput.empty(), false);
          case INHERIT -> b.stdin(GuestInput.of(host.in()), host.terminal());
          case FILE -> {
            InputStream in = Files.newInputStream(stdio.stdinFile().orElseThrow());
            streams.add(in);
            b.stdin(GuestInput.of(in), false);
          }
        }
      }
      ByteArrayOutputStream capturedOut = null;
      if (stdoutOverride != null) {
        b.stdout(stdoutOverride, policy.stdoutLimit(), false);
      } else {
        capturedOut = stdio.stdout().mode() == OutputMode.CAPTURE ? new ByteArrayOutputStream() : null;
        b.stdout(sink(stdio.stdout(), host.out(), capturedOut, streams), policy.stdoutLimit(), host.terminal() && stdio.stdout().mode() == OutputMode.INHERIT);
      }
      ByteArrayOutputStream capturedErr =
          stdoutOverride == null && stdio.stderr().mode() == OutputMode.CAPTURE ? new ByteArrayOutputStream() : null;
      OutputStream errSink = stdoutOverride != null ? OutputStream.nullOutputStream() : sink(stdio.stderr(), host.err(), capturedErr, streams);
      b.stderr(errSink, policy.stderrLimit(), stdoutOverride == null && host.terminal() && stdio.stderr().mode() == OutputMode.INHERIT);
      b.outputLimit(limits.output());
      for (Mount m : mounts.all()) {
        b.preopen(m.spec().guest(), m.root());
      }
      b.realtime(clocks.realtime()).monotonic(clocks.monotonic()).cpuTime(clocks.cpuTime());
      b.random(policy.random().seed().isPresent() ? RandomSource.seeded(policy.random().seed().getAsLong()) : RandomSource.secure());
      b.pathLimits(new PathLimits(limits.pathLength(), limits.nameLength()));
      b.maxOpenFiles(limits.openFiles());
      // Random fd numbers replay with a seeded [random]; with real randomness they differ per run.
      b.fdNumbering(limits.fdNumbering(), policy.random().seed().orElseGet(() -> new SecureRandom().nextLong()));
      return new PreparedRun(b.build(), runLimits(limits), mounts, policy.exports(), streams, capturedOut, capturedErr);
    } catch (IOException | RuntimeException e) {
      mounts.close();
      for (Closeable c : streams) {
        c.close();
      }
      throw e;
    }
  }

  /** The execution limits a policy's {@code [limits]} section sets. */
  public static RunLimits runLimits(Limits limits) {
    return new RunLimits(limits.memory(), limits.wallTime(), limits.cpuTime(), STACK_BYTES);
  }

  private static OutputStream sink(
      OutputSpec spec, OutputStream inherited, @Nullable ByteArrayOutputStream captured, List<Closeable> streams)
      throws IOException {
    return switch (spec.mode()) {
      case INHERIT -> inherited;
      case CAPTURE -> checkNotNull(captured);
      case DISCARD -> OutputStream.nullOutputStream();
      case FILE -> {
        OutputStream out =
            new BufferedOutputStream(
                Files.newOutputStream(
                    spec.file().orElseThrow(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE));
        streams.add(out);
        yield out;
      }
    };
  }
}
