package dev.wasibox.capabilities.policy;

/** What the realtime or the monotonic clock of a guest reports. */
public enum ClockMode implements Keyword {
  /** The host's clock. The default. */
  REAL,
  /** Always the start value. */
  FROZEN,
  /** The start value on the first read, then one step more on every read: reproducible. */
  VIRTUAL
}
