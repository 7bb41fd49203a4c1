package dev.wasibox.host.run;

/** How a run ended. */
public enum Verdict {
  /** The guest returned from {@code _start} or called {@code proc_exit} (any exit code). */
  OK,
  /** The guest trapped, or the engine failed while running it. */
  TRAP,
  /** The wall-time or CPU-time limit was reached. */
  TLE,
  /** The guest needed more memory than its cap (at start, or a refused grow before failing). */
  MLE,
  /** The guest wrote more than its output limit. */
  OLE
}
