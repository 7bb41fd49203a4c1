package dev.wasibox.fuzz.module;

import dev.wasibox.host.run.Verdict;

/**
 * What the WebAssembly spec and wasibox's documented verdicts say a template module does.
 *
 * @param verdict how the run ends
 * @param exitCode the exit code (for {@code OK}, and for {@code MLE} after an exit), else -1
 * @param why a short reason, for reports
 */
record Expected(Verdict verdict, int exitCode, String why) {
  static Expected exit(int code) {
    return new Expected(Verdict.OK, code, "exit " + code);
  }

  static Expected trap(String why) {
    return new Expected(Verdict.TRAP, -1, why);
  }
}
