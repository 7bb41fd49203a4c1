package dev.wasibox.fuzz.gen;

import dev.wasibox.fuzz.model.MDir;
import dev.wasibox.fuzz.model.MFile;
import dev.wasibox.fuzz.model.MLink;
import dev.wasibox.fuzz.model.MNode;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Plants a model tree into a real volume through the node SPI (as {@code
 * FixtureTree.plantWithSpi} does), so that absolute, empty and escaping symlink targets can be
 * planted too, and records which real inode each model node became.
 */
public final class Planter {
  /** Model inode number to real {@code ino}, and back. */
  public final Map<Integer, Long> inoOf = new HashMap<>();

  public final Map<Long, Integer> idOf = new HashMap<>();

  private final Map<MFile, FileNode> planted = new IdentityHashMap<>();

  /** Plants the children of {@code model} into {@code real}, recursively. */
  public void plant(MDir model, DirectoryNode real) {
    record(model, real);
    for (Map.Entry<String, MNode> e : model.entries.entrySet()) {
      String name = e.getKey();
      MNode child = e.getValue();
      if (child instanceof MDir d) {
        plant(d, real.createDirectory(name));
      } else if (child instanceof MLink l) {
        record(l, real.createSymlink(name, l.target));
      } else {
        MFile f = (MFile) child;
        FileNode existing = planted.get(f);
        if (existing != null) {
          real.link(name, existing);
          continue;
        }
        FileNode file = real.createFile(name);
        try (OpenFile out = file.open(false, true)) {
          out.write(ByteBuffer.wrap(f.content), 0);
        }
        planted.put(f, file);
        record(f, file);
      }
    }
  }

  private void record(MNode model, Node real) {
    long ino = real.stat().ino();
    inoOf.put(model.id, ino);
    idOf.put(ino, model.id);
  }

  /** The model id of a real node, or -1 if it was not planted. */
  public int idOf(Node real) {
    return idOf.getOrDefault(real.stat().ino(), -1);
  }
}
