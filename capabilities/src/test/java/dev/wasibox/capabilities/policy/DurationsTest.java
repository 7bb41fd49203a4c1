package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest(name = "{0} = {1}ns")
  @CsvSource(
      delimiter = '|',
      value = {
        "0s      | 0",
        "1ns     | 1",
        "1us     | 1000",
        "1ms     | 1000000",
        "10s     | 10000000000",
        "10 s    | 10000000000",
        "2m      | 120000000000",
        "1h      | 3600000000000",
        "1.5s    | 1500000000",
        "0.25ms  | 250000",
        "1.000us | 1000",
        "9223372036854775807ns | 9223372036854775807",
      })
  void parse_validDuration_returnsNanos(String text, long nanos) {
    assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
  }

  private static final String HOW =
      "; write a number with a unit ns, us, ms, s, m or h, e.g. \"10s\" or \"1.5ms\"";

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "10      | missing unit in \"10\"" + HOW,
        "0       | missing unit in \"0\"" + HOW,
        "10S     | unknown unit 'S' in \"10S\"" + HOW,
        "10sec   | unknown unit 'sec' in \"10sec\"" + HOW,
        "5min    | unknown unit 'min' in \"5min\"" + HOW,
        "1d      | unknown unit 'd' in \"1d\"" + HOW,
        "-1s     | must not be negative: \"-1s\"",
        "0.5ns   | not a whole number of nanoseconds: \"0.5ns\" is 0.5ns",
        "1.0000000001s | not a whole number of nanoseconds: \"1.0000000001s\" is 1000000000.1ns",
        "2562048h | too large: \"2562048h\" is more than 9223372036854775807ns",
        "1m30s   | not a duration: \"1m30s\"" + HOW,
        "abc     | not a duration: \"abc\"" + HOW,
        "``      | not a duration: \"\"" + HOW,
      })
  void parse_invalidDuration_throwsSayingWhy(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0}ns -> {1}")
  @CsvSource({
    "0, 0ns",
    "1, 1ns",
    "1500, 1500ns",
    "1000, 1us",
    "1000000, 1ms",
    "1500000000, 1500ms",
    "10000000000, 10s",
    "120000000000, 2m",
    "7200000000000, 2h",
  })
  void format_duration_usesLargestExactUnit(long nanos, String text) {
    assertEquals(text, Durations.format(Duration.ofNanos(nanos)));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 999, 1000, 1_500_000_000L, 3_600_000_000_000L, Long.MAX_VALUE})
  void format_thenParse_roundTrips(long nanos) {
    assertEquals(Duration.ofNanos(nanos), Durations.parse(Durations.format(Duration.ofNanos(nanos))));
  }
}
