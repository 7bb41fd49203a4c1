package dev.wasibox.vfs;

/** A symbolic link of a backend; its target is data, interpreted only by {@link PathResolver}. */
public interface SymlinkNode extends Node {
  /** The target text exactly as it was created. */
  String target();
}
