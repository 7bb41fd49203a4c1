package dev.wasibox.capabilities.policy;

/** The kind of filesystem a mount gives the guest. */
public enum MountType implements Keyword {
  /** An empty in-memory directory tree, writable up to its quota. */
  MEMORY,
  /** A host directory, read-only: every change fails with EROFS. */
  HOST_RO,
  /**
   * A host directory under a writable in-memory layer: the guest may write, the host never
   * changes.
   */
  OVERLAY
}
