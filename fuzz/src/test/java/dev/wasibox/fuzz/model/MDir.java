package dev.wasibox.fuzz.model;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.util.TreeMap;

/** A model directory: a sorted map of names to nodes, and whether it has been removed. */
public final class MDir extends MNode {
  /** The entries, without {@code .} and {@code ..}. */
  public final TreeMap<String, MNode> entries = new TreeMap<>();

  /** Set when the directory is removed; every later use of it is {@code ENOENT}. */
  public boolean removed;

  @Override
  public char kind() {
    return 'D';
  }

  /** The entry {@code name}, or null; {@code ENOENT} if this directory was removed. */
  public MNode lookup(String name) {
    live();
    return entries.get(name);
  }

  /** Throws {@code ENOENT} if this directory was removed. */
  public void live() {
    if (removed) {
      throw new WasiException(Errno.ENOENT, "model: directory was removed");
    }
  }
}
