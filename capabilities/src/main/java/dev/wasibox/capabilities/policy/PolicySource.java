package dev.wasibox.capabilities.policy;

import java.nio.file.Path;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;

/**
 * The text of one policy file with its name for errors and the directory its relative host paths
 * are taken from.
 */
final class PolicySource {
  private final String file;
  private final Path baseDir;
  private final String text;

  PolicySource(String file, Path baseDir, String text) {
    this.file = file;
    this.baseDir = baseDir;
    this.text = text;
  }

  /** The file name errors give. */
  String file() {
    return file;
  }

  /** The directory relative host paths are taken from. */
  Path baseDir() {
    return baseDir;
  }

  /**
   * The line of element {@code index} of {@code array}.
   *
   * <p>tomlj records where its grammar's {@code arrayValue : NewLine* val} starts, which is the
   * newline (or comment) before an element written on a line of its own; this skips blanks,
   * newlines and comments from there to the value.
   */
  int lineOf(TomlArray array, int index) {
    TomlPosition at = array.inputPositionOf(index);
    int line = at.line();
    int i = lineStart(line);
    if (i < 0) {
      return line;
    }
    try {
      i = text.offsetByCodePoints(i, at.column() - 1);
    } catch (IndexOutOfBoundsException e) {
      return line;
    }
    boolean comment = false;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        comment = false;
      } else if (c == '#') {
        comment = true;
      } else if (!comment && c != ' ' && c != '\t' && c != '\r') {
        break;
      }
    }
    return line;
  }

  /** The index where 1-based {@code line} starts, or -1 if the text is shorter. */
  private int lineStart(int line) {
    int i = 0;
    for (int l = 1; l < line; l++) {
      i = text.indexOf('\n', i);
      if (i < 0) {
        return -1;
      }
      i++;
    }
    return i;
  }
}
