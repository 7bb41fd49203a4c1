package dev.wasibox.fuzz.vfsops;

import dev.wasibox.fuzz.gen.HostTree;
import dev.wasibox.fuzz.model.ModelFs;
import dev.wasibox.fuzz.model.ModelTree;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.host.HostReadOnlyVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The read-only host backend: the tree planted in a temporary host directory (hard links as host
 * hard links; symlinks Linux cannot hold dropped from the model too) and {@code sandbox/} mounted
 * with {@link HostReadOnlyVolume}. "Unchanged" is the whole host directory: names, contents, link
 * targets, inode numbers, modification and change times.
 */
final class HostReadOnlyBackend implements Backend {
  @Override
  public String describe() {
    return "host-ro";
  }

  @Override
  public ModelFs.Semantics semantics(Quota quota) {
    return new ModelFs.Semantics(true, quota);
  }

  @Override
  public Mount mount(ModelTree tree, Quota quota) {
    HostTree.dropUnplantable(tree.root);
    HostDirectories host = HostDirectories.plant(tree);
    try {
      HostReadOnlyVolume volume = HostReadOnlyVolume.mount(host.base.resolve("sandbox"));
      return new Mount() {
        @Override
        public DirectoryNode sandbox() {
          return volume.root();
        }

        @Override
        public Optional<ModelFs.Usage> usage() {
          return Optional.empty();
        }

        @Override
        public void checkOutsideUnchanged() {
          host.checkUnchanged("the host directory changed");
        }

        @Override
        public void close() {
          volume.close();
          host.close();
        }
      };
    } catch (IOException e) {
      host.close();
      throw new UncheckedIOException(e);
    }
  }
}
