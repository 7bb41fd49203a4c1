package dev.wasibox.host;

import java.util.List;
import java.util.Map;

/**
 * Writes the small JSON documents wasibox reports (run reports, judge reports): objects of
 * strings, numbers, booleans, nulls, lists and nested objects, in insertion order, strings escaped
 * per RFC 8259.
 */
public final class JsonWriter {
  private JsonWriter() {}

  /** The JSON text of {@code value} (a Map, List, CharSequence, Number, Boolean or null). */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, 0);
    return out.append('\n').toString();
  }

  private static void append(StringBuilder out, Object value, int indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        pad(out, indent + 1);
        string(out, String.valueOf(e.getKey()));
        out.append(": ");
        append(out, e.getValue(), indent + 1);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        pad(out, indent + 1);
        append(out, list.get(i), indent + 1);
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      string(out, value.toString());
    }
  }

  private static void pad(StringBuilder out, int indent) {
    out.append("  ".repeat(indent));
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
