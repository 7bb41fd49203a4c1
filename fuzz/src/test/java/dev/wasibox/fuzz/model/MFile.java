package dev.wasibox.fuzz.model;

/**
 * A model regular file: its bytes, how many directory entries name it and how many open handles
 * hold it. It exists (and counts against the quota) while either is non-zero.
 */
public final class MFile extends MNode {
  public byte[] content = new byte[0];
  public int links;
  public int handles;

  @Override
  public char kind() {
    return 'F';
  }
}
