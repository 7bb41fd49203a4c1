package dev.wasibox.vfs;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that splits a guest path, interprets {@code .} and {@code ..}, reads symlink
 * targets and follows them. Modelled on cap-std's manual resolver ({@code manually/open.rs}).
 *
 * <p>The walk keeps a stack of the directory nodes it went through, starting at the directory of
 * the descriptor (the capability). {@code ..} pops that stack, physically, never lexically; popping
 * the start directory fails with {@code EPERM}, even if a later component would come back. Each
 * normal component is looked up as one name in one directory node. A symlink met in the middle
 * of a path is always followed: its target (parsed by {@link GuestPath}, so an absolute target is
 * {@code EPERM}) is pushed in front of the remaining components and walked from the directory
 * that holds the link. Expansions are counted over the whole resolution; the 41st is {@code
 * ELOOP}. A non-directory in the middle is {@code ENOTDIR}, a missing one {@code ENOENT}.
 *
 * <p>The last component is followed only when the caller asks; a trailing {@code /} sets {@link
 * Resolved#dirRequired()}, and so does a trailing {@code /} in the target of a followed last link
 * (cap-std 2a2f4b06). Trailing {@code /} never reaches a backend.
 */
public final class PathResolver {
  /** Symlink expansions allowed in one resolution (cap-std {@code MAX_SYMLINK_EXPANSIONS}). */
  public static final int MAX_SYMLINK_EXPANSIONS = 40;

  /** Total symlink target text one resolution may expand, in multiples of the path limit. */
  private static final int EXPANSION_BUDGET_PATHS = 8;

  private final PathLimits limits;

  public PathResolver(PathLimits limits) {
    this.limits = checkNotNull(limits);
  }

  public PathLimits limits() {
    return limits;
  }

  /**
   * Walks {@code path} from {@code start}.
   *
   * @param follow whether a symlink in the last position is followed (one in the middle always is)
   * @return the parent directory, the last name and what it names
   * @throws WasiException {@code EPERM} escape or absolute symlink target; {@code ENOENT} missing
   *     directory in the middle or empty symlink target; {@code ENOTDIR} non-directory in the
   *     middle; {@code ELOOP} too many expansions; {@code ENAMETOOLONG} expansion too long
   */
  public Resolved walk(DirectoryNode start, GuestPath path, boolean follow) {
    checkNotNull(start);
    Walk walk = new Walk(start, path);
    return walk.run(follow);
  }

  /** The state of one resolution. */
  private final class Walk {
    /** Directories walked through; the bottom is the start directory and can never be popped. */
    private final List<DirectoryNode> stack = new ArrayList<>();

    /** Components still to walk, next first. */
    private final ArrayDeque<String> pending = new ArrayDeque<>();

    private int expansions;
    private int pendingBytes;
    private boolean dirRequired;

    Walk(DirectoryNode start, GuestPath path) {
      stack.add(start);
      for (String c : path.components()) {
        pending.addLast(c);
      }
      dirRequired = path.trailingSlash();
      pendingBytes = EXPANSION_BUDGET_PATHS * limits.maxPathBytes();
    }

    private DirectoryNode current() {
      return stack.get(stack.size() - 1);
    }

    Resolved run(boolean follow) {
      while (true) {
        String component = pending.removeFirst();
        boolean last = pending.isEmpty();
        if (component.equals(".")) {
          if (last) {
            return self();
          }
          continue;
        }
        if (component.equals("..")) {
          if (stack.size() == 1) {
            throw new WasiException(Errno.EPERM, "path escapes its directory");
          }
          stack.remove(stack.size() - 1);
          if (last) {
            return self();
          }
          continue;
        }
        DirectoryNode dir = current();
        Node node = dir.lookup(component);
        if (node == null) {
          if (last) {
            return new Resolved(dir, component, null, dirRequired);
          }
          throw new WasiException(Errno.ENOENT);
        }
        switch (node.type()) {
          case DIRECTORY:
            if (last) {
              return new Resolved(dir, component, node, dirRequired);
            }
            stack.add((DirectoryNode) node);
            break;
          case SYMBOLIC_LINK:
            if (last && !follow) {
              return new Resolved(dir, component, node, dirRequired);
            }
            expand((SymlinkNode) node, last);
            break;
          default:
            if (last) {
              return new Resolved(dir, component, node, dirRequired);
            }
            throw new WasiException(Errno.ENOTDIR);
        }
      }
    }

    private Resolved self() {
      DirectoryNode dir = current();
      return new Resolved(dir, Resolved.SELF, dir, dirRequired);
    }

    /** Replaces a symlink by its target's components, to be walked from the link's directory. */
    private void expand(SymlinkNode link, boolean wasLast) {
      if (++expansions > MAX_SYMLINK_EXPANSIONS) {
        throw new WasiException(Errno.ELOOP);
      }
      GuestPath target = GuestPath.parse(link.target(), limits);
      // Bound the total work of one resolution (fan-out bombs): the target text expanded in one
      // resolution may not exceed a few PATH_MAX in all.
      int targetBytes = link.target().length();
      if (targetBytes > pendingBytes) {
        throw new WasiException(Errno.ENAMETOOLONG, "symlink expansion too long");
      }
      pendingBytes -= targetBytes;
      List<String> parts = target.components();
      for (int i = parts.size() - 1; i >= 0; i--) {
        pending.addFirst(parts.get(i));
      }
      if (wasLast && target.trailingSlash()) {
        dirRequired = true;
      }
    }
  }
}
