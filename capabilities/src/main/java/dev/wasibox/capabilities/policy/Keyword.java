package dev.wasibox.capabilities.policy;

import java.util.Locale;

/**
 * An enum constant that a policy file spells as a lower-case, kebab-case word ({@code HOST_RO} is
 * {@code "host-ro"}).
 */
public interface Keyword {
  /** The constant's name. */
  String name();

  /** The spelling in a policy file. */
  default String keyword() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
