package dev.wasibox.capabilities.policy;

import com.google.common.base.MoreObjects;
import com.google.errorprone.annotations.Immutable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Where one output stream of a guest goes (stdout or stderr) and how many bytes it may write;
 * built by {@link StdioPolicy.Builder}.
 *
 * <p>The byte limit counts what the guest writes to the descriptor, whatever the mode (a
 * discarded byte counts too); the total of both streams is also capped by {@link
 * Limits#output()}. Going over either ends the run with the output-limit verdict.
 */
@Immutable
public final class OutputSpec {
  private final OutputMode mode;

  @SuppressWarnings("Immutable") // java.nio.file.Path is immutable
  private final @Nullable Path file;

  private final @Nullable Long limit;

  OutputSpec(OutputMode mode, @Nullable Path file, @Nullable Long limit) {
    this.mode = mode;
    this.file = file;
    this.limit = limit;
  }

  /** Where the stream goes. */
  public OutputMode mode() {
    return mode;
  }

  /** The absolute host file, present exactly when {@link #mode()} is {@link OutputMode#FILE}. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The stream's own byte limit, if the policy sets one. */
  public OptionalLong limit() {
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OutputSpec)) {
      return false;
    }
    OutputSpec that = (OutputSpec) o;
    return mode == that.mode && Objects.equals(file, that.file) && Objects.equals(limit, that.limit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, file, limit);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper(this)
        .omitNullValues()
        .add("mode", mode.keyword())
        .add("file", file)
        .add("limit", limit == null ? null : Sizes.format(limit))
        .toString();
  }
}
