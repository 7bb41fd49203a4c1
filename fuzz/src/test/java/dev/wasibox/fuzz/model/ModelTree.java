package dev.wasibox.fuzz.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole model volume of one test: a volume root holding the mounted {@code sandbox}
 * directory and its sibling {@code outside}, which no operation from inside may reach.
 *
 * <pre>
 * (volume root)
 *   outside/        what must stay unreachable and unchanged
 *     secret = "SECRET"
 *     ...generated
 *   sandbox/        the mount: every path is resolved from here (or from a directory under it)
 *     ...generated
 * </pre>
 */
public final class ModelTree {
  public final MDir root = new MDir();
  public final MDir sandbox = new MDir();
  public final MDir outside = new MDir();

  public ModelTree() {
    root.entries.put("outside", outside);
    root.entries.put("sandbox", sandbox);
    MFile secret = new MFile();
    secret.content = "SECRET".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    secret.links = 1;
    outside.entries.put("secret", secret);
  }

  /** Every node physically under {@code dir} (no symlink followed), {@code dir} included. */
  public static Set<MNode> subtree(MDir dir) {
    Set<MNode> out = new HashSet<>();
    collect(dir, out);
    return out;
  }

  private static void collect(MNode node, Set<MNode> out) {
    if (!out.add(node)) {
      return;
    }
    if (node instanceof MDir d) {
      for (MNode child : d.entries.values()) {
        collect(child, out);
      }
    }
  }

  /** The directories under {@code dir} (included), parents first, in name order. */
  public static List<MDir> directories(MDir dir) {
    List<MDir> out = new ArrayList<>();
    out.add(dir);
    for (int i = 0; i < out.size(); i++) {
      for (Map.Entry<String, MNode> e : out.get(i).entries.entrySet()) {
        if (e.getValue() instanceof MDir d) {
          out.add(d);
        }
      }
    }
    return out;
  }
}
