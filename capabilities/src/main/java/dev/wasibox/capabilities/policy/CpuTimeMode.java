package dev.wasibox.capabilities.policy;

/** What the process and thread CPU-time clocks of a guest report. */
public enum CpuTimeMode implements Keyword {
  /** The CPU time of the thread that runs the guest. The default. */
  REAL,
  /**
   * Each CPU-time clock follows the rules of the (frozen or virtual) monotonic clock: same start,
   * same step, its own counter. Reproducible. Requires {@code clocks.monotonic} not to be real.
   */
  VIRTUAL,
  /**
   * Not available: reading a CPU-time clock or its resolution fails as for a clock the host does
   * not have (the runtime documents the errno: EINVAL or ENOTSUP).
   */
  NONE
}
