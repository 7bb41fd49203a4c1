package dev.wasibox.fuzz.vfsops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.fuzz.gen.Planter;
import dev.wasibox.fuzz.model.ModelFs;
import dev.wasibox.fuzz.model.ModelTree;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Jimfs memory backend: the tree is planted through the SPI into one {@link MemoryVolume}
 * whose quota covers the whole volume (outside included), so its accounting is the model's
 * census exactly.
 */
public final class MemoryBackend implements Backend {
  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public ModelFs.Semantics semantics(Quota quota) {
    return new ModelFs.Semantics(false, quota);
  }

  @Override
  public Mount mount(ModelTree tree, Quota quota) {
    MemoryVolume volume = MemoryVolume.create(quota, () -> 0L);
    new Planter().plant(tree.root, volume.root());
    DirectoryNode sandbox = (DirectoryNode) volume.root().lookup("sandbox");
    List<String> outside = outside(volume.root());
    return new Mount() {
      @Override
      public DirectoryNode sandbox() {
        return sandbox;
      }

      @Override
      public Optional<ModelFs.Usage> usage() {
        return Optional.of(new ModelFs.Usage(volume.usedBytes(), volume.usedInodes()));
      }

      @Override
      public void checkOutsideUnchanged() {
        assertEquals(outside, outside(volume.root()), "the volume outside sandbox/ changed");
      }

      @Override
      public void close() {}
    };
  }

  /** Everything in the volume but the sandbox's content, with inode numbers. */
  static List<String> outside(DirectoryNode volumeRoot) {
    List<String> lines = new ArrayList<>();
    for (DirEntry e : volumeRoot.list()) {
      Node n = volumeRoot.lookup(e.name());
      lines.add(e.name() + " " + e.type() + " ino=" + n.stat().ino());
      if (!e.name().equals("sandbox") && n instanceof DirectoryNode d) {
        for (String line : TreeView.real(d, true)) {
          lines.add(e.name() + "/" + line);
        }
      }
    }
    return lines;
  }
}
