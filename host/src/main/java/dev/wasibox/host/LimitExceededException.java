package dev.wasibox.host;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A run hit one of its limits. Thrown from inside a host function or the watchdog, it ends the run
 * (it is never turned into an errno) and is reported as that limit's verdict.
 */
public final class LimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Limit limit;

  public LimitExceededException(Limit limit, String detail) {
    super(detail, null, false, false);
    this.limit = checkNotNull(limit);
  }

  public Limit limit() {
    return limit;
  }

  /** Which limit was hit. */
  public enum Limit {
    WALL_TIME,
    CPU_TIME,
    MEMORY,
    OUTPUT,
    STACK
  }
}
