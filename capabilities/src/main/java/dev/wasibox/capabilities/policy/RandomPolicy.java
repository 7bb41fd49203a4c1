package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.MoreObjects;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The randomness of a guest ({@code [random]}): the host's strong generator (the default), or a
 * generator seeded with {@code seed} so that every run draws the same bytes.
 *
 * <p>{@code seed} (any TOML integer) is required exactly when {@code source = "seeded"}.
 */
@Immutable
public final class RandomPolicy {
  private static final RandomPolicy REAL = new RandomPolicy(RandomSource.REAL, null);

  private final RandomSource source;
  private final @Nullable Long seed;

  private RandomPolicy(RandomSource source, @Nullable Long seed) {
    this.source = source;
    this.seed = seed;
  }

  /** The host's strong generator: the default. */
  public static RandomPolicy real() {
    return REAL;
  }

  /** A reproducible generator started from {@code seed}. */
  public static RandomPolicy seeded(long seed) {
    return new RandomPolicy(RandomSource.SEEDED, seed);
  }

  /** A builder holding {@link #real()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy. */
  public Builder toBuilder() {
    return new Builder().source(source).seed(seed);
  }

  /** {@code random.source}. */
  public RandomSource source() {
    return source;
  }

  /** {@code random.seed}, present exactly when the source is seeded. */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomPolicy
        && ((RandomPolicy) o).source == source
        && Objects.equals(((RandomPolicy) o).seed, seed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, seed);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper(this)
        .omitNullValues()
        .add("source", source.keyword())
        .add("seed", seed)
        .toString();
  }

  /** Builds a {@link RandomPolicy}; {@link #build} checks that the seed fits the source. */
  public static final class Builder {
    private RandomSource source = RandomSource.REAL;
    private @Nullable Long seed;

    private Builder() {}

    /** Sets {@code source}. */
    @CanIgnoreReturnValue
    public Builder source(RandomSource source) {
      this.source = checkNotNull(source);
      return this;
    }

    /** Sets {@code seed}; null for none. */
    @CanIgnoreReturnValue
    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The policy.
     *
     * @throws PolicyKeyException if a seeded source has no seed, or a real one has a seed
     */
    public RandomPolicy build() {
      KeyPath key = KeyPath.of("random", "seed");
      if (source == RandomSource.SEEDED && seed == null) {
        throw new PolicyKeyException(key, "required when source = \"seeded\"");
      }
      if (source == RandomSource.REAL && seed != null) {
        throw new PolicyKeyException(
            key, "only allowed when source = \"seeded\" (source is \"real\")");
      }
      return seed == null ? REAL : new RandomPolicy(source, seed);
    }
  }
}
