package dev.wasibox.fuzz.vfsops;

import dev.wasibox.fuzz.gen.TreeSpec;
import java.util.List;
import net.jqwik.api.Disabled;
import net.jqwik.api.Property;

/**
 * The operation-sequence properties on the read-only host backend ({@link HostReadOnlyBackend}):
 * every step agrees with the model's read-only semantics, and the host directory never changes.
 */
class HostReadOnlyOperationProperties extends VfsOperationProperties {
  @Override
  protected Backend backend() {
    return new HostReadOnlyBackend();
  }

  /** A read-only volume has no quota to keep: this property could not fail here. */
  @Override
  @Property
  @Disabled("no writable layer, so no quota: see sequence_neverChangesOutside")
  void sequence_staysWithinQuota(TreeSpec tree, List<Op> ops, Headroom room) {}
}
