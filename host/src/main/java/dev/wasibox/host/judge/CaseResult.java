package dev.wasibox.host.judge;

import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one test case.
 *
 * @param name the test's name
 * @param verdict its verdict
 * @param timeMs CPU time of the guest in milliseconds
 * @param wallMs wall time in milliseconds
 * @param memoryBytes peak linear memory
 * @param exitCode the guest's exit code, or -1 if it did not exit
 * @param message why it was not accepted (one line), or null
 */
public record CaseResult(
    String name,
    CaseVerdict verdict,
    long timeMs,
    long wallMs,
    long memoryBytes,
    int exitCode,
    @Nullable String message) {
  public CaseResult {
    checkNotNull(name);
    checkNotNull(verdict);
  }

  static CaseResult skipped(String name) {
    return new CaseResult(name, CaseVerdict.SKIPPED, 0, 0, 0, -1, null);
  }
}
