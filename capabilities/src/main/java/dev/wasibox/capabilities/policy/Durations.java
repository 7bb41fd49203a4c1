package dev.wasibox.capabilities.policy;

import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations such as {@code "10s"} or {@code "1.5ms"}.
 *
 * <p>A duration is a string: a non-negative decimal number, an optional single space, and a
 * unit, which is required (a bare number could mean seconds or milliseconds; a TOML integer is
 * therefore not a duration either):
 *
 * <table>
 *   <caption>Duration units</caption>
 *   <tr><th>unit</th><th>meaning</th></tr>
 *   <tr><td>{@code ns}</td><td>nanosecond</td></tr>
 *   <tr><td>{@code us}</td><td>microsecond</td></tr>
 *   <tr><td>{@code ms}</td><td>millisecond</td></tr>
 *   <tr><td>{@code s}</td><td>second</td></tr>
 *   <tr><td>{@code m}</td><td>minute</td></tr>
 *   <tr><td>{@code h}</td><td>hour</td></tr>
 * </table>
 *
 * <p>A fraction is allowed when the result is a whole number of nanoseconds ({@code "1.5s"});
 * otherwise ({@code "0.5ns"}) it fails. Units are case-sensitive; compound forms ({@code
 * "1m30s"}), negative durations and durations above {@link Long#MAX_VALUE} nanoseconds (about 292
 * years) fail.
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(-?)([0-9]+(?:\\.[0-9]+)?) ?([A-Za-z]*)");
  private static final ImmutableMap<String, Long> UNITS =
      ImmutableMap.of(
          "ns", 1L,
          "us", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);
  private static final String HOW =
      "write a number with a unit ns, us, ms, s, m or h, e.g. \"10s\" or \"1.5ms\"";

  private Durations() {}

  /**
   * The duration {@code text} denotes.
   *
   * @throws IllegalArgumentException with a message saying what is wrong and how to write it
   */
  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: \"" + text + "\"; " + HOW);
    }
    String unit = m.group(3);
    if (unit.isEmpty()) {
      throw new IllegalArgumentException("missing unit in \"" + text + "\"; " + HOW);
    }
    Long nanosPerUnit = UNITS.get(unit);
    if (nanosPerUnit == null) {
      throw new IllegalArgumentException("unknown unit '" + unit + "' in \"" + text + "\"; " + HOW);
    }
    if (!m.group(1).isEmpty()) {
      throw new IllegalArgumentException("must not be negative: \"" + text + "\"");
    }
    BigDecimal nanos = new BigDecimal(m.group(2)).multiply(BigDecimal.valueOf(nanosPerUnit));
    BigInteger whole;
    try {
      whole = nanos.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "not a whole number of nanoseconds: \"" + text + "\" is " + nanos.stripTrailingZeros().toPlainString() + "ns");
    }
    if (whole.bitLength() > 63) {
      throw new IllegalArgumentException(
          "too large: \"" + text + "\" is more than " + Long.MAX_VALUE + "ns");
    }
    return Duration.ofNanos(whole.longValueExact());
  }

  /** {@code d} in the largest unit that divides it exactly, e.g. {@code 10s}, {@code 1500ms}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    String best = "ns";
    for (Map.Entry<String, Long> unit : UNITS.entrySet()) {
      if (nanos != 0 && nanos % unit.getValue() == 0) {
        best = unit.getKey();
      }
    }
    return (nanos / UNITS.get(best)) + best;
  }
}
