package dev.wasibox.host;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.wasibox.capabilities.FdNumbering;
import dev.wasibox.capabilities.FdTable;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.host.env.RandomSource;
import dev.wasibox.host.fd.Descriptor;
import dev.wasibox.host.fd.DirectoryDescriptor;
import dev.wasibox.host.fd.Fds;
import dev.wasibox.host.fd.StreamDescriptor;
import dev.wasibox.host.io.GuestInput;
import dev.wasibox.host.io.GuestOutput;
import dev.wasibox.host.io.OutputBudget;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.GuestPath;
import dev.wasibox.vfs.PathLimits;
import dev.wasibox.vfs.PathResolver;
import dev.wasibox.vfs.Vfs;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything one guest run is given: argv, environment, stdio, preopened directories, clocks,
 * randomness and descriptor limits. Nothing is granted unless set here: by default there is no
 * environment, no directory, empty stdin, and stdout/stderr are discarded.
 *
 * <p>A config describes one run: its streams, clocks and volumes carry state, so build a new one
 * per run (the CLI and the judge build them from a policy).
 */
public final class WasiConfig {
  private final ImmutableList<String> args;
  private final ImmutableList<String> env;
  private final GuestInput stdin;
  private final GuestOutput stdout;
  private final GuestOutput stderr;
  private final boolean stdinTerminal;
  private final boolean stdoutTerminal;
  private final boolean stderrTerminal;
  private final OutputBudget budget;
  private final ImmutableMap<String, DirectoryNode> preopens;
  private final GuestClock realtime;
  private final GuestClock monotonic;
  private final @Nullable GuestClock cpuTime;
  private final RandomSource random;
  private final PathLimits pathLimits;
  private final int maxOpenFiles;
  private final FdNumbering numbering;
  private final long numberingSeed;
  private final @Nullable SyscallTracer tracer;
  private final boolean failOnHostBug;

  private WasiConfig(Builder b) {
    this.args = ImmutableList.copyOf(b.args);
    this.env = ImmutableList.copyOf(b.env);
    this.budget = b.budget;
    this.stdin = b.stdin;
    this.stdout = new GuestOutput("stdout", b.stdoutSink, b.stdoutLimit, budget);
    this.stderr = new GuestOutput("stderr", b.stderrSink, b.stderrLimit, budget);
    this.stderr.orderAfter(stdout);
    this.stdinTerminal = b.stdinTerminal;
    this.stdoutTerminal = b.stdoutTerminal;
    this.stderrTerminal = b.stderrTerminal;
    this.preopens = ImmutableMap.copyOf(b.preopens);
    this.realtime = b.realtime;
    this.monotonic = b.monotonic;
    this.cpuTime = b.cpuTime;
    this.random = b.random;
    this.pathLimits = b.pathLimits;
    this.maxOpenFiles = b.maxOpenFiles;
    this.numbering = b.numbering;
    this.numberingSeed = b.numberingSeed;
    this.tracer = b.tracer;
    this.failOnHostBug = b.failOnHostBug;
  }

  public static Builder builder() {
    return new Builder();
  }

  public ImmutableList<String> args() {
    return args;
  }

  public ImmutableList<String> env() {
    return env;
  }

  public ImmutableMap<String, DirectoryNode> preopens() {
    return preopens;
  }

  public GuestOutput stdout() {
    return stdout;
  }

  public GuestOutput stderr() {
    return stderr;
  }

  public OutputBudget outputBudget() {
    return budget;
  }

  public boolean failOnHostBug() {
    return failOnHostBug;
  }

  /**
   * Builds the run's context: stdio at fds 0-2, then one descriptor per preopen in the order they
   * were added (fds 3, 4, ...), all in a fresh fd table.
   */
  public WasiContext newContext() {
    FdTable<Descriptor> table = new FdTable<>(maxOpenFiles, numbering, numberingSeed);
    table.put(0, StreamDescriptor.input(stdin, stdinTerminal));
    table.put(1, StreamDescriptor.output(stdout, stdoutTerminal));
    table.put(2, StreamDescriptor.output(stderr, stderrTerminal));
    int fd = 3;
    for (Map.Entry<String, DirectoryNode> p : preopens.entrySet()) {
      table.put(fd++, new DirectoryDescriptor(p.getValue(), p.getKey(), Rights.DIRECTORY, Rights.ALL));
    }
    Vfs vfs = new Vfs(new PathResolver(pathLimits));
    return new WasiContext(
        new Fds(table),
        vfs,
        encodeAll(args),
        encodeAll(env),
        realtime,
        monotonic,
        cpuTime,
        random,
        tracer,
        () -> {
          stdout.flush();
          stderr.flush();
        });
  }

  private static List<byte[]> encodeAll(List<String> strings) {
    List<byte[]> out = new ArrayList<>(strings.size());
    for (String s : strings) {
      out.add(GuestPath.encodeUtf8(s));
    }
    return out;
  }

  /** Builds a {@link WasiConfig}; every setter validates its argument. */
  public static final class Builder {
    private final List<String> args = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private GuestInput stdin = GuestInput.empty();
    private OutputStream stdoutSink = OutputStream.nullOutputStream();
    private OutputStream stderrSink = OutputStream.nullOutputStream();
    private long stdoutLimit = Long.MAX_VALUE;
    private long stderrLimit = Long.MAX_VALUE;
    private boolean stdinTerminal;
    private boolean stdoutTerminal;
    private boolean stderrTerminal;
    private OutputBudget budget = OutputBudget.unlimited();
    private final Map<String, DirectoryNode> preopens = new LinkedHashMap<>();
    private GuestClock realtime = GuestClock.realtime();
    private GuestClock monotonic = GuestClock.monotonic();
    private @Nullable GuestClock cpuTime = GuestClock.threadCpu();
    private RandomSource random = RandomSource.secure();
    private PathLimits pathLimits = PathLimits.DEFAULT;
    private int maxOpenFiles = 1024;
    private FdNumbering numbering = FdNumbering.LOWEST_FREE;
    private long numberingSeed;
    private @Nullable SyscallTracer tracer;
    private boolean failOnHostBug;

    private Builder() {}

    /** argv, including argv[0]. No element may contain NUL. */
    public Builder args(List<String> argv) {
      for (String a : argv) {
        checkArgument(a.indexOf('\0') < 0, "argument contains NUL");
      }
      args.clear();
      args.addAll(argv);
      return this;
    }

    /** Adds {@code NAME=VALUE} to the environment (in call order). */
    public Builder env(String name, String value) {
      checkArgument(!name.isEmpty() && name.indexOf('=') < 0, "bad environment name: %s", name);
      checkArgument(name.indexOf('\0') < 0 && value.indexOf('\0') < 0, "NUL in environment");
      env.add(name + "=" + value);
      return this;
    }

    public Builder stdin(GuestInput input, boolean terminal) {
      this.stdin = checkNotNull(input);
      this.stdinTerminal = terminal;
      return this;
    }

    /** Where stdout goes, and the most bytes it may take. */
    public Builder stdout(OutputStream sink, long limit, boolean terminal) {
      this.stdoutSink = checkNotNull(sink);
      this.stdoutLimit = limit;
      this.stdoutTerminal = terminal;
      return this;
    }

    /** Where stderr goes, and the most bytes it may take. */
    public Builder stderr(OutputStream sink, long limit, boolean terminal) {
      this.stderrSink = checkNotNull(sink);
      this.stderrLimit = limit;
      this.stderrTerminal = terminal;
      return this;
    }

    /** The most bytes stdout and stderr may take together. */
    public Builder outputLimit(long bytes) {
      this.budget = new OutputBudget(bytes);
      return this;
    }

    /**
     * Grants {@code directory} to the guest as a preopen named {@code guestPath} (an absolute
     * path such as {@code /data} or {@code /}). Preopens get fds 3, 4, ... in call order.
     */
    public Builder preopen(String guestPath, DirectoryNode directory) {
      checkArgument(guestPath.startsWith("/"), "guest path must be absolute: %s", guestPath);
      checkArgument(guestPath.indexOf('\0') < 0, "guest path contains NUL");
      checkArgument(!preopens.containsKey(guestPath), "two preopens at %s", guestPath);
      preopens.put(guestPath, checkNotNull(directory));
      return this;
    }

    public Builder realtime(GuestClock clock) {
      this.realtime = checkNotNull(clock);
      return this;
    }

    public Builder monotonic(GuestClock clock) {
      this.monotonic = checkNotNull(clock);
      return this;
    }

    /** The process and thread CPU-time clocks; null withholds them ({@code EINVAL}). */
    public Builder cpuTime(@Nullable GuestClock clock) {
      this.cpuTime = clock;
      return this;
    }

    public Builder random(RandomSource source) {
      this.random = checkNotNull(source);
      return this;
    }

    public Builder pathLimits(PathLimits limits) {
      this.pathLimits = checkNotNull(limits);
      return this;
    }

    /** The most descriptors open at once, stdio and preopens included ({@code EMFILE} beyond). */
    public Builder maxOpenFiles(int max) {
      checkArgument(max >= 3 + preopens.size(), "maxOpenFiles too small for stdio and preopens");
      this.maxOpenFiles = max;
      return this;
    }

    public Builder fdNumbering(FdNumbering numbering, long seed) {
      this.numbering = checkNotNull(numbering);
      this.numberingSeed = seed;
      return this;
    }

    public Builder tracer(@Nullable SyscallTracer tracer) {
      this.tracer = tracer;
      return this;
    }

    /** Rethrow host bugs instead of returning {@code EIO} (for tests). */
    public Builder failOnHostBug(boolean fail) {
      this.failOnHostBug = fail;
      return this;
    }

    public WasiConfig build() {
      checkArgument(maxOpenFiles >= 3 + preopens.size(), "maxOpenFiles too small for stdio and preopens");
      return new WasiConfig(this);
    }
  }
}
