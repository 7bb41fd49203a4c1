package dev.wasibox.vfs;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import org.jspecify.annotations.Nullable;

/**
 * Where a path led: the directory that holds the last component, the last component's name, and
 * the node it names (null if absent). Operations act on {@code (parent, name)} and never look the
 * path up again.
 *
 * <p>When the path ends in {@code .} or {@code ..} (or is {@code .}), the result is the directory
 * itself: {@link #isSelf()} is true, {@link #name()} is {@code "."} and {@code parent == node}.
 * Such a name is never handed to a backend.
 *
 * @param parent the directory holding {@code name}
 * @param name a single component, or {@code "."} for the directory itself
 * @param node what {@code name} names (a symlink when it was not followed), or null
 * @param dirRequired whether the path (or the target of a final symlink) ended in {@code /}
 */
public record Resolved(
    DirectoryNode parent, String name, @Nullable Node node, boolean dirRequired) {
  /** The name of a result that is the directory itself. */
  public static final String SELF = ".";

  public Resolved {
    checkNotNull(parent);
    checkNotNull(name);
  }

  /** Whether the path named the directory {@link #parent()} itself. */
  public boolean isSelf() {
    return SELF.equals(name);
  }

  /** The node, or {@code ENOENT} if the last component does not exist. */
  public Node existing() {
    if (node == null) {
      throw new WasiException(Errno.ENOENT);
    }
    return node;
  }
}
