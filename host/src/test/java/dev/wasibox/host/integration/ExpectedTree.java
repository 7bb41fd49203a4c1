package dev.wasibox.host.integration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An expected {@link VfsTree} listing written as edits of a base listing, so that a table row
 * states only what a run changed: {@code +LINE} adds an entry, {@code -PATH} removes one, {@code
 * =LINE} replaces the entry with the same path. Each edit must apply (adding an existing path or
 * removing a missing one fails the test), so an expectation can never silently mean nothing.
 */
final class ExpectedTree {
  private ExpectedTree() {}

  /** {@code base} (a {@link VfsTree#dump} listing) with {@code edits} applied, in dump order. */
  static String apply(String base, String... edits) {
    List<String> lines = new ArrayList<>(base.lines().toList());
    for (String edit : edits) {
      String body = edit.substring(1);
      switch (edit.charAt(0)) {
        case '+' -> {
          if (indexOf(lines, pathOf(body)) >= 0) {
            throw new IllegalArgumentException("already listed: " + edit);
          }
          lines.add(body);
        }
        case '-' -> lines.remove(existing(lines, body, edit));
        case '=' -> lines.set(existing(lines, pathOf(body), edit), body);
        default -> throw new IllegalArgumentException("edit must start with +, - or =: " + edit);
      }
    }
    lines.sort(Comparator.comparing(ExpectedTree::pathOf, ExpectedTree::compareComponents));
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private static int existing(List<String> lines, String path, String edit) {
    int i = indexOf(lines, path);
    if (i < 0) {
      throw new IllegalArgumentException("not listed: " + edit);
    }
    return i;
  }

  private static int indexOf(List<String> lines, String path) {
    for (int i = 0; i < lines.size(); i++) {
      if (pathOf(lines.get(i)).equals(path)) {
        return i;
      }
    }
    return -1;
  }

  /** The path of a listing line ({@code T PATH ...}), or the argument itself if it is a path. */
  private static String pathOf(String line) {
    if (line.length() < 2 || line.charAt(1) != ' ') {
      return line;
    }
    String rest = line.substring(2);
    int end = rest.indexOf(' ');
    return end < 0 ? rest : rest.substring(0, end);
  }

  /** Pre-order with names sorted per directory is the order of the component lists. */
  private static int compareComponents(String a, String b) {
    return Arrays.compare(a.split("/"), b.split("/"));
  }
}
