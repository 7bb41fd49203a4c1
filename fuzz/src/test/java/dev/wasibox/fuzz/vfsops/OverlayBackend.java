package dev.wasibox.fuzz.vfsops;

import dev.wasibox.fuzz.gen.HostTree;
import dev.wasibox.fuzz.model.ModelFs;
import dev.wasibox.fuzz.model.ModelTree;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.host.HostReadOnlyVolume;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An overlay whose lower layer is the tree planted in a temporary host directory ({@code
 * sandbox/} mounted with {@link HostReadOnlyVolume}) and whose upper layer is a memory volume:
 * the riskiest combination wasibox ships. The model follows with its overlay semantics ({@code
 * EXDEV} for renaming a directory with a lower part); hard links in the tree are split first,
 * since copy-up breaks them, as overlayfs does. "Unchanged" is the whole host directory.
 *
 * <p>The upper layer's accounting holds only copies and new nodes, unlike the model's census of
 * the whole tree, so the two are not compared. With {@code tightQuota} the upper layer gets the
 * fixture's headroom (its quota less what the initial tree uses, plus the upper root), which
 * copy-ups and new nodes reach, for the quota property (it has no model); otherwise {@link #ROOMY}, for
 * both the upper layer and the model: the steps' sizes (up to 60 bytes, or 1 MiB and more) then
 * fail or succeed alike on both, and the trees stay small enough to print.
 */
final class OverlayBackend implements Backend {
  static final Quota ROOMY = new Quota(512 << 10, 4096);

  private final boolean tightQuota;

  OverlayBackend(boolean tightQuota) {
    this.tightQuota = tightQuota;
  }

  @Override
  public String describe() {
    return "overlay of host-ro";
  }

  @Override
  public ModelFs.Semantics semantics(Quota quota) {
    return new ModelFs.Semantics(false, tightQuota ? quota : ROOMY, true);
  }

  private static Quota headroom(ModelTree tree, Quota quota) {
    ModelFs.Usage initial = new ModelFs(tree, new ModelFs.Semantics(false, Quota.DEFAULT)).usage();
    return new Quota(quota.maxBytes() - initial.bytes(), 1 + quota.maxInodes() - initial.inodes());
  }

  @Override
  public Mount mount(ModelTree tree, Quota quota) {
    HostTree.dropUnplantable(tree.root);
    HostTree.splitHardLinks(tree.root);
    HostDirectories host = HostDirectories.plant(tree);
    try {
      HostReadOnlyVolume lower = HostReadOnlyVolume.mount(host.base.resolve("sandbox"));
      Quota upperQuota = tightQuota ? headroom(tree, quota) : ROOMY;
      OverlayVolume overlay = OverlayVolume.create(lower.root(), upperQuota, () -> 0L);
      return new Mount() {
        @Override
        public DirectoryNode sandbox() {
          return overlay.root();
        }

        @Override
        public Optional<ModelFs.Usage> usage() {
          return Optional.empty();
        }

        @Override
        public Optional<ModelFs.Usage> writableUsage() {
          return Optional.of(new ModelFs.Usage(overlay.usedBytes(), overlay.usedInodes()));
        }

        @Override
        public Optional<Quota> writableQuota() {
          return Optional.of(upperQuota);
        }

        @Override
        public void checkOutsideUnchanged() {
          host.checkUnchanged("the overlay's lower host directory changed");
        }

        @Override
        public void close() {
          lower.close();
          host.close();
        }
      };
    } catch (IOException e) {
      host.close();
      throw new UncheckedIOException(e);
    }
  }
}
