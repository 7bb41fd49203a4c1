package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Everything one guest is given: arguments, environment, stdio, clocks, randomness, mounts,
 * exports and limits. Nothing is granted that the policy does not name.
 *
 * <p>Read from TOML by {@link PolicyReader} or built in Java; CLI flags override a file through
 * {@link #toBuilder()} ({@link Builder#putEnv}, {@link Builder#addMount}, {@link
 * Builder#editLimits}...). The defaults, section by section:
 *
 * <table>
 *   <caption>Policy keys and defaults</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code argv0}</td><td>unset: the runtime uses the module's file name</td></tr>
 *   <tr><td>{@code args}</td><td>none</td></tr>
 *   <tr><td>{@code env.vars}, {@code env.inherit}</td><td>none: an empty environment</td></tr>
 *   <tr><td>{@code stdio.stdin}</td><td>{@code "none"}: empty</td></tr>
 *   <tr><td>{@code stdio.stdout}, {@code stdio.stderr}</td><td>{@code "inherit"}</td></tr>
 *   <tr><td>{@code stdio.stdout-limit}, {@code stdio.stderr-limit}</td>
 *       <td>unset: only {@code limits.output} applies</td></tr>
 *   <tr><td>{@code clocks.realtime}, {@code clocks.monotonic}, {@code clocks.cpu-time}</td>
 *       <td>{@code "real"}</td></tr>
 *   <tr><td>{@code clocks.*-start}, {@code clocks.*-step}</td><td>0, 1ms</td></tr>
 *   <tr><td>{@code clocks.resolution}</td><td>unset: each clock's own</td></tr>
 *   <tr><td>{@code random.source}</td><td>{@code "real"}</td></tr>
 *   <tr><td>{@code mount}</td><td>none: the guest sees no filesystem</td></tr>
 *   <tr><td>{@code mount.quota-bytes}, {@code mount.quota-inodes}</td><td>64MiB, 65536</td></tr>
 *   <tr><td>{@code export}</td><td>none</td></tr>
 *   <tr><td>{@code export.max-bytes}, {@code export.symlinks}</td>
 *       <td>64MiB, {@code "refuse"}</td></tr>
 *   <tr><td>{@code limits.*}</td><td>see {@link Limits}: 256MiB memory, 10s wall and CPU time,
 *       32MiB output, 1024 files, 4096/255 path/name bytes</td></tr>
 * </table>
 *
 * <p>Across sections, {@link Builder#build} checks that no two mounts share a guest path, no two
 * exports share a guest or host directory, every export lies in a mount, and {@code
 * limits.open-files} leaves room for stdio and every mount.
 */
@Immutable
public final class Policy {
  private static final Policy DEFAULT = builder().build();

  private final @Nullable String argv0;
  private final ImmutableList<String> args;
  private final EnvPolicy env;
  private final StdioPolicy stdio;
  private final ClockPolicy clocks;
  private final RandomPolicy random;
  private final ImmutableList<MountSpec> mounts;
  private final ImmutableList<ExportSpec> exports;
  private final Limits limits;

  private Policy(Builder b) {
    this.argv0 = b.argv0;
    this.args = ImmutableList.copyOf(b.args);
    this.env = b.env;
    this.stdio = b.stdio;
    this.clocks = b.clocks;
    this.random = b.random;
    this.mounts = ImmutableList.copyOf(b.mounts);
    this.exports = ImmutableList.copyOf(b.exports);
    this.limits = b.limits;
  }

  /** The policy of an empty file: every default. */
  public static Policy defaults() {
    return DEFAULT;
  }

  /** A builder holding the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy, to override parts of it. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.argv0 = argv0;
    b.args.addAll(args);
    b.env = env;
    b.stdio = stdio;
    b.clocks = clocks;
    b.random = random;
    b.mounts.addAll(mounts);
    b.exports.addAll(exports);
    b.limits = limits;
    return b;
  }

  /** {@code argv0}, if the policy sets it. */
  public Optional<String> argv0() {
    return Optional.ofNullable(argv0);
  }

  /** {@code args}: the guest's arguments after argv0. */
  public ImmutableList<String> args() {
    return args;
  }

  /** {@code [env]}. */
  public EnvPolicy env() {
    return env;
  }

  /** {@code [stdio]}. */
  public StdioPolicy stdio() {
    return stdio;
  }

  /** {@code [clocks]}. */
  public ClockPolicy clocks() {
    return clocks;
  }

  /** {@code [random]}. */
  public RandomPolicy random() {
    return random;
  }

  /** {@code [[mount]]}, in the order given. */
  public ImmutableList<MountSpec> mounts() {
    return mounts;
  }

  /** {@code [[export]]}, in the order given. */
  public ImmutableList<ExportSpec> exports() {
    return exports;
  }

  /** {@code [limits]}. */
  public Limits limits() {
    return limits;
  }

  /** The bytes stdout may take: its own limit if set, and never more than {@code limits.output}. */
  public long stdoutLimit() {
    return Math.min(stdio.stdout().limit().orElse(Long.MAX_VALUE), limits.output());
  }

  /** The bytes stderr may take: its own limit if set, and never more than {@code limits.output}. */
  public long stderrLimit() {
    return Math.min(stdio.stderr().limit().orElse(Long.MAX_VALUE), limits.output());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Policy)) {
      return false;
    }
    Policy that = (Policy) o;
    return Objects.equals(argv0, that.argv0)
        && args.equals(that.args)
        && env.equals(that.env)
        && stdio.equals(that.stdio)
        && clocks.equals(that.clocks)
        && random.equals(that.random)
        && mounts.equals(that.mounts)
        && exports.equals(that.exports)
        && limits.equals(that.limits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(argv0, args, env, stdio, clocks, random, mounts, exports, limits);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper(this)
        .omitNullValues()
        .add("argv0", argv0)
        .add("args", args)
        .add("env", env)
        .add("stdio", stdio)
        .add("clocks", clocks)
        .add("random", random)
        .add("mounts", mounts)
        .add("exports", exports)
        .add("limits", limits)
        .toString();
  }

  /**
   * Builds a {@link Policy} from built sections; {@link #build} checks the rules that span
   * sections. The {@code edit*} methods rebuild one section at once and so throw its {@link
   * PolicyKeyException} immediately.
   */
  public static final class Builder {
    private @Nullable String argv0;
    private final List<String> args = new ArrayList<>();
    private EnvPolicy env = EnvPolicy.empty();
    private StdioPolicy stdio = StdioPolicy.defaults();
    private ClockPolicy clocks = ClockPolicy.defaults();
    private RandomPolicy random = RandomPolicy.real();
    private final List<MountSpec> mounts = new ArrayList<>();
    private final List<ExportSpec> exports = new ArrayList<>();
    private Limits limits = Limits.defaults();

    private Builder() {}

    /** Sets {@code argv0}; null to let the runtime use the module's file name. */
    @CanIgnoreReturnValue
    public Builder argv0(@Nullable String argv0) {
      this.argv0 = argv0;
      return this;
    }

    /** Replaces {@code args} (CLI arguments after {@code --}). */
    @CanIgnoreReturnValue
    public Builder args(List<String> args) {
      this.args.clear();
      args.forEach(a -> this.args.add(checkNotNull(a)));
      return this;
    }

    /** Replaces {@code [env]}. */
    @CanIgnoreReturnValue
    public Builder env(EnvPolicy env) {
      this.env = checkNotNull(env);
      return this;
    }

    /** Rebuilds {@code [env]} after {@code edit} changed it. */
    @CanIgnoreReturnValue
    public Builder editEnv(Consumer<EnvPolicy.Builder> edit) {
      EnvPolicy.Builder b = env.toBuilder();
      edit.accept(b);
      return env(b.build());
    }

    /** Sets one variable, replacing a value or pass-through of that name (CLI {@code --env}). */
    @CanIgnoreReturnValue
    public Builder putEnv(String name, String value) {
      return editEnv(e -> e.put(name, value));
    }

    /** Replaces {@code [stdio]}. */
    @CanIgnoreReturnValue
    public Builder stdio(StdioPolicy stdio) {
      this.stdio = checkNotNull(stdio);
      return this;
    }

    /** Rebuilds {@code [stdio]} after {@code edit} changed it. */
    @CanIgnoreReturnValue
    public Builder editStdio(Consumer<StdioPolicy.Builder> edit) {
      StdioPolicy.Builder b = stdio.toBuilder();
      edit.accept(b);
      return stdio(b.build());
    }

    /** Reads stdin from host file {@code file} (CLI {@code --stdin}). */
    @CanIgnoreReturnValue
    public Builder stdinFile(Path file) {
      return editStdio(s -> s.stdin(StdinMode.FILE).stdinFile(file));
    }

    /** Replaces {@code [clocks]}. */
    @CanIgnoreReturnValue
    public Builder clocks(ClockPolicy clocks) {
      this.clocks = checkNotNull(clocks);
      return this;
    }

    /** Rebuilds {@code [clocks]} after {@code edit} changed it. */
    @CanIgnoreReturnValue
    public Builder editClocks(Consumer<ClockPolicy.Builder> edit) {
      ClockPolicy.Builder b = clocks.toBuilder();
      edit.accept(b);
      return clocks(b.build());
    }

    /** Replaces {@code [random]}. */
    @CanIgnoreReturnValue
    public Builder random(RandomPolicy random) {
      this.random = checkNotNull(random);
      return this;
    }

    /** Replaces every mount. */
    @CanIgnoreReturnValue
    public Builder mounts(List<MountSpec> mounts) {
      this.mounts.clear();
      mounts.forEach(this::addMount);
      return this;
    }

    /** Adds a mount (one at a guest path already mounted fails in {@link #build}). */
    @CanIgnoreReturnValue
    public Builder addMount(MountSpec mount) {
      mounts.add(checkNotNull(mount));
      return this;
    }

    /** Adds a mount, or replaces the one at the same guest path where it was. */
    @CanIgnoreReturnValue
    public Builder putMount(MountSpec mount) {
      for (int i = 0; i < mounts.size(); i++) {
        if (mounts.get(i).guest().equals(mount.guest())) {
          mounts.set(i, mount);
          return this;
        }
      }
      return addMount(mount);
    }

    /** Replaces every export. */
    @CanIgnoreReturnValue
    public Builder exports(List<ExportSpec> exports) {
      this.exports.clear();
      exports.forEach(this::addExport);
      return this;
    }

    /** Adds an export. */
    @CanIgnoreReturnValue
    public Builder addExport(ExportSpec export) {
      exports.add(checkNotNull(export));
      return this;
    }

    /** Replaces {@code [limits]}. */
    @CanIgnoreReturnValue
    public Builder limits(Limits limits) {
      this.limits = checkNotNull(limits);
      return this;
    }

    /** Rebuilds {@code [limits]} after {@code edit} changed it (CLI {@code --memory}...). */
    @CanIgnoreReturnValue
    public Builder editLimits(Consumer<Limits.Builder> edit) {
      Limits.Builder b = limits.toBuilder();
      edit.accept(b);
      return limits(b.build());
    }

    /**
     * The policy.
     *
     * @throws PolicyKeyException for an empty or NUL-holding argv0 or argument, two mounts at one
     *     guest path, two exports of one guest or to one host directory, an export outside every
     *     mount, or too few open files for stdio and the mounts
     */
    public Policy build() {
      if (argv0 != null && (argv0.isEmpty() || argv0.indexOf('\0') >= 0)) {
        throw new PolicyKeyException(KeyPath.of("argv0"), "must be non-empty and hold no NUL");
      }
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i).indexOf('\0') >= 0) {
          throw new PolicyKeyException(KeyPath.of("args").index(i), "contains a NUL byte");
        }
      }
      PolicyChecks.distinctMounts(mounts);
      PolicyChecks.exports(exports, mounts);
      PolicyChecks.openFiles(limits, mounts.size());
      return new Policy(this);
    }
  }
}
