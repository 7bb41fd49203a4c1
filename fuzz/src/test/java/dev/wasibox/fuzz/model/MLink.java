package dev.wasibox.fuzz.model;

/** A model symlink: its target text, verbatim. */
public final class MLink extends MNode {
  public final String target;

  public MLink(String target) {
    this.target = target;
  }

  @Override
  public char kind() {
    return 'L';
  }
}
