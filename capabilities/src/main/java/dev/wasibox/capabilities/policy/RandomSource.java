package dev.wasibox.capabilities.policy;

/** Where the bytes of {@code random_get} come from. */
public enum RandomSource implements Keyword {
  /** The host's strong random generator. The default. */
  REAL,
  /** A deterministic generator started from {@code random.seed}: every run gets the same bytes. */
  SEEDED
}
