package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A policy file that cannot be used, with a one-line message {@code FILE:LINE: key 'KEY':
 * PROBLEM} (without {@code LINE} when the file could not be read, without the key for a TOML
 * syntax error).
 */
public final class PolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final @Nullable KeyPath key;
  private final String problem;

  /**
   * @param file the file name as given to the reader
   * @param line the 1-based line, or 0 if there is none
   * @param key the key at fault, or null for an error not about one key
   * @param problem what is wrong
   */
  public PolicyException(String file, int line, @Nullable KeyPath key, String problem) {
    this(file, line, key, problem, null);
  }

  PolicyException(
      String file, int line, @Nullable KeyPath key, String problem, @Nullable Throwable cause) {
    super(format(file, line, key, problem), cause);
    checkArgument(line >= 0, "line %s", line);
    this.file = file;
    this.line = line;
    this.key = key;
    this.problem = problem;
  }

  private static String format(String file, int line, @Nullable KeyPath key, String problem) {
    checkNotNull(file);
    checkNotNull(problem);
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ");
    if (key != null) {
      out.append("key '").append(key).append("': ");
    }
    out.append(problem);
    // One line, whatever the problem text holds.
    StringBuilder oneLine = new StringBuilder(out.length());
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (Character.isISOControl(c)) {
        oneLine.append(String.format("\\u%04X", (int) c));
      } else {
        oneLine.append(c);
      }
    }
    return oneLine.toString();
  }

  /** The policy file's name as given to the reader. */
  public String file() {
    return file;
  }

  /** The 1-based line of the fault, or 0 when there is none (an unreadable file). */
  public int line() {
    return line;
  }

  /** The key at fault, if the fault is about one key. */
  public Optional<KeyPath> key() {
    return Optional.ofNullable(key);
  }

  /** What is wrong, without file, line or key. */
  public String problem() {
    return problem;
  }
}
