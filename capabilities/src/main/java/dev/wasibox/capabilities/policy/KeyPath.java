package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.Immutable;
import java.util.regex.Pattern;

/**
 * The name of one value in a policy, as its TOML key path: {@code stdio.stdout-limit}, {@code
 * mount[0].source}, {@code env.vars."A.B"}. Array indexes count from 0.
 */
@Immutable
public final class KeyPath {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
  private static final KeyPath ROOT = new KeyPath(ImmutableList.of());

  /** Each segment is a {@link String} (a key) or an {@link Integer} (an array index). */
  @SuppressWarnings("Immutable") // holds only String and Integer
  private final ImmutableList<Object> segments;

  private KeyPath(ImmutableList<Object> segments) {
    this.segments = segments;
  }

  /** The empty path, naming the whole file. */
  public static KeyPath root() {
    return ROOT;
  }

  /** A path of plain keys, e.g. {@code of("stdio", "stdin-file")}. */
  public static KeyPath of(String... keys) {
    KeyPath path = ROOT;
    for (String key : keys) {
      path = path.key(key);
    }
    return path;
  }

  /** This path followed by {@code key}. */
  public KeyPath key(String key) {
    checkNotNull(key);
    return new KeyPath(ImmutableList.builder().addAll(segments).add(key).build());
  }

  /** This path followed by the array index {@code index}. */
  public KeyPath index(int index) {
    checkArgument(index >= 0, "negative index %s", index);
    return new KeyPath(ImmutableList.builder().addAll(segments).add(index).build());
  }

  /** This path followed by every segment of {@code rest}. */
  public KeyPath append(KeyPath rest) {
    return new KeyPath(ImmutableList.builder().addAll(segments).addAll(rest.segments).build());
  }

  /**
   * If this path starts with {@code prefix}, the same path with {@code prefix} replaced by {@code
   * replacement}; otherwise this path.
   */
  public KeyPath rebase(KeyPath prefix, KeyPath replacement) {
    if (!startsWith(prefix)) {
      return this;
    }
    return replacement.append(
        new KeyPath(segments.subList(prefix.segments.size(), segments.size())));
  }

  /** Whether the first segments of this path are those of {@code prefix}. */
  public boolean startsWith(KeyPath prefix) {
    return segments.size() >= prefix.segments.size()
        && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
  }

  /** The segments: {@link String} keys and {@link Integer} indexes. */
  public ImmutableList<Object> segments() {
    return segments;
  }

  /** Whether this is the {@link #root()} path. */
  public boolean isRoot() {
    return segments.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPath && ((KeyPath) o).segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  /** The TOML spelling; keys that are not bare are quoted. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer) {
        out.append('[').append(segment).append(']');
        continue;
      }
      String key = (String) segment;
      if (out.length() > 0) {
        out.append('.');
      }
      if (BARE_KEY.matcher(key).matches()) {
        out.append(key);
      } else {
        out.append('"');
        for (char c : key.toCharArray()) {
          if (c == '"' || c == '\\') {
            out.append('\\').append(c);
          } else if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
        out.append('"');
      }
    }
    return out.toString();
  }
}
