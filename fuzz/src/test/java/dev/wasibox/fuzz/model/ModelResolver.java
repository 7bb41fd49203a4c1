package dev.wasibox.fuzz.model;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference resolver, recursive in the textbook ({@code namei}) way: every component but the
 * last must lead to a directory, and a symlink met there is resolved by resolving its whole target
 * (recursively) from the directory that holds it; the last component is looked up, and followed
 * only if asked. The rules, from DESIGN.md and {@code PathResolver}'s Javadoc:
 *
 * <ul>
 *   <li>{@code .} stays, {@code ..} pops the stack of directories walked through; popping the
 *       start directory is {@code EPERM} (even if a later component would come back);
 *   <li>a missing directory in the middle is {@code ENOENT}, a non-directory {@code ENOTDIR};
 *   <li>a symlink target is parsed as a path ({@link ModelPath}: absolute {@code EPERM}, empty
 *       {@code ENOENT}, ...); the 41st expansion of one resolution is {@code ELOOP}; all targets
 *       expanded in one resolution may hold at most 8 × 4096 characters ({@code ENAMETOOLONG});
 *   <li>a trailing {@code /} requires a directory, and so does a trailing {@code /} in the target
 *       of a followed last symlink (never one in the middle).
 * </ul>
 *
 * <p>One {@code ModelResolver} is one resolution: it carries the expansion count and a trace that
 * the properties report as statistics.
 */
public final class ModelResolver {
  public static final int MAX_EXPANSIONS = 40;
  public static final int EXPANSION_CHARS = 8 * ModelPath.MAX_PATH;

  /**
   * Where a path led.
   *
   * @param stack the directories walked through, start first; the last one holds {@code name}
   * @param name the last component, or {@code "."} when the path named the directory itself
   * @param node what {@code name} names (a symlink if not followed), or null if absent
   * @param dirRequired whether a trailing slash asks for a directory
   */
  public record Walked(List<MDir> stack, String name, MNode node, boolean dirRequired) {
    public MDir parent() {
      return stack.get(stack.size() - 1);
    }

    public boolean isSelf() {
      return name.equals(".");
    }
  }

  /** What one resolution went through, for statistics. */
  public static final class Trace {
    public int expansions;
    public int maxDepth;
    /** Set when the resolution tried to leave its start directory (popping it, or absolute). */
    public boolean escapeAttempt;
  }

  private final Trace trace = new Trace();
  private int expansions;
  private int expandedChars;

  public Trace trace() {
    return trace;
  }

  /** Resolves {@code path} from {@code start}, following a last symlink only if {@code follow}. */
  public Walked walk(MDir start, ModelPath path, boolean follow) {
    List<MDir> stack = new ArrayList<>();
    stack.add(start);
    return resolve(stack, path, follow, false);
  }

  /**
   * The node a path names, as {@code Vfs.node}: a trailing slash follows a last symlink and
   * requires a directory ({@code ENOTDIR}); absent is {@code ENOENT}.
   */
  public MNode node(MDir start, ModelPath path, boolean follow) {
    Walked w = walk(start, path, follow || path.trailingSlash());
    if (w.node() == null) {
      throw new WasiException(Errno.ENOENT, "model: missing");
    }
    if (w.dirRequired() && !(w.node() instanceof MDir)) {
      throw new WasiException(Errno.ENOTDIR, "model: not a directory");
    }
    return w.node();
  }

  private Walked resolve(List<MDir> stack, ModelPath path, boolean follow, boolean dirRequired) {
    List<String> parts = path.components();
    for (int i = 0; i < parts.size() - 1; i++) {
      stack = enterDirectory(stack, parts.get(i));
    }
    return last(stack, parts.get(parts.size() - 1), follow, dirRequired || path.trailingSlash());
  }

  /** Steps into the directory {@code name} names (following symlinks); returns the new stack. */
  private List<MDir> enterDirectory(List<MDir> stack, String name) {
    if (name.equals(".")) {
      return stack;
    }
    if (name.equals("..")) {
      return pop(stack);
    }
    MNode child = top(stack).lookup(name);
    if (child == null) {
      throw new WasiException(Errno.ENOENT, "model: missing directory " + name);
    }
    if (child instanceof MFile) {
      throw new WasiException(Errno.ENOTDIR, "model: file in the middle");
    }
    if (child instanceof MDir dir) {
      return push(stack, dir);
    }
    Walked target = resolve(stack, expand((MLink) child), true, false);
    if (target.node() == null) {
      throw new WasiException(Errno.ENOENT, "model: link to a missing directory");
    }
    if (!(target.node() instanceof MDir dir)) {
      throw new WasiException(Errno.ENOTDIR, "model: link to a non-directory in the middle");
    }
    return target.isSelf() ? target.stack() : push(target.stack(), dir);
  }

  private Walked last(List<MDir> stack, String name, boolean follow, boolean dirRequired) {
    if (name.equals(".") || name.equals("..")) {
      List<MDir> s = name.equals(".") ? stack : pop(stack);
      return new Walked(s, ".", top(s), dirRequired);
    }
    MNode child = top(stack).lookup(name);
    if (child instanceof MLink link && follow) {
      ModelPath target = expand(link);
      return resolve(stack, target, true, dirRequired || target.trailingSlash());
    }
    return new Walked(stack, name, child, dirRequired);
  }

  private ModelPath expand(MLink link) {
    expansions++;
    trace.expansions = expansions;
    if (expansions > MAX_EXPANSIONS) {
      throw new WasiException(Errno.ELOOP, "model: too many symlinks");
    }
    ModelPath target;
    try {
      target = ModelPath.parse(link.target);
    } catch (WasiException e) {
      if (e.errno() == Errno.EPERM) {
        trace.escapeAttempt = true;
      }
      throw e;
    }
    expandedChars += link.target.length();
    if (expandedChars > EXPANSION_CHARS) {
      throw new WasiException(Errno.ENAMETOOLONG, "model: symlink expansion too long");
    }
    return target;
  }

  private List<MDir> pop(List<MDir> stack) {
    if (stack.size() == 1) {
      trace.escapeAttempt = true;
      throw new WasiException(Errno.EPERM, "model: .. above the start directory");
    }
    return stack.subList(0, stack.size() - 1);
  }

  private List<MDir> push(List<MDir> stack, MDir dir) {
    List<MDir> s = new ArrayList<>(stack);
    s.add(dir);
    trace.maxDepth = Math.max(trace.maxDepth, s.size() - 1);
    return s;
  }

  private static MDir top(List<MDir> stack) {
    return stack.get(stack.size() - 1);
  }
}
