package dev.wasibox.host.judge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits output into whitespace-separated tokens (ASCII space, tab, CR, LF, VT, FF). */
final class Tokens {
  private Tokens() {}

  static List<String> of(byte[] bytes) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= bytes.length; i++) {
      boolean space = i == bytes.length || isSpace(bytes[i]);
      if (space && start >= 0) {
        out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return out;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == 0x0C;
  }

  /** A reason naming the first difference between two token lists, or null if equal. */
  static String compare(List<String> expected, List<String> actual, TokenEquality eq) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      if (!eq.equal(expected.get(i), actual.get(i))) {
        return "token " + (i + 1) + ": expected '" + clip(expected.get(i)) + "', got '" + clip(actual.get(i)) + "'";
      }
    }
    if (expected.size() != actual.size()) {
      return "expected " + expected.size() + " tokens, got " + actual.size();
    }
    return null;
  }

  private static String clip(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "...";
  }

  /** How two tokens are compared. */
  interface TokenEquality {
    boolean equal(String expected, String actual);
  }
}
