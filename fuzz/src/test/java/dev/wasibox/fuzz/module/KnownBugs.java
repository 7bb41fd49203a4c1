package dev.wasibox.fuzz.module;

import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import net.jqwik.api.statistics.Statistics;

/**
 * Bugs the module properties found in code this branch may not change ({@code host}), tolerated
 * here, one by one and narrowly, so that CI stays meaningful until they are fixed: each
 * tolerance is counted in the statistics ("known bug hit") and has a {@code @Disabled}
 * regression example in {@link ModuleRegressionExamples} that asserts the right behaviour. When
 * a fix lands, delete the constant, its uses, and the {@code @Disabled}.
 */
final class KnownBugs {
  private KnownBugs() {}

  /**
   * host {@code GuestRun}/{@code MeteredMemory}: any refused {@code memory.grow} makes a later
   * trap or non-zero exit {@code MLE}, also when the module's own declared maximum refused it
   * and the run's cap was never reached. Minimal case: {@code (memory 1 1)}, {@code memory.grow
   * 1} returns -1, {@code proc_exit(-1)}: expected OK with exit code -1 (a 2-page request under
   * a 256-page cap), actual MLE "memory limit reached, then exit code -1".
   */
  static final String REFUSED_GROW_IS_MLE = "refused grow under the cap reported as MLE";

  /** Whether {@code actual} differs from {@code expected} only by {@link #REFUSED_GROW_IS_MLE}. */
  static boolean tolerated(Expected expected, RunResult actual) {
    if (expected.ownMaximumRefusedGrow()
        && expected.verdict() != Verdict.MLE
        && actual.verdict() == Verdict.MLE
        && actual.exitCode() == expected.exitCode()) {
      Statistics.label("known bug hit").collect(REFUSED_GROW_IS_MLE);
      return true;
    }
    return false;
  }
}
