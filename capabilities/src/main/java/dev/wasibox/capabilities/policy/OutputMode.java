package dev.wasibox.capabilities.policy;

/** Where a guest's standard output or standard error goes. */
public enum OutputMode implements Keyword {
  /** The host process's own stream. The default. */
  INHERIT,
  /** Kept in memory for the embedding program (a judge compares it). */
  CAPTURE,
  /** Counted against the limits, then dropped. */
  DISCARD,
  /** A host file, created or truncated by the runtime ({@code stdout-file}, {@code stderr-file}). */
  FILE
}
