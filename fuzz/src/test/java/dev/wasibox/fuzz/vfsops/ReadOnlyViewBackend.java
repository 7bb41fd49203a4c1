package dev.wasibox.fuzz.vfsops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.fuzz.gen.Planter;
import dev.wasibox.fuzz.model.ModelFs;
import dev.wasibox.fuzz.model.ModelTree;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.util.List;
import java.util.Optional;

/**
 * A read-only backend for the sequence properties: the tree planted in a memory volume and
 * mounted through {@link ReadOnlyView}. Until {@code HostReadOnlyVolume} lands it stands in for
 * it, so that the model's read-only semantics ({@code EROFS} after the same name and type checks
 * as a writable volume) run in CI; "unchanged" is checked on the whole volume, sandbox included.
 */
final class ReadOnlyViewBackend implements Backend {
  @Override
  public String describe() {
    return "read-only view of memory";
  }

  @Override
  public ModelFs.Semantics semantics(Quota quota) {
    return new ModelFs.Semantics(true, quota);
  }

  @Override
  public Mount mount(ModelTree tree, Quota quota) {
    MemoryVolume volume = MemoryVolume.create(Quota.DEFAULT, () -> 0L);
    new Planter().plant(tree.root, volume.root());
    ReadOnlyView view = new ReadOnlyView(volume);
    DirectoryNode sandbox = (DirectoryNode) view.wrap(volume.root().lookup("sandbox"));
    List<String> everything = TreeView.real(volume.root(), true);
    return new Mount() {
      @Override
      public DirectoryNode sandbox() {
        return sandbox;
      }

      @Override
      public Optional<ModelFs.Usage> usage() {
        return Optional.empty();
      }

      @Override
      public void checkOutsideUnchanged() {
        assertEquals(everything, TreeView.real(volume.root(), true), "a read-only volume changed");
      }

      @Override
      public void close() {}
    };
  }
}
