package dev.wasibox.vfs;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Limits on a writable layer: the bytes of content it may hold (file contents and symlink
 * targets) and the number of nodes (files, directories, symlinks). An operation that would go
 * over either fails with {@code ENOSPC} and changes nothing.
 *
 * @param maxBytes the most bytes of content: files' logical sizes plus symlinks' target lengths
 * @param maxInodes the most nodes, the root directory included
 */
public record Quota(long maxBytes, long maxInodes) {
  /** 64 MiB and 65,536 nodes. */
  public static final Quota DEFAULT = new Quota(64L << 20, 1L << 16);

  public Quota {
    checkArgument(maxBytes >= 0, "maxBytes must be >= 0");
    checkArgument(maxInodes >= 1, "maxInodes must be >= 1 (the root)");
  }
}
