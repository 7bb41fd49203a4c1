package dev.wasibox.host.judge;

/** The verdict of one test case, as online judges name them. */
public enum CaseVerdict {
  /** Accepted. */
  AC,
  /** Wrong answer. */
  WA,
  /** Time limit exceeded (wall or CPU). */
  TLE,
  /** Memory limit exceeded. */
  MLE,
  /** Output limit exceeded. */
  OLE,
  /** Runtime error: a trap, or a non-zero exit. */
  RE,
  /** Internal error: the checker itself failed (trapped, or exited with neither 0 nor 1). */
  IE,
  /** Not run, because an earlier case failed and the judge was told to stop. */
  SKIPPED
}
