package dev.wasibox.host.judge;

/** Accepts output whose whitespace-separated tokens equal the expected ones (the judges' standard). */
public final class TokenChecker implements Checker {
  @Override
  public String check(byte[] input, byte[] expected, byte[] actual) {
    return Tokens.compare(Tokens.of(expected), Tokens.of(actual), String::equals);
  }

  @Override
  public String name() {
    return "tokens";
  }
}
