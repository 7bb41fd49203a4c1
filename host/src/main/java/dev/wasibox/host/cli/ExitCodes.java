package dev.wasibox.host.cli;

import dev.wasibox.host.run.RunResult;

/**
 * The exit statuses of {@code wasibox}. After a normal run the status is the guest's own exit
 * code; every other ending has its own code (the {@code --report} JSON tells them apart when a
 * guest happens to exit with one of them).
 */
public final class ExitCodes {
  /** {@code judge}: at least one case was not accepted. */
  public static final int NOT_ACCEPTED = 1;

  /** A usage, policy, module, mount or export error; nothing ran (or nothing was exported). */
  public static final int USAGE = 2;

  /** The wall-time or CPU-time limit was reached (as timeout(1)). */
  public static final int TIME_LIMIT = 124;

  /** wasibox itself failed; a bug to report. */
  public static final int INTERNAL = 125;

  /** The guest trapped (as a process killed by SIGABRT). */
  public static final int TRAP = 134;

  /** The memory limit was reached (as a process killed by the OOM killer). */
  public static final int MEMORY_LIMIT = 137;

  /** The output limit was reached (as SIGXFSZ). */
  public static final int OUTPUT_LIMIT = 153;

  private ExitCodes() {}

  /** The exit status for a finished run. */
  public static int of(RunResult r) {
    return switch (r.verdict()) {
      case OK -> r.exitCode();
      case TRAP -> TRAP;
      case TLE -> TIME_LIMIT;
      case MLE -> MEMORY_LIMIT;
      case OLE -> OUTPUT_LIMIT;
    };
  }
}
