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

  /**
   * host {@code WasmProgram.load}: catches only ChicoryException, IllegalArgumentException and
   * IndexOutOfBoundsException around {@code Parser.parse}, so other runtime exceptions from
   * Chicory's parser escape instead of a {@code ModuleException} (the CLI would show a stack
   * trace instead of a one-line error and exit 2); and {@code ImportCheck.requireSupported} runs
   * outside that try. Minimal cases: a function whose body is {@code end end end} (36 bytes,
   * {@code NullPointerException} in ControlTree); a custom section whose name length is
   * 0xFFFFFFFF ({@code 0061736d 01000000 0005ffff ffff0f}, 15 bytes, {@code
   * NegativeArraySizeException} in Encoding.readName); an import of {@code proc_exit} with type
   * index 5 of 1 (53 bytes, Chicory's {@code InvalidException} from ImportCheck). Also seen in a
   * campaign: {@code BufferUnderflowException}.
   */
  static final String LOAD_LETS_RAW_EXCEPTIONS_ESCAPE = "raw runtime exception from Chicory's parser escapes load";

  /**
   * Chicory 1.7.5's parser (through host {@code WasmProgram.load}) sizes arrays and lists by the
   * lengths and counts a module claims before checking that the bytes exist: {@code
   * Encoding.readName} allocates the name's length, {@code Parser.parseFunctionType} an
   * ArrayList of the parameter count. A 15-byte module makes the host allocate up to 2 GiB
   * (or 16 GiB of references): {@code OutOfMemoryError} escapes load under -Xmx1g, and with a
   * larger heap the allocation may succeed while every other thread of the JVM competes with it.
   * Minimal cases: {@code 0061736d 01000000 0005f0ff ffff07} (a custom section whose name claims
   * 0x7FFFFFF0 bytes); {@code 0061736d 01000000 01070160 ffffffff 07} (a function type with
   * 0x7FFFFFFF parameters). wasibox should bound lengths and counts by the bytes left before
   * handing a module to Chicory.
   */
  static final String LOAD_ALLOCATES_WHAT_THE_MODULE_CLAIMS = "Chicory allocates what a length or count claims (OutOfMemoryError)";

  /**
   * Whether {@code t}, thrown by {@code WasmProgram.load} (the caller's try block holds nothing
   * else), is one of the known load bugs above. Matched on the type alone: after a few
   * occurrences the JVM throws preallocated OutOfMemoryErrors, and hot code fast-throws
   * NullPointerExceptions, without a stack trace to match on.
   */
  static boolean toleratedLoadFailure(Throwable t) {
    if (t instanceof RuntimeException) {
      Statistics.label("known bug hit").collect(LOAD_LETS_RAW_EXCEPTIONS_ESCAPE + ": " + t.getClass().getSimpleName());
      return true;
    }
    if (t instanceof OutOfMemoryError) {
      Statistics.label("known bug hit").collect(LOAD_ALLOCATES_WHAT_THE_MODULE_CLAIMS);
      return true;
    }
    return false;
  }

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
