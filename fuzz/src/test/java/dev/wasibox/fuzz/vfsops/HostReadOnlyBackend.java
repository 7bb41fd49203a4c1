package dev.wasibox.fuzz.vfsops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.fuzz.gen.HostTree;
import dev.wasibox.fuzz.model.ModelFs;
import dev.wasibox.fuzz.model.ModelTree;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.host.HostReadOnlyVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
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
    Path base = HostDirectories.create();
    try {
      HostTree.plant(tree.root, base);
      List<String> before = HostTree.snapshot(base);
      HostReadOnlyVolume volume = HostReadOnlyVolume.mount(base.resolve("sandbox"));
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
          try {
            assertEquals(before, HostTree.snapshot(base), "the host directory changed");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void close() {
          volume.close();
          HostDirectories.delete(base);
        }
      };
    } catch (IOException e) {
      HostDirectories.delete(base);
      throw new UncheckedIOException(e);
    }
  }
}
