package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tomlj.Toml;
import org.tomlj.TomlArray;

class PolicySourceTest {
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "one line                 | a = [1, 2, 3]                              | 2 | 1",
        "first on its own line    | a = [\\n  1,\\n  2,\\n]                    | 0 | 2",
        "each on its own line     | a = [\\n  1,\\n  2,\\n]                    | 1 | 3",
        "after a comment          | a = [\\n  1, # one\\n  # two\\n  2,\\n]    | 1 | 4",
        "blank lines              | a = [\\n\\n\\n  1]                         | 0 | 4",
        "CRLF                     | a = [\\r\\n  1,\\r\\n  2]                  | 1 | 3",
        "after a wide character   | b = \"\uD83D\uDE00\"\\na = [\"\uD83D\uDE00\",\\n 2] | 1 | 3",
        "later line of the file   | x = 1\\n\\na = [1,\\n\\n 2]                | 1 | 5",
      })
  void lineOf_arrayElement_isTheValuesLine(String name, String toml, int index, int line) {
    String text = toml.strip().replace("\\n", "\n").replace("\\r", "\r");
    TomlArray array = Toml.parse(text).getArray("a");
    PolicySource source = new PolicySource("p.toml", Path.of("/"), text);
    assertEquals(line, source.lineOf(array, index));
  }
}
