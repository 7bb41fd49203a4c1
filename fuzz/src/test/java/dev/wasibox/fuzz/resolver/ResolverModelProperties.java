package dev.wasibox.fuzz.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.capabilities.WasiException;
import dev.wasibox.fuzz.gen.TreeSpec;
import dev.wasibox.fuzz.model.ModelPath;
import dev.wasibox.fuzz.model.ModelResolver;
import dev.wasibox.vfs.GuestPath;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.Resolved;
import dev.wasibox.vfs.Vfs;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Resolves random paths in random trees with wasibox and with the reference model and compares:
 * the same node (by the model inode it was planted from) or the same errno, for {@code Vfs.node}
 * and for {@code PathResolver.walk}; and, on wasibox alone, that a resolution from {@code
 * sandbox/} never yields a node outside it. Fixture: {@link ResolverFixture}.
 */
class ResolverModelProperties {
  @Provide
  Arbitrary<TreeSpec> trees() {
    return TreeSpec.trees(24);
  }

  @Provide
  Arbitrary<List<Probe>> probes() {
    return Probe.probes().list().ofMinSize(1).ofMaxSize(12);
  }

  /** {@code Vfs.node} names the same node as the model, or fails with the same errno. */
  @Property(tries = 5000)
  void node_agreesWithModel(@ForAll("trees") TreeSpec tree, @ForAll("probes") List<Probe> probes) {
    ResolverFixture f = new ResolverFixture(tree);
    for (Probe p : probes) {
      checkNode(f, p);
    }
  }

  /** {@code PathResolver.walk} gives the same parent, name, node and dirRequired as the model. */
  @Property(tries = 3000)
  void walk_agreesWithModel(@ForAll("trees") TreeSpec tree, @ForAll("probes") List<Probe> probes) {
    ResolverFixture f = new ResolverFixture(tree);
    for (Probe p : probes) {
      checkWalk(f, p);
    }
  }

  /**
   * Whatever the tree and the path, a resolution from {@code sandbox/} that succeeds yields a
   * parent and a node that lie inside it (this one needs no model).
   */
  @Property(tries = 3000)
  void resolution_neverLeavesTheSandbox(
      @ForAll("trees") TreeSpec tree, @ForAll("probes") List<Probe> probes) {
    ResolverFixture f = new ResolverFixture(tree);
    for (Probe p : probes) {
      checkContained(f, p);
    }
  }

  static void checkNode(ResolverFixture f, Probe p) {
    ModelResolver model = new ModelResolver();
    String expected = outcome(() -> ResolverFixture.label(model.node(f.model.sandbox, ModelPath.parse(p.path().bytes()), p.follow())));
    Vfs vfs = Vfs.withDefaults();
    String actual = outcome(() -> f.label(vfs.node(f.sandbox, vfs.parse(p.path().bytes()), p.follow())));
    collect(p, expected, model.trace());
    assertEquals(expected, actual, () -> "Vfs.node(" + p + ") in " + f.model.sandbox);
  }

  static void checkWalk(ResolverFixture f, Probe p) {
    ModelResolver model = new ModelResolver();
    String expected = outcome(() -> {
      ModelResolver.Walked w = model.walk(f.model.sandbox, ModelPath.parse(p.path().bytes()), p.follow());
      return ResolverFixture.label(w.parent()) + " " + w.name() + " " + (w.node() == null ? "-" : ResolverFixture.label(w.node())) + (w.dirRequired() ? " dirRequired" : "");
    });
    Vfs vfs = Vfs.withDefaults();
    String actual = outcome(() -> {
      GuestPath path = vfs.parse(p.path().bytes());
      Resolved r = vfs.resolver().walk(f.sandbox, path, p.follow());
      return f.label(r.parent()) + " " + r.name() + " " + (r.node() == null ? "-" : f.label(r.node())) + (r.dirRequired() ? " dirRequired" : "");
    });
    collect(p, expected.contains(" ") ? "resolved" : expected, model.trace());
    assertEquals(expected, actual, () -> "PathResolver.walk(" + p + ")");
  }

  static void checkContained(ResolverFixture f, Probe p) {
    Vfs vfs = Vfs.withDefaults();
    Resolved r;
    try {
      r = vfs.resolver().walk(f.sandbox, vfs.parse(p.path().bytes()), p.follow());
    } catch (WasiException e) {
      Statistics.label("outcome").collect(e.errno().name());
      return;
    }
    Statistics.label("outcome").collect(r.node() == null ? "absent" : r.node().type().name());
    assertInside(f, r.parent(), p);
    if (r.node() != null) {
      assertInside(f, r.node(), p);
    }
  }

  private static void assertInside(ResolverFixture f, Node n, Probe p) {
    assertTrue(f.sandboxInos.contains(n.stat().ino()), () -> p + " reached " + f.label(n) + ", which is not under sandbox/");
  }

  /** Runs {@code op}: its description, or the errno it failed with; anything else is a bug. */
  static String outcome(Supplier<String> op) {
    try {
      return op.get();
    } catch (WasiException e) {
      return e.errno().name();
    }
  }

  private static void collect(Probe p, String outcome, ModelResolver.Trace trace) {
    Statistics.label("outcome").collect(outcome.contains("#") ? "node " + outcome.charAt(0) : outcome);
    int depth = p.path().depth();
    Statistics.label("path components").collect(depth == 0 ? "0" : depth <= 2 ? "1-2" : depth <= 5 ? "3-5" : depth <= 50 ? "6-50" : ">50");
    Statistics.label("escape attempted").collect(trace.escapeAttempt || isAbsolute(p));
    Statistics.label("symlink expansions").collect(trace.expansions == 0 ? "0" : trace.expansions <= 2 ? "1-2" : trace.expansions <= 40 ? "3-40" : "41 (ELOOP)");
  }

  private static boolean isAbsolute(Probe p) {
    return p.path().bytes().length > 0 && p.path().bytes()[0] == '/';
  }

  // ---------------------------------------------------------------- regressions (shrunk samples)

  /**
   * A symlink target over 4096 bytes that also holds a NUL: {@code ENAMETOOLONG}, the first check
   * in GuestPath's documented order (targets were checked for NUL first and gave {@code EINVAL}).
   */
  @Example
  void regression_longTargetWithNul_isNameTooLong() {
    ResolverFixture f = new ResolverFixture(TreeSpec.of("sandbox/a -> " + "x{255}/".repeat(17) + "\0"));
    checkNode(f, Probe.of("a", true));
    checkWalk(f, Probe.of("a/b", false));
  }
}
