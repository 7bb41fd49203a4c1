package dev.wasibox.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.capabilities.WasiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GuestPathTest {
  private static final PathLimits SMALL = new PathLimits(32, 8);

  private static String parse(String path, PathLimits limits) {
    try {
      GuestPath p = GuestPath.parse(path.getBytes(StandardCharsets.UTF_8), limits);
      return p.components() + (p.trailingSlash() ? " slash" : "");
    } catch (WasiException e) {
      return e.errno().name();
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a", "[a]"),
        Arguments.of("a/b", "[a, b]"),
        Arguments.of("a//b///", "[a, b] slash"),
        Arguments.of("./a/./", "[., a, .] slash"),
        Arguments.of("..", "[..]"),
        Arguments.of(".", "[.]"),
        Arguments.of("./", "[.] slash"),
        Arguments.of("", "ENOENT"),
        Arguments.of("/", "EPERM"),
        Arguments.of("/a", "EPERM"),
        Arguments.of("a\0b", "EINVAL"),
        Arguments.of("\0", "EINVAL"),
        Arguments.of("x".repeat(8), "[" + "x".repeat(8) + "]"),
        Arguments.of("x".repeat(9), "ENAMETOOLONG"),
        Arguments.of("a/".repeat(16), "[" + String.join(", ", java.util.Collections.nCopies(16, "a")) + "] slash"),
        Arguments.of("a/".repeat(16) + "b", "ENAMETOOLONG"),
        Arguments.of("\u00e9\u00e9\u00e9\u00e9", "[\u00e9\u00e9\u00e9\u00e9]"),
        Arguments.of("\u00e9\u00e9\u00e9\u00e9\u00e9", "ENAMETOOLONG"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("cases")
  void parse_table(String path, String expected) {
    assertEquals(expected, parse(path, SMALL));
  }

  @Test
  void parse_nulBeforeLength_reportsLengthFirst() {
    // Length is checked on the raw bytes before anything else (A23).
    assertEquals("ENAMETOOLONG", parse("\0".repeat(40), SMALL));
  }

  @Test
  void parse_invalidUtf8_isEilseq() {
    byte[] overlong = {(byte) 0xC0, (byte) 0xAE};
    WasiException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            WasiException.class, () -> GuestPath.parse(overlong, PathLimits.DEFAULT));
    assertEquals("EILSEQ", e.errno().name());
  }

  @Test
  void parse_unpairedSurrogateString_isEilseq() {
    WasiException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            WasiException.class, () -> GuestPath.parse("a\uD800", PathLimits.DEFAULT));
    assertEquals("EILSEQ", e.errno().name());
  }
}
