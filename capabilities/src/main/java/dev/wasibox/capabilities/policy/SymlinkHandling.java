package dev.wasibox.capabilities.policy;

/** What an export does with a symlink the guest left in the exported tree. */
public enum SymlinkHandling implements Keyword {
  /** Creates a symlink with the same target text on the host; it is never followed. */
  COPY,
  /** Fails the export. The default. */
  REFUSE
}
