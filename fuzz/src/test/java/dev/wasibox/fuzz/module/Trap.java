package dev.wasibox.fuzz.module;

/** Thrown by a reference computation where the WebAssembly spec says the instruction traps. */
final class Trap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Trap(String why) {
    super(why, null, false, false);
  }
}
