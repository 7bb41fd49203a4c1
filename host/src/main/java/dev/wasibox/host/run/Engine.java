package dev.wasibox.host.run;

/** How guest code executes. */
public enum Engine {
  /**
   * Chicory's runtime compiler to JVM bytecode: fast, and interruptible at every backward jump
   * (the default).
   */
  COMPILER,
  /**
   * Chicory's interpreter: no compile step, but the 1.7.5 interpreter cannot be interrupted in
   * {@code br_if} loops; the watchdog then stops the thread the hard way (see SECURITY.md).
   */
  INTERPRETER
}
