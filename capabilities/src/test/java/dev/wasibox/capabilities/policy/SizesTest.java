package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0            | 0",
        "1            | 1",
        "512B         | 512",
        "1KiB         | 1024",
        "64MiB        | 67108864",
        "64 MiB       | 67108864",
        "1GiB         | 1073741824",
        "2TiB         | 2199023255552",
        "1.5KiB       | 1536",
        "0.5MiB       | 524288",
        "1.0B         | 1",
        "8388607TiB   | 9223370937343148032",
        "9223372036854775807 | 9223372036854775807",
      })
  void parse_validSize_returnsBytes(String text, long bytes) {
    assertEquals(bytes, Sizes.parse(text));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // SI and single-letter units are ambiguous: rejected, with both readings offered
        "64MB   | ambiguous unit 'MB' in \"64MB\": write \"64MiB\" for powers of 1024, or the number"
            + " of bytes as an integer for powers of 1000 (SI units are not accepted)",
        "64kB   | ambiguous unit 'kB' in \"64kB\": write \"64KiB\" for powers of 1024, or the number"
            + " of bytes as an integer for powers of 1000 (SI units are not accepted)",
        "64KB   | ambiguous unit 'KB' in \"64KB\": write \"64KiB\" for powers of 1024, or the number"
            + " of bytes as an integer for powers of 1000 (SI units are not accepted)",
        "2GB    | ambiguous unit 'GB' in \"2GB\": write \"2GiB\" for powers of 1024, or the number"
            + " of bytes as an integer for powers of 1000 (SI units are not accepted)",
        "1TB    | ambiguous unit 'TB' in \"1TB\": write \"1TiB\" for powers of 1024, or the number"
            + " of bytes as an integer for powers of 1000 (SI units are not accepted)",
        "5M     | ambiguous unit 'M' in \"5M\": write \"5MiB\" for powers of 1024, or the number"
            + " of bytes as an integer for powers of 1000 (SI units are not accepted)",
        "64mib  | unit 'mib' is spelled 'MiB': write \"64MiB\"",
        "1kib   | unit 'kib' is spelled 'KiB': write \"1KiB\"",
        "3b     | unit 'b' is spelled 'B': write \"3B\"",
        "64XiB  | unknown unit 'XiB' in \"64XiB\"; write a number of bytes or a number with a unit"
            + " B, KiB, MiB, GiB or TiB, e.g. \"64MiB\"",
        "-1     | must not be negative: \"-1\"",
        "-1MiB  | must not be negative: \"-1MiB\"",
        "1.3KiB | not a whole number of bytes: \"1.3KiB\" is 1331.2 bytes",
        "0.5B   | not a whole number of bytes: \"0.5B\" is 0.5 bytes",
        "1.5    | not a whole number of bytes: \"1.5\" is 1.5 bytes",
        "8388608TiB | too large: \"8388608TiB\" is more than 9223372036854775807 bytes",
        "9223372036854775808 | too large: \"9223372036854775808\" is more than"
            + " 9223372036854775807 bytes",
        "abc    | not a size: \"abc\"; write a number of bytes or a number with a unit"
            + " B, KiB, MiB, GiB or TiB, e.g. \"64MiB\"",
        "1e6    | not a size: \"1e6\"; write a number of bytes or a number with a unit"
            + " B, KiB, MiB, GiB or TiB, e.g. \"64MiB\"",
        "`64  MiB` | not a size: \"64  MiB\"; write a number of bytes or a number with a unit"
            + " B, KiB, MiB, GiB or TiB, e.g. \"64MiB\"",
        "`` | not a size: \"\"; write a number of bytes or a number with a unit"
            + " B, KiB, MiB, GiB or TiB, e.g. \"64MiB\"",
        ".5KiB  | not a size: \".5KiB\"; write a number of bytes or a number with a unit"
            + " B, KiB, MiB, GiB or TiB, e.g. \"64MiB\"",
      },
      ignoreLeadingAndTrailingWhitespace = false)
  void parse_invalidSize_throwsSayingWhy(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text.strip()));
    assertEquals(message.strip(), e.getMessage());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 0B",
    "1, 1B",
    "1000, 1000B",
    "1024, 1KiB",
    "1536, 1536B",
    "67108864, 64MiB",
    "1073741824, 1GiB",
    "2199023255552, 2TiB",
  })
  void format_bytes_usesLargestExactUnit(long bytes, String text) {
    assertEquals(text, Sizes.format(bytes));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 1023, 1024, 65536, 3L << 30, Long.MAX_VALUE, 8388607L << 40})
  void format_thenParse_roundTrips(long bytes) {
    assertEquals(bytes, Sizes.parse(Sizes.format(bytes)));
  }
}
