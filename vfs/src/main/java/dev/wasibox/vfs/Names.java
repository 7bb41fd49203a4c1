package dev.wasibox.vfs;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;

/**
 * Checks that a name handed to a backend is one component: non-empty, not {@code .} or {@code
 * ..}, no {@code /} and no NUL. The resolver never produces anything else; backends call this
 * again before touching their store, so a bug elsewhere cannot turn into a multi-component path.
 */
public final class Names {
  private Names() {}

  /** Returns {@code name} if it is a single component, else throws {@code EINVAL}. */
  public static String checkSingle(String name) {
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('/') >= 0
        || name.indexOf('\0') >= 0) {
      throw new WasiException(Errno.EINVAL, "not a single path component");
    }
    return name;
  }
}
