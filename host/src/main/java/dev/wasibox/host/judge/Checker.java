package dev.wasibox.host.judge;

/** Decides whether a submission's output is accepted for one test case. */
public interface Checker {
  /**
   * Compares {@code actual} with {@code expected}.
   *
   * @param input the test's input (some checkers need it)
   * @return null if accepted, else a one-line reason for the wrong answer
   */
  String check(byte[] input, byte[] expected, byte[] actual);

  /** The name shown in reports, such as {@code tokens} or {@code float:1e-6}. */
  String name();
}
