package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A policy value that a builder rejected, named by its TOML key path: {@code key
 * 'limits.memory': must be at least 64KiB}.
 *
 * <p>Builders throw it for Java callers; {@link PolicyReader} turns it into a {@link
 * PolicyException} carrying the file and line of that key.
 */
public final class PolicyKeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final KeyPath key;
  private final String problem;

  /** A rejection of the value at {@code key}, with {@code problem} saying what is wrong. */
  public PolicyKeyException(KeyPath key, String problem) {
    super("key '" + key + "': " + problem);
    this.key = checkNotNull(key);
    this.problem = checkNotNull(problem);
  }

  /** The key whose value is wrong (or which is missing). */
  public KeyPath key() {
    return key;
  }

  /** What is wrong, without the key. */
  public String problem() {
    return problem;
  }
}
