package dev.wasibox.fuzz.resolver;

import dev.wasibox.fuzz.gen.Planter;
import dev.wasibox.fuzz.gen.TreeSpec;
import dev.wasibox.fuzz.model.MNode;
import dev.wasibox.fuzz.model.ModelTree;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.util.HashSet;
import java.util.Set;

/**
 * One tree planted twice: as the model and in a fresh {@link MemoryVolume} (through the SPI), with
 * the map between their inodes and the set of real inodes that lie physically inside {@code
 * sandbox/} (the only ones a resolution from the sandbox may ever return).
 *
 * <pre>
 * (volume root)
 *   outside/  secret = "SECRET", plus generated entries
 *   sandbox/  generated entries; every path is resolved from here
 * </pre>
 */
final class ResolverFixture {
  final ModelTree model;
  final MemoryVolume volume;
  final DirectoryNode sandbox;
  final Planter planter = new Planter();
  final Set<Long> sandboxInos = new HashSet<>();

  ResolverFixture(TreeSpec spec) {
    model = spec.build();
    volume = MemoryVolume.create(Quota.DEFAULT, () -> 0L);
    planter.plant(model.root, volume.root());
    sandbox = (DirectoryNode) volume.root().lookup("sandbox");
    for (MNode n : ModelTree.subtree(model.sandbox)) {
      sandboxInos.add(planter.inoOf.get(n.id));
    }
  }

  /** How a real node is named in outcomes: its kind and the id of the model node it was planted from. */
  String label(Node real) {
    int id = planter.idOf(real);
    return (id < 0 ? "?" + real.stat().ino() : real.type().name().charAt(0) + "#" + id);
  }

  /** How a model node is named in outcomes, to match {@link #label(Node)}. */
  static String label(MNode model) {
    char kind = switch (model.kind()) {
      case 'D' -> 'D';
      case 'F' -> 'R';
      default -> 'S';
    };
    return kind + "#" + model.id;
  }
}
