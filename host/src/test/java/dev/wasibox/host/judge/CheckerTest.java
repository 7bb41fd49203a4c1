package dev.wasibox.host.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckerTest {
  private static String check(Checker c, String expected, String actual) {
    String r = c.check(new byte[0], expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    return r == null ? "AC" : r;
  }

  static Stream<Arguments> cases() {
    Checker exact = new ExactChecker();
    Checker tokens = new TokenChecker();
    Checker floats = new FloatChecker(1e-6);
    return Stream.of(
        Arguments.of(exact, "6\n", "6\n", "AC"),
        Arguments.of(exact, "6\n", "6", "output differs at byte 1"),
        Arguments.of(exact, "6\n", "6 \n", "output differs at byte 1"),
        Arguments.of(tokens, "1 2\n3\n", "1\n2 3", "AC"),
        Arguments.of(tokens, "1 2 3", "  1\t2\r\n3  \n\n", "AC"),
        Arguments.of(tokens, "1 2 3", "1 2 4", "token 3: expected '3', got '4'"),
        Arguments.of(tokens, "1 2 3", "1 2", "expected 3 tokens, got 2"),
        Arguments.of(tokens, "", "", "AC"),
        Arguments.of(tokens, "abc", "ABC", "token 1: expected 'abc', got 'ABC'"),
        Arguments.of(floats, "0.333333333", "0.3333333", "AC"),
        Arguments.of(floats, "1000000.0", "1000000.5", "AC"),
        Arguments.of(floats, "1.0", "1.01", "token 1: expected '1.0', got '1.01'"),
        Arguments.of(floats, "1e3 x", "1000 x", "AC"),
        Arguments.of(floats, "x", "y", "token 1: expected 'x', got 'y'"),
        Arguments.of(floats, "1.0", "NaN", "token 1: expected '1.0', got 'NaN'"),
        Arguments.of(floats, "1.0", "0x1p0", "token 1: expected '1.0', got '0x1p0'"),
        Arguments.of(floats, "1.0", "1.0000001", "AC"));
  }

  @ParameterizedTest(name = "{0} [{1}] vs [{2}]")
  @MethodSource("cases")
  void check_table(Checker checker, String expected, String actual, String result) {
    assertEquals(result, check(checker, expected, actual));
  }

  @Test
  void floatChecker_negativeEps_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new FloatChecker(-1));
  }

  @Test
  void naturalOrder_numbersCompareByValue() {
    assertEquals(-1, Integer.signum(NaturalOrder.compare("t2", "t10")));
    assertEquals(-1, Integer.signum(NaturalOrder.compare("2", "10")));
    assertEquals(1, Integer.signum(NaturalOrder.compare("b1", "a9")));
    assertEquals(-1, Integer.signum(NaturalOrder.compare("a", "a1")));
    assertEquals(-1, Integer.signum(NaturalOrder.compare("01", "1")));
  }

  @Test
  void tokens_splitOnAsciiWhitespaceOnly() {
    assertNull(new TokenChecker().check(new byte[0], "a\u00a0b".getBytes(StandardCharsets.UTF_8), "a\u00a0b".getBytes(StandardCharsets.UTF_8)));
    assertEquals(java.util.List.of("a\u00a0b"), Tokens.of("a\u00a0b".getBytes(StandardCharsets.UTF_8)));
  }
}
