package dev.wasibox.capabilities.policy;

import com.google.common.base.Joiner;
import com.google.common.base.Splitter;
import java.util.List;

/**
 * Checks and canonicalises the guest directory of a mount or export ({@code "/data/"} becomes
 * {@code "/data"}).
 *
 * <p>This is syntax, not resolution: the policy names mount points, it does not walk them. A
 * guest directory must start with {@code /}; repeated and trailing slashes are dropped; a NUL
 * byte, or a {@code .} or {@code ..} component, is rejected rather than interpreted (so the one
 * resolver in {@code vfs} stays the only code that gives {@code ..} a meaning).
 */
final class GuestDirs {
  private static final Splitter SLASH = Splitter.on('/').omitEmptyStrings();

  private GuestDirs() {}

  /**
   * The canonical spelling of {@code raw}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static String canonical(String raw) {
    if (raw.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("guest path contains a NUL byte");
    }
    if (!raw.startsWith("/")) {
      throw new IllegalArgumentException(
          "guest path \"" + raw + "\" is not absolute (it must start with '/')");
    }
    List<String> names = SLASH.splitToList(raw);
    for (String name : names) {
      if (name.equals(".") || name.equals("..")) {
        throw new IllegalArgumentException(
            "guest path \"" + raw + "\" contains a '" + name + "' component");
      }
    }
    return "/" + Joiner.on('/').join(names);
  }

  /** Whether guest directory {@code inner} is {@code outer} or lies below it (both canonical). */
  static boolean within(String inner, String outer) {
    return inner.equals(outer) || outer.equals("/") || inner.startsWith(outer + "/");
  }
}
