package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.MoreObjects;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import dev.wasibox.capabilities.FdNumbering;
import java.time.Duration;
import java.util.Objects;

/**
 * The resource limits of one run ({@code [limits]}); every one has a finite default, and going
 * over one ends the run with that limit's own verdict (or an errno, for the file-table and path
 * limits).
 *
 * <table>
 *   <caption>Limits, their ranges and defaults</caption>
 *   <tr><th>key</th><th>meaning</th><th>range</th><th>default</th></tr>
 *   <tr><td>{@code memory}</td><td>linear memory, rounded down to whole 64KiB pages</td>
 *       <td>64KiB .. 4GiB</td><td>256MiB</td></tr>
 *   <tr><td>{@code wall-time}</td><td>elapsed time</td><td>&gt; 0</td><td>10s</td></tr>
 *   <tr><td>{@code cpu-time}</td><td>CPU time of the guest's thread</td><td>&gt; 0</td>
 *       <td>10s</td></tr>
 *   <tr><td>{@code output}</td><td>bytes written to stdout and stderr together</td>
 *       <td>&ge; 0</td><td>32MiB</td></tr>
 *   <tr><td>{@code open-files}</td><td>size of the fd table: stdio, preopens and opened files
 *       (one more is EMFILE)</td><td>3 .. 1048576</td><td>1024</td></tr>
 *   <tr><td>{@code path-length}</td><td>bytes of a path or symlink target (ENAMETOOLONG)</td>
 *       <td>1 .. 1048576</td><td>4096</td></tr>
 *   <tr><td>{@code name-length}</td><td>bytes of one path component (ENAMETOOLONG)</td>
 *       <td>1 .. path-length</td><td>255</td></tr>
 *   <tr><td>{@code fd-numbering}</td><td>{@code "lowest"} free number or {@code "random"}
 *       (seeded from {@code [random]})</td><td></td><td>lowest</td></tr>
 * </table>
 */
@Immutable
public final class Limits {
  /** The size of a WebAssembly page. */
  public static final long PAGE_BYTES = 64 * 1024;

  private static final long MAX_MEMORY = 4L << 30;
  private static final int MAX_TABLE = 1 << 20;
  private static final Limits DEFAULT = builder().build();

  private final long memory;

  @SuppressWarnings("Immutable") // java.time.Duration is immutable
  private final Duration wallTime;

  @SuppressWarnings("Immutable") // java.time.Duration is immutable
  private final Duration cpuTime;

  private final long output;
  private final int openFiles;
  private final int pathLength;
  private final int nameLength;
  private final FdNumbering fdNumbering;

  private Limits(Builder b) {
    this.memory = b.memory;
    this.wallTime = b.wallTime;
    this.cpuTime = b.cpuTime;
    this.output = b.output;
    this.openFiles = (int) b.openFiles;
    this.pathLength = (int) b.pathLength;
    this.nameLength = (int) b.nameLength;
    this.fdNumbering = b.fdNumbering;
  }

  /** Every limit at its default. */
  public static Limits defaults() {
    return DEFAULT;
  }

  /** A builder holding the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these limits. */
  public Builder toBuilder() {
    return builder()
        .memory(memory)
        .wallTime(wallTime)
        .cpuTime(cpuTime)
        .output(output)
        .openFiles(openFiles)
        .pathLength(pathLength)
        .nameLength(nameLength)
        .fdNumbering(fdNumbering);
  }

  /** {@code memory} in bytes, as written. */
  public long memory() {
    return memory;
  }

  /** {@code memory} in whole 64KiB pages (rounded down): the cap given to the engine. */
  public int memoryPages() {
    return (int) (memory / PAGE_BYTES);
  }

  /** {@code wall-time}. */
  public Duration wallTime() {
    return wallTime;
  }

  /** {@code cpu-time}. */
  public Duration cpuTime() {
    return cpuTime;
  }

  /** {@code output}: bytes of stdout and stderr together. */
  public long output() {
    return output;
  }

  /** {@code open-files}. */
  public int openFiles() {
    return openFiles;
  }

  /** {@code path-length}. */
  public int pathLength() {
    return pathLength;
  }

  /** {@code name-length}. */
  public int nameLength() {
    return nameLength;
  }

  /** {@code fd-numbering}. */
  public FdNumbering fdNumbering() {
    return fdNumbering;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Limits)) {
      return false;
    }
    Limits that = (Limits) o;
    return memory == that.memory
        && wallTime.equals(that.wallTime)
        && cpuTime.equals(that.cpuTime)
        && output == that.output
        && openFiles == that.openFiles
        && pathLength == that.pathLength
        && nameLength == that.nameLength
        && fdNumbering == that.fdNumbering;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        memory, wallTime, cpuTime, output, openFiles, pathLength, nameLength, fdNumbering);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper(this)
        .add("memory", Sizes.format(memory))
        .add("wallTime", Durations.format(wallTime))
        .add("cpuTime", Durations.format(cpuTime))
        .add("output", Sizes.format(output))
        .add("openFiles", openFiles)
        .add("pathLength", pathLength)
        .add("nameLength", nameLength)
        .add("fdNumbering", fdNumbering == FdNumbering.LOWEST_FREE ? "lowest" : "random")
        .toString();
  }

  /** Builds {@link Limits}; {@link #build} checks every range in the table above. */
  public static final class Builder {
    private long memory = 256L << 20;
    private Duration wallTime = Duration.ofSeconds(10);
    private Duration cpuTime = Duration.ofSeconds(10);
    private long output = 32L << 20;
    private long openFiles = 1024;
    private long pathLength = 4096;
    private long nameLength = 255;
    private FdNumbering fdNumbering = FdNumbering.LOWEST_FREE;

    private Builder() {}

    /** Sets {@code memory} in bytes. */
    @CanIgnoreReturnValue
    public Builder memory(long bytes) {
      this.memory = bytes;
      return this;
    }

    /** Sets {@code wall-time}. */
    @CanIgnoreReturnValue
    public Builder wallTime(Duration wallTime) {
      this.wallTime = checkNotNull(wallTime);
      return this;
    }

    /** Sets {@code cpu-time}. */
    @CanIgnoreReturnValue
    public Builder cpuTime(Duration cpuTime) {
      this.cpuTime = checkNotNull(cpuTime);
      return this;
    }

    /** Sets {@code output} in bytes. */
    @CanIgnoreReturnValue
    public Builder output(long bytes) {
      this.output = bytes;
      return this;
    }

    /** Sets {@code open-files}. */
    @CanIgnoreReturnValue
    public Builder openFiles(long openFiles) {
      this.openFiles = openFiles;
      return this;
    }

    /** Sets {@code path-length} in bytes. */
    @CanIgnoreReturnValue
    public Builder pathLength(long bytes) {
      this.pathLength = bytes;
      return this;
    }

    /** Sets {@code name-length} in bytes. */
    @CanIgnoreReturnValue
    public Builder nameLength(long bytes) {
      this.nameLength = bytes;
      return this;
    }

    /** Sets {@code fd-numbering}. */
    @CanIgnoreReturnValue
    public Builder fdNumbering(FdNumbering fdNumbering) {
      this.fdNumbering = checkNotNull(fdNumbering);
      return this;
    }

    /**
     * The limits.
     *
     * @throws PolicyKeyException naming the first limit outside its range
     */
    public Limits build() {
      range("memory", memory, PAGE_BYTES, MAX_MEMORY, "64KiB (one wasm page)", "4GiB (wasm32)");
      positive("wall-time", wallTime);
      positive("cpu-time", cpuTime);
      range("output", output, 0, Long.MAX_VALUE, "0", "");
      range("open-files", openFiles, 3, MAX_TABLE, "3 (stdin, stdout, stderr)", "" + MAX_TABLE);
      range("path-length", pathLength, 1, MAX_TABLE, "1", "" + MAX_TABLE);
      range("name-length", nameLength, 1, pathLength, "1", "path-length (" + pathLength + ")");
      return new Limits(this);
    }

    private static void range(String key, long value, long min, long max, String lo, String hi) {
      if (value < min) {
        throw new PolicyKeyException(
            KeyPath.of("limits", key), "must be at least " + lo + ", got " + value);
      }
      if (value > max) {
        throw new PolicyKeyException(
            KeyPath.of("limits", key), "must be at most " + hi + ", got " + value);
      }
    }

    private static void positive(String key, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new PolicyKeyException(KeyPath.of("limits", key), "must be positive");
      }
      try {
        d.toNanos();
      } catch (ArithmeticException e) {
        throw new PolicyKeyException(
            KeyPath.of("limits", key), "too large: more than " + Long.MAX_VALUE + "ns");
      }
    }
  }
}
