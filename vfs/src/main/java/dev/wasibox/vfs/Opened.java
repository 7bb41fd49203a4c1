package dev.wasibox.vfs;

import static com.google.common.base.Preconditions.checkArgument;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Vfs#open} produced: a directory (and no file handle) or a regular file with its open
 * handle.
 */
public record Opened(Node node, @Nullable OpenFile file) {
  public Opened {
    checkArgument(
        (node instanceof DirectoryNode) == (file == null),
        "a directory has no file handle, and a file has one");
  }

  /** The directory, if this is one. */
  public @Nullable DirectoryNode directory() {
    return node instanceof DirectoryNode ? (DirectoryNode) node : null;
  }
}
