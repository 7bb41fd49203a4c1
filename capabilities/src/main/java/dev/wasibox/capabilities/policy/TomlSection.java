package dev.wasibox.capabilities.policy;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One table of a policy file with typed, checked access to its keys: every wrong type, bad
 * value or unknown key becomes a {@link PolicyException} at that key's line.
 *
 * <p>Getters return null for an absent key, so that the builders keep their defaults.
 */
final class TomlSection {
  private final PolicySource source;
  private final TomlTable table;
  private final KeyPath path;

  TomlSection(PolicySource source, TomlTable table, KeyPath path) {
    this.source = source;
    this.table = table;
    this.path = path;
  }

  /** Fails on the first key (in file order) that is not one of {@code allowed}. */
  void allowOnly(String... allowed) {
    List<String> known = Arrays.asList(allowed);
    for (String key : table.keySet()) {
      if (!known.contains(key)) {
        throw fail(key, "unknown key (allowed: " + Joiner.on(", ").join(allowed) + ")");
      }
    }
  }

  @Nullable String string(String key) {
    Object v = get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw wrongType(key, "a string", v);
  }

  @Nullable Long integer(String key) {
    Object v = get(key);
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    throw wrongType(key, "an integer", v);
  }

  /** An array of strings. */
  @Nullable List<String> strings(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof TomlArray)) {
      throw wrongType(key, "an array of strings", v);
    }
    TomlArray array = (TomlArray) v;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.get(i);
      if (!(item instanceof String)) {
        throw fail(array, i, path.key(key).index(i), expected("a string", item));
      }
      out.add((String) item);
    }
    return out;
  }

  /** A table whose values are all strings, in file order. */
  @Nullable Map<String, String> stringTable(String key) {
    TomlSection sub = table(key);
    if (sub == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : sub.table.keySet()) {
      out.put(name, sub.string(name));
    }
    return out;
  }

  /** A byte size: an integer, or a string parsed by {@link Sizes}. */
  @Nullable Long size(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Long) {
      if ((Long) v < 0) {
        throw fail(key, "must not be negative: " + v);
      }
      return (Long) v;
    }
    if (v instanceof String) {
      try {
        return Sizes.parse((String) v);
      } catch (IllegalArgumentException e) {
        throw fail(key, e.getMessage());
      }
    }
    throw wrongType(key, "a size (an integer number of bytes or a string such as \"64MiB\")", v);
  }

  /** A duration string parsed by {@link Durations}. */
  @Nullable Duration duration(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String) {
      try {
        return Durations.parse((String) v);
      } catch (IllegalArgumentException e) {
        throw fail(key, e.getMessage());
      }
    }
    throw wrongType(key, "a duration string such as \"10s\" (a bare number has no unit)", v);
  }

  /** Nanoseconds: an integer, or a duration string such as {@code "5s"}. */
  @Nullable Long nanos(String key) {
    Object v = get(key);
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof String) {
      return duration(key).toNanos();
    }
    throw wrongType(key, "integer nanoseconds or a duration string such as \"5s\"", v);
  }

  /**
   * Nanoseconds since 1970-01-01T00:00:00Z: an integer, a TOML offset date-time, or a string in
   * RFC 3339 form ({@code "2024-01-01T00:00:00Z"}).
   */
  @Nullable Long epochNanos(String key) {
    Object v = get(key);
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    OffsetDateTime time;
    if (v instanceof OffsetDateTime) {
      time = (OffsetDateTime) v;
    } else if (v instanceof String) {
      try {
        time = OffsetDateTime.parse(rfc3339ToIso((String) v));
      } catch (DateTimeParseException e) {
        throw fail(key, "not an RFC 3339 time with an offset, e.g. \"2024-01-01T00:00:00Z\": \""
            + v + "\"");
      }
    } else {
      throw wrongType(key, "an RFC 3339 time with an offset, or integer nanoseconds", v);
    }
    if (time.toEpochSecond() < 0) {
      throw fail(key, "before 1970-01-01T00:00:00Z: " + time);
    }
    try {
      return Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000_000L), time.getNano());
    } catch (ArithmeticException e) {
      throw fail(key, "too late for 64-bit nanoseconds (after 2262-04-11T23:47:16Z): " + time);
    }
  }

  /** RFC 3339 also allows a space or a lower-case {@code t} between date and time, and {@code z}. */
  private static String rfc3339ToIso(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (upper.length() > 10 && upper.charAt(10) == ' ') {
      return upper.substring(0, 10) + 'T' + upper.substring(11);
    }
    return upper;
  }

  /** One of the words in {@code allowed}. */
  <E> @Nullable E keyword(String key, ImmutableMap<String, E> allowed) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    String choices = "one of \"" + Joiner.on("\", \"").join(allowed.keySet()) + "\"";
    if (!(v instanceof String)) {
      throw wrongType(key, choices, v);
    }
    E e = allowed.get(v);
    if (e == null) {
      throw fail(key, "\"" + v + "\" is not " + choices);
    }
    return e;
  }

  /** The words of an enum's constants. */
  static <E extends Enum<E> & Keyword> ImmutableMap<String, E> words(Class<E> type) {
    ImmutableMap.Builder<String, E> out = ImmutableMap.builder();
    for (E e : type.getEnumConstants()) {
      out.put(e.keyword(), e);
    }
    return out.buildOrThrow();
  }

  /** A host path, made absolute against the policy file's directory. */
  @Nullable Path path(String key) {
    String raw = string(key);
    if (raw == null) {
      return null;
    }
    try {
      return HostPaths.absolute(source.baseDir(), raw);
    } catch (IllegalArgumentException e) {
      throw fail(key, e.getMessage());
    }
  }

  /** A sub-table such as {@code [stdio]}. */
  @Nullable TomlSection table(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof TomlTable)) {
      throw wrongType(key, "a table", v);
    }
    return new TomlSection(source, (TomlTable) v, path.key(key));
  }

  /** An array of tables such as {@code [[mount]]}; empty if absent. */
  List<TomlSection> tables(String key) {
    Object v = get(key);
    List<TomlSection> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof TomlArray)) {
      throw wrongType(key, "an array of tables ([[" + key + "]])", v);
    }
    TomlArray array = (TomlArray) v;
    for (int i = 0; i < array.size(); i++) {
      Object item = array.get(i);
      KeyPath at = path.key(key).index(i);
      if (!(item instanceof TomlTable)) {
        throw fail(array, i, at, expected("a table", item));
      }
      out.add(new TomlSection(source, (TomlTable) item, at));
    }
    return out;
  }

  private @Nullable Object get(String key) {
    return table.get(List.of(key));
  }

  PolicyException fail(String key, String problem) {
    TomlPosition at = table.inputPositionOf(List.of(key));
    return new PolicyException(source.file(), at == null ? 1 : at.line(), path.key(key), problem);
  }

  private PolicyException fail(TomlArray array, int index, KeyPath key, String problem) {
    return new PolicyException(source.file(), source.lineOf(array, index), key, problem);
  }

  private PolicyException wrongType(String key, String wanted, Object found) {
    return fail(key, expected(wanted, found));
  }

  private static String expected(String wanted, Object found) {
    return "expected " + wanted + ", found " + typeName(found);
  }

  /** The TOML name of a value's type. */
  static String typeName(Object v) {
    if (v instanceof String) {
      return "string";
    } else if (v instanceof Long) {
      return "integer";
    } else if (v instanceof Double) {
      return "float";
    } else if (v instanceof Boolean) {
      return "boolean";
    } else if (v instanceof OffsetDateTime) {
      return "offset date-time";
    } else if (v instanceof LocalDateTime) {
      return "local date-time";
    } else if (v instanceof LocalDate) {
      return "local date";
    } else if (v instanceof LocalTime) {
      return "local time";
    } else if (v instanceof TomlArray) {
      return "array";
    } else {
      return "table";
    }
  }
}
