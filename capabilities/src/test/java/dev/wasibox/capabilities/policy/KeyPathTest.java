package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyPathTest {
  static Stream<Arguments> spellings() {
    return Stream.of(
        Arguments.of(KeyPath.root(), ""),
        Arguments.of(KeyPath.of("argv0"), "argv0"),
        Arguments.of(KeyPath.of("stdio", "stdout-limit"), "stdio.stdout-limit"),
        Arguments.of(KeyPath.of("mount").index(0).key("source"), "mount[0].source"),
        Arguments.of(KeyPath.of("args").index(12), "args[12]"),
        Arguments.of(KeyPath.of("env", "vars", "LANG_2"), "env.vars.LANG_2"),
        Arguments.of(KeyPath.of("env", "vars", "A.B"), "env.vars.\"A.B\""),
        Arguments.of(KeyPath.of("env", "vars", "say \"hi\""), "env.vars.\"say \\\"hi\\\"\""),
        Arguments.of(KeyPath.of("env", "vars", "a\\b"), "env.vars.\"a\\\\b\""),
        Arguments.of(KeyPath.of("env", "vars", "a\0b"), "env.vars.\"a\\u0000b\""),
        Arguments.of(KeyPath.of(""), "\"\""));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("spellings")
  void toString_keyPath_isTomlSpelling(KeyPath path, String spelling) {
    assertEquals(spelling, path.toString());
  }

  @Test
  void rebase_matchingPrefix_replacesIt() {
    KeyPath key = KeyPath.of("mount", "source");
    assertEquals(
        KeyPath.of("mount").index(2).key("source"),
        key.rebase(KeyPath.of("mount"), KeyPath.of("mount").index(2)));
  }

  @Test
  void rebase_otherPrefix_returnsSamePath() {
    KeyPath key = KeyPath.of("limits", "open-files");
    assertEquals(key, key.rebase(KeyPath.of("mount"), KeyPath.of("mount").index(2)));
  }

  @Test
  void startsWith_prefixAndNonPrefix_answerCorrectly() {
    KeyPath key = KeyPath.of("a", "b").index(1);
    assertTrue(key.startsWith(KeyPath.root()));
    assertTrue(key.startsWith(KeyPath.of("a", "b")));
    assertFalse(key.startsWith(KeyPath.of("b")));
    assertFalse(KeyPath.of("a").startsWith(key));
  }

  @Test
  void equals_indexAndKeyOfSameText_differ() {
    assertNotEquals(KeyPath.of("a").index(1), KeyPath.of("a", "1"));
    assertEquals(KeyPath.of("a").index(1), KeyPath.of("a").index(1));
    assertEquals(KeyPath.of("a").index(1).hashCode(), KeyPath.of("a").index(1).hashCode());
  }
}
