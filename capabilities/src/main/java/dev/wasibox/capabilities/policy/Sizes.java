package dev.wasibox.capabilities.policy;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints byte sizes such as {@code "64MiB"}.
 *
 * <p>A size is written either as a TOML integer (bytes) or as a string: a non-negative decimal
 * number, an optional single space, and an optional unit. Units are binary and case-sensitive:
 *
 * <table>
 *   <caption>Size units</caption>
 *   <tr><th>unit</th><th>bytes</th></tr>
 *   <tr><td>(none) or {@code B}</td><td>1</td></tr>
 *   <tr><td>{@code KiB}</td><td>1024</td></tr>
 *   <tr><td>{@code MiB}</td><td>1024<sup>2</sup></td></tr>
 *   <tr><td>{@code GiB}</td><td>1024<sup>3</sup></td></tr>
 *   <tr><td>{@code TiB}</td><td>1024<sup>4</sup></td></tr>
 * </table>
 *
 * <p><b>SI and ambiguous units are rejected</b>, not guessed: {@code 64MB} means 64,000,000 bytes
 * to some tools and 67,108,864 to others (judge0's "KB" is KiB), and a limit that is off by 5%
 * turns a correct submission into a memory-limit verdict. So {@code kB KB K MB M GB G TB T} (in
 * any case) fail with a message that names both readings and suggests the {@code MiB} spelling;
 * write the bytes as an integer if a decimal amount is really meant. A wrongly cased binary unit
 * ({@code mib}) fails with the right spelling.
 *
 * <p>A fraction is allowed when the result is a whole number of bytes ({@code "1.5KiB"} = 1536);
 * otherwise ({@code "1.3KiB"}, {@code "0.5B"}) it fails. Negative sizes, sizes above {@link
 * Long#MAX_VALUE} bytes, exponents, and any other text fail.
 */
public final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(-?)([0-9]+(?:\\.[0-9]+)?) ?([A-Za-z]*)");
  private static final ImmutableMap<String, Long> UNITS =
      ImmutableMap.of(
          "", 1L, "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40);
  private static final ImmutableSet<String> AMBIGUOUS =
      ImmutableSet.of("k", "kb", "m", "mb", "g", "gb", "t", "tb");
  private static final String HOW =
      "write a number of bytes or a number with a unit B, KiB, MiB, GiB or TiB, e.g. \"64MiB\"";

  private Sizes() {}

  /**
   * The number of bytes {@code text} denotes.
   *
   * @throws IllegalArgumentException with a message saying what is wrong and how to write it
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: \"" + text + "\"; " + HOW);
    }
    String number = m.group(2);
    String unit = m.group(3);
    Long multiplier = UNITS.get(unit);
    if (multiplier == null) {
      throw new IllegalArgumentException(unknownUnit(text, number, unit));
    }
    if (!m.group(1).isEmpty()) {
      throw new IllegalArgumentException("must not be negative: \"" + text + "\"");
    }
    BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier));
    BigInteger whole;
    try {
      whole = bytes.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "not a whole number of bytes: \"" + text + "\" is " + bytes.stripTrailingZeros().toPlainString() + " bytes");
    }
    if (whole.bitLength() > 63) {
      throw new IllegalArgumentException(
          "too large: \"" + text + "\" is more than " + Long.MAX_VALUE + " bytes");
    }
    return whole.longValueExact();
  }

  private static String unknownUnit(String text, String number, String unit) {
    String lower = unit.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Long> known : UNITS.entrySet()) {
      if (known.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
        return "unit '" + unit + "' is spelled '" + known.getKey() + "': write \"" + number
            + known.getKey() + "\"";
      }
    }
    if (AMBIGUOUS.contains(lower)) {
      String binary = lower.substring(0, 1).toUpperCase(Locale.ROOT) + "iB";
      return "ambiguous unit '" + unit + "' in \"" + text + "\": write \"" + number + binary
          + "\" for powers of 1024, or the number of bytes as an integer for powers of 1000"
          + " (SI units are not accepted)";
    }
    return "unknown unit '" + unit + "' in \"" + text + "\"; " + HOW;
  }

  /** {@code bytes} in the largest unit that divides it exactly, e.g. {@code 64MiB}, {@code 1000B}. */
  public static String format(long bytes) {
    String[] units = {"TiB", "GiB", "MiB", "KiB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (units.length - i));
      if (bytes != 0 && bytes % unit == 0) {
        return (bytes / unit) + units[i];
      }
    }
    return bytes + "B";
  }
}
