package dev.wasibox.host.integration;

import java.util.List;

/**
 * One line of {@code fs_attack --expect}: {@code ID RESULT expect=ALT|ALT} (guests/README.md,
 * section fs_attack). A line passes if RESULT equals an alternative or starts with it followed by
 * a space; {@code errno=*} accepts any errno, {@code *} anything.
 */
record ExpectLine(String id, String result, List<String> alternatives) {
  private static final String EXPECT = " expect=";

  /** Parses {@code line}; throws if it has no id, result or {@code expect=} part. */
  static ExpectLine parse(String line) {
    int space = line.indexOf(' ');
    int expect = line.lastIndexOf(EXPECT);
    if (space <= 0 || expect < space) {
      throw new IllegalArgumentException("not an fs_attack --expect line: " + line);
    }
    String alternatives = line.substring(expect + EXPECT.length());
    return new ExpectLine(
        line.substring(0, space),
        line.substring(space + 1, expect),
        List.of(alternatives.split("\\|", -1)));
  }

  /** Whether the result matches one of the alternatives. */
  boolean passes() {
    for (String alt : alternatives) {
      if (alt.equals("*")
          || (alt.equals("errno=*") && result.matches("errno=\\d+( .*)?"))
          || result.equals(alt)
          || result.startsWith(alt + " ")) {
        return true;
      }
    }
    return false;
  }
}
