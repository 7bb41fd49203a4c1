package dev.wasibox.fuzz.vfsops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.fuzz.gen.TreeSpec;
import dev.wasibox.fuzz.model.ModelFs;
import dev.wasibox.fuzz.model.ModelTree;
import dev.wasibox.vfs.Quota;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random operation sequences on one backend, the same properties for every backend: a subclass
 * supplies {@link #backend()}: memory, the read-only host backend, and an overlay of a host
 * directory (see fuzz/README.md).
 *
 * <p>Fixture: a random {@link TreeSpec} (under {@code sandbox/} and {@code outside/}) mounted on
 * the backend with a quota of what the tree uses plus a little headroom, so that {@code ENOSPC}
 * happens; then up to 40 steps ({@link Op}) with paths from the tiny alphabet, some of them from
 * directory handles held by earlier steps.
 */
public abstract class VfsOperationProperties {
  /** The backend under test. */
  protected abstract Backend backend();

  @Provide
  Arbitrary<TreeSpec> trees() {
    // Fewer symlinks than for the resolver check: the steps make their own.
    return TreeSpec.trees(14, 4, 4, 2);
  }

  @Provide
  Arbitrary<List<Op>> sequences() {
    return Op.ops().list().ofMinSize(1).ofMaxSize(40);
  }

  @Provide
  Arbitrary<Headroom> headroom() {
    return Combinators.combine(Arbitraries.longs().between(0, 40), Arbitraries.longs().between(0, 10)).as(Headroom::new);
  }

  /** How much the quota leaves free beyond what the initial tree uses. */
  public record Headroom(long bytes, long inodes) {}

  /**
   * Every step has the same outcome on the backend as in the model; after every step the visible
   * trees are the same (names, types, contents, link counts, hard-link sharing, link targets),
   * and, where the backend accounts usage, its bytes and nodes are the model's census.
   */
  @Property(tries = 1500)
  void sequence_agreesWithModel(
      @ForAll("trees") TreeSpec tree, @ForAll("sequences") List<Op> ops, @ForAll("headroom") Headroom room) {
    checkAgreement(backend(), tree, ops, room);
  }

  /** The check of {@link #sequence_agreesWithModel}, for regression examples too. */
  static void checkAgreement(Backend backend, TreeSpec tree, List<Op> ops, Headroom room) {
    Fixture f = new Fixture(backend, tree, room);
    try (Backend.Mount mount = f.mount) {
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        String expected = op.apply(f.model);
        String actual = op.apply(f.real);
        collect(op, expected);
        String step = "step " + i + ": " + op;
        assertEquals(expected, actual, step);
        assertEquals(TreeView.model(f.model.tree().sandbox), TreeView.real(mount.sandbox(), false), () -> "tree after " + step);
        int n = i;
        mount.usage().ifPresent(u -> assertEquals(f.model.usage(), u, () -> "usage after step " + n + ": " + ops.get(n)));
      }
      f.real.closeAll();
    }
  }

  // ---------------------------------------------------------------- regressions (shrunk samples)

  /**
   * An empty write past the end charged the gap to the quota without growing the file (fixed in
   * MemoryOpenFile): usage 4 bytes for a 3-byte file, and ENOSPC for an empty write when full.
   */
  @Example
  void regression_emptyWritePastEnd_chargesNothing() {
    checkAgreement(backend(), TreeSpec.of("sandbox/m = xxx"), List.of(Op.write(0, "m", true, 4, "")), new Headroom(1, 0));
    checkAgreement(backend(), TreeSpec.of("sandbox/m = xxx"), List.of(Op.write(0, "m", true, 4, ""), Op.write(0, "m", true, 3, "p")), new Headroom(1, 0));
    checkAgreement(backend(), TreeSpec.of("sandbox/m = xxx"), List.of(Op.write(0, "m", true, 60, "")), new Headroom(0, 0));
  }

  /** Whatever the steps do, nothing outside {@code sandbox/} changes (this one needs no model). */
  @Property(tries = 400)
  void sequence_neverChangesOutside(
      @ForAll("trees") TreeSpec tree, @ForAll("sequences") List<Op> ops, @ForAll("headroom") Headroom room) {
    Fixture f = new Fixture(backend(), tree, room);
    try (Backend.Mount mount = f.mount) {
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        Statistics.label("outcome").collect(outcomeClass(op.apply(f.real)));
        f.mount.checkOutsideUnchanged();
      }
      f.real.closeAll();
      f.mount.checkOutsideUnchanged();
    }
  }

  /** Usage never goes over the quota, and goes back to what the tree used once handles close. */
  @Property(tries = 1000)
  void sequence_staysWithinQuota(
      @ForAll("trees") TreeSpec tree, @ForAll("sequences") List<Op> ops, @ForAll("headroom") Headroom room) {
    checkQuota(backend(), tree, ops, room);
  }

  /** The check of {@link #sequence_staysWithinQuota}, for a backend of the subclass's choice. */
  static void checkQuota(Backend backend, TreeSpec tree, List<Op> ops, Headroom room) {
    Fixture f = new Fixture(backend, tree, room);
    try (Backend.Mount mount = f.mount) {
      Quota quota = mount.writableQuota().orElse(f.quota);
      for (Op op : ops) {
        op.apply(f.real);
        mount.writableUsage().ifPresent(u -> {
          assertTrue(u.bytes() >= 0 && u.bytes() <= quota.maxBytes(), () -> "bytes " + u.bytes() + " with quota " + quota);
          assertTrue(u.inodes() >= 1 && u.inodes() <= quota.maxInodes(), () -> "inodes " + u.inodes() + " with quota " + quota);
        });
      }
      f.real.closeAll();
      mount.writableUsage().ifPresent(u -> Statistics.label("quota left after the sequence").collect(
          u.bytes() == quota.maxBytes() || u.inodes() == quota.maxInodes() ? "full" : "room"));
    }
  }

  /** One mounted tree and its model, with the quota computed from the tree. */
  static final class Fixture {
    final ModelFs model;
    final Quota quota;
    final Backend.Mount mount;
    final RealFs real;

    Fixture(Backend backend, TreeSpec spec, Headroom room) {
      ModelTree tree = spec.build();
      ModelFs.Usage initial = new ModelFs(tree, new ModelFs.Semantics(false, Quota.DEFAULT)).usage();
      quota = new Quota(initial.bytes() + room.bytes(), initial.inodes() + room.inodes());
      mount = backend.mount(tree, quota);
      model = new ModelFs(tree, backend.semantics(quota));
      real = new RealFs(mount.sandbox());
    }
  }

  private static void collect(Op op, String outcome) {
    String name = op.getClass().getSimpleName();
    Statistics.label("step").collect(name + " " + outcomeClass(outcome));
    Statistics.label("outcome").collect(outcomeClass(outcome));
  }

  /** An errno name, or {@code ok} for anything that succeeded. */
  static String outcomeClass(String outcome) {
    return outcome.matches("E[A-Z]+") ? outcome : outcome.equals("no handle") ? outcome : "ok";
  }
}
