package dev.wasibox.host.io;

import static com.google.common.base.Preconditions.checkArgument;

/** The total number of bytes a run may write to stdout and stderr together. */
public final class OutputBudget {
  private final long limit;
  private long used;

  public OutputBudget(long limit) {
    checkArgument(limit >= 0, "limit must be >= 0");
    this.limit = limit;
  }

  /** No limit worth the name (Long.MAX_VALUE bytes). */
  public static OutputBudget unlimited() {
    return new OutputBudget(Long.MAX_VALUE);
  }

  public long limit() {
    return limit;
  }

  public synchronized long used() {
    return used;
  }

  /** Takes up to {@code wanted} bytes from the budget and returns how many it granted. */
  synchronized long take(long wanted) {
    long granted = Math.min(wanted, limit - used);
    used += granted;
    return granted;
  }
}
