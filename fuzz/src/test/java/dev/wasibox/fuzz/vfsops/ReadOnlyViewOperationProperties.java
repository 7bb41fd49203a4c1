package dev.wasibox.fuzz.vfsops;

import dev.wasibox.fuzz.gen.TreeSpec;
import java.util.List;
import net.jqwik.api.Disabled;
import net.jqwik.api.Property;

/**
 * The operation-sequence properties on a read-only backend ({@link ReadOnlyViewBackend}); once
 * {@code HostReadOnlyVolume} lands, a sibling class runs them on it (see fuzz/README.md).
 */
class ReadOnlyViewOperationProperties extends VfsOperationProperties {
  @Override
  protected Backend backend() {
    return new ReadOnlyViewBackend();
  }

  /** A read-only volume has no quota to keep: this property could not fail here. */
  @Override
  @Property
  @Disabled("no writable layer, so no quota: see sequence_neverChangesOutside")
  void sequence_staysWithinQuota(TreeSpec tree, List<Op> ops, Headroom room) {}
}
