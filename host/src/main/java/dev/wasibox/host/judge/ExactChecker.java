package dev.wasibox.host.judge;

import java.util.Arrays;

/** Accepts only byte-for-byte identical output. */
public final class ExactChecker implements Checker {
  @Override
  public String check(byte[] input, byte[] expected, byte[] actual) {
    if (Arrays.equals(expected, actual)) {
      return null;
    }
    int i = Arrays.mismatch(expected, actual);
    return "output differs at byte " + i;
  }

  @Override
  public String name() {
    return "exact";
  }
}
