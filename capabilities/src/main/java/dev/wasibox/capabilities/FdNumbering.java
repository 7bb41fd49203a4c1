package dev.wasibox.capabilities;

/** How an {@link FdTable} picks the number of a new descriptor. */
public enum FdNumbering {
  /** The lowest number not in use, as POSIX {@code open} does. Reproducible. */
  LOWEST_FREE,
  /**
   * A number drawn from a seeded generator over a range a few times the table's size, so that a
   * guest cannot predict the descriptors of other objects. Reproducible for a given seed.
   */
  RANDOM
}
