package dev.wasibox.host.judge;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Compares tokens, accepting two numbers whose absolute or relative difference is at most {@code
 * eps} (DMOJ's {@code floats}); tokens that are not both finite numbers must be equal.
 */
public final class FloatChecker implements Checker {
  private final double eps;

  public FloatChecker(double eps) {
    checkArgument(eps >= 0 && Double.isFinite(eps), "eps must be a finite number >= 0");
    this.eps = eps;
  }

  @Override
  public String check(byte[] input, byte[] expected, byte[] actual) {
    return Tokens.compare(Tokens.of(expected), Tokens.of(actual), this::close);
  }

  private boolean close(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    Double e = parse(expected);
    Double a = parse(actual);
    if (e == null || a == null) {
      return false;
    }
    double diff = Math.abs(e - a);
    return diff <= eps || diff <= eps * Math.abs(e);
  }

  private static Double parse(String s) {
    // Only plain decimal notation: no hex floats, no "NaN"/"Infinity", no type suffixes.
    if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return null;
    }
    double d = Double.parseDouble(s);
    return Double.isFinite(d) ? d : null;
  }

  @Override
  public String name() {
    return "float:" + eps;
  }
}
