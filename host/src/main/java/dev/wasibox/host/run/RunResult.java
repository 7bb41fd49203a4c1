package dev.wasibox.host.run;

import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * What one run did.
 *
 * @param verdict how it ended
 * @param exitCode the guest's exit code when {@code verdict} is OK (or MLE after an exit), else -1
 * @param message why it ended, for anything but a normal exit (one line), else null
 * @param wallNanos wall time from the start of {@code _start} to the end
 * @param cpuNanos CPU time of the guest thread, instantiation included
 * @param peakMemoryBytes linear memory at its largest (memory only grows)
 * @param stdoutBytes bytes the guest wrote to stdout
 * @param stderrBytes bytes the guest wrote to stderr
 */
public record RunResult(
    Verdict verdict,
    int exitCode,
    @Nullable String message,
    long wallNanos,
    long cpuNanos,
    long peakMemoryBytes,
    long stdoutBytes,
    long stderrBytes) {
  public RunResult {
    checkNotNull(verdict);
  }
}
