package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.MoreObjects;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The standard streams of a guest ({@code [stdio]}): stdin empty by default, stdout and stderr
 * inherited from the host process by default, each output with an optional byte limit.
 *
 * <p>A {@code *-file} key is required exactly when its stream's mode is {@code file}. Host files
 * are stored as absolute paths. The stdin file must exist and not be a directory when the policy
 * is built; output files are created by the runtime. Two streams may not name the same file.
 */
@Immutable
public final class StdioPolicy {
  private static final StdioPolicy DEFAULT = builder().build();

  private final StdinMode stdin;

  @SuppressWarnings("Immutable") // java.nio.file.Path is immutable
  private final @Nullable Path stdinFile;

  private final OutputSpec stdout;
  private final OutputSpec stderr;

  private StdioPolicy(
      StdinMode stdin, @Nullable Path stdinFile, OutputSpec stdout, OutputSpec stderr) {
    this.stdin = stdin;
    this.stdinFile = stdinFile;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Empty stdin, inherited stdout and stderr, no per-stream limits. */
  public static StdioPolicy defaults() {
    return DEFAULT;
  }

  /** A builder holding the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.stdin = stdin;
    b.stdinFile = stdinFile;
    b.stdout = stdout.mode();
    b.stdoutFile = stdout.file().orElse(null);
    b.stdoutLimit = stdout.limit().isPresent() ? stdout.limit().getAsLong() : null;
    b.stderr = stderr.mode();
    b.stderrFile = stderr.file().orElse(null);
    b.stderrLimit = stderr.limit().isPresent() ? stderr.limit().getAsLong() : null;
    return b;
  }

  /** {@code stdio.stdin}. */
  public StdinMode stdin() {
    return stdin;
  }

  /** {@code stdio.stdin-file} as an absolute path, present exactly when stdin is a file. */
  public Optional<Path> stdinFile() {
    return Optional.ofNullable(stdinFile);
  }

  /** {@code stdio.stdout}, {@code stdout-file} and {@code stdout-limit}. */
  public OutputSpec stdout() {
    return stdout;
  }

  /** {@code stdio.stderr}, {@code stderr-file} and {@code stderr-limit}. */
  public OutputSpec stderr() {
    return stderr;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StdioPolicy)) {
      return false;
    }
    StdioPolicy that = (StdioPolicy) o;
    return stdin == that.stdin
        && Objects.equals(stdinFile, that.stdinFile)
        && stdout.equals(that.stdout)
        && stderr.equals(that.stderr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stdin, stdinFile, stdout, stderr);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper(this)
        .omitNullValues()
        .add("stdin", stdin.keyword())
        .add("stdinFile", stdinFile)
        .add("stdout", stdout)
        .add("stderr", stderr)
        .toString();
  }

  /** Builds a {@link StdioPolicy}; {@link #build} checks that modes and files agree. */
  public static final class Builder {
    private StdinMode stdin = StdinMode.NONE;
    private @Nullable Path stdinFile;
    private OutputMode stdout = OutputMode.INHERIT;
    private @Nullable Path stdoutFile;
    private @Nullable Long stdoutLimit;
    private OutputMode stderr = OutputMode.INHERIT;
    private @Nullable Path stderrFile;
    private @Nullable Long stderrLimit;

    private Builder() {}

    /** Sets {@code stdin}. */
    @CanIgnoreReturnValue
    public Builder stdin(StdinMode mode) {
      this.stdin = checkNotNull(mode);
      return this;
    }

    /** Sets {@code stdin-file} (relative paths are taken from the working directory). */
    @CanIgnoreReturnValue
    public Builder stdinFile(@Nullable Path file) {
      this.stdinFile = file;
      return this;
    }

    /** Sets {@code stdout}. */
    @CanIgnoreReturnValue
    public Builder stdout(OutputMode mode) {
      this.stdout = checkNotNull(mode);
      return this;
    }

    /** Sets {@code stdout-file}. */
    @CanIgnoreReturnValue
    public Builder stdoutFile(@Nullable Path file) {
      this.stdoutFile = file;
      return this;
    }

    /** Sets {@code stdout-limit} in bytes; null for none. */
    @CanIgnoreReturnValue
    public Builder stdoutLimit(@Nullable Long bytes) {
      this.stdoutLimit = bytes;
      return this;
    }

    /** Sets {@code stderr}. */
    @CanIgnoreReturnValue
    public Builder stderr(OutputMode mode) {
      this.stderr = checkNotNull(mode);
      return this;
    }

    /** Sets {@code stderr-file}. */
    @CanIgnoreReturnValue
    public Builder stderrFile(@Nullable Path file) {
      this.stderrFile = file;
      return this;
    }

    /** Sets {@code stderr-limit} in bytes; null for none. */
    @CanIgnoreReturnValue
    public Builder stderrLimit(@Nullable Long bytes) {
      this.stderrLimit = bytes;
      return this;
    }

    /**
     * The policy.
     *
     * @throws PolicyKeyException if a {@code *-file} is missing or given without mode {@code
     *     file}, the stdin file does not exist or is a directory, a limit is negative, or two
     *     streams name one file
     */
    public StdioPolicy build() {
      Path in = file("stdin", stdin == StdinMode.FILE, stdin.keyword(), stdinFile);
      if (in != null && !Files.exists(in)) {
        throw new PolicyKeyException(key("stdin-file"), "file does not exist: " + in);
      }
      if (in != null && Files.isDirectory(in)) {
        throw new PolicyKeyException(key("stdin-file"), "is a directory: " + in);
      }
      Path out = file("stdout", stdout == OutputMode.FILE, stdout.keyword(), stdoutFile);
      Path err = file("stderr", stderr == OutputMode.FILE, stderr.keyword(), stderrFile);
      checkLimit("stdout", stdoutLimit);
      checkLimit("stderr", stderrLimit);
      distinct("stdout", out, "stdin", in);
      distinct("stderr", err, "stdin", in);
      distinct("stderr", err, "stdout", out);
      return new StdioPolicy(
          stdin, in, new OutputSpec(stdout, out, stdoutLimit), new OutputSpec(stderr, err, stderrLimit));
    }

    private static @Nullable Path file(
        String stream, boolean isFile, String mode, @Nullable Path file) {
      if (isFile && file == null) {
        throw new PolicyKeyException(
            key(stream + "-file"), "required when " + stream + " = \"file\"");
      }
      if (!isFile && file != null) {
        throw new PolicyKeyException(
            key(stream + "-file"),
            "only allowed when " + stream + " = \"file\" (" + stream + " is \"" + mode + "\")");
      }
      return file == null ? null : HostPaths.absolute(file);
    }

    private static void checkLimit(String stream, @Nullable Long limit) {
      if (limit != null && limit < 0) {
        throw new PolicyKeyException(key(stream + "-limit"), "must not be negative: " + limit);
      }
    }

    private static void distinct(
        String stream, @Nullable Path file, String other, @Nullable Path otherFile) {
      if (file != null && file.equals(otherFile)) {
        throw new PolicyKeyException(
            key(stream + "-file"), "same file as " + other + "-file: " + file);
      }
    }

    private static KeyPath key(String name) {
      return KeyPath.of("stdio", name);
    }
  }
}
