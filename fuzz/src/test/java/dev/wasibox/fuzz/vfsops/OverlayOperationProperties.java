package dev.wasibox.fuzz.vfsops;

import dev.wasibox.fuzz.gen.TreeSpec;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The operation-sequence properties on an overlay of a host directory ({@link OverlayBackend}):
 * every step agrees with the model's overlay semantics, the lower host directory never changes,
 * and the upper layer stays within a quota it can reach.
 */
class OverlayOperationProperties extends VfsOperationProperties {
  @Override
  protected Backend backend() {
    return new OverlayBackend(false);
  }

  /** The upper layer under the fixture's quota, which copy-ups and new nodes do reach. */
  @Override
  @Property(tries = 1000)
  void sequence_staysWithinQuota(
      @ForAll("trees") TreeSpec tree, @ForAll("sequences") List<Op> ops, @ForAll("headroom") Headroom room) {
    checkQuota(new OverlayBackend(true), tree, ops, room);
  }
}
