package dev.wasibox.capabilities.policy;

/** Where a guest's standard input comes from. */
public enum StdinMode implements Keyword {
  /** An empty stdin: the first read returns end of file. The default. */
  NONE,
  /** The standard input of the host process. */
  INHERIT,
  /** A host file, read from its start ({@code stdin-file}). */
  FILE
}
