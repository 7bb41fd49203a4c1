package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Threads racing renames, removals, copy-ups and reads on one overlay (attack corpus G05): only
 * {@link WasiException} leaves the overlay, every thread finishes, the merged tree stays
 * consistent (every listed name can be looked up, with its listed type) and the lower layer is
 * unchanged. Seeded, so a failure can be replayed.
 */
class OverlayConcurrencyTest extends OverlayTestBase {
  private static final String[] PATHS = {
    "lfile", "ldir", "ldir/lchild", "ldir/a", "a", "b", "lsym", "ldir/b", "b/c", "a/lchild"
  };

  @Test
  void racingOperations_leaveAConsistentTreeAndLowerLayer() throws InterruptedException {
    List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      long seed = 1234 + t;
      Thread thread =
          new Thread(
              () -> {
                Random random = new Random(seed);
                for (int i = 0; i < 400; i++) {
                  try {
                    step(random);
                  } catch (WasiException expected) {
                    // any errno is fine here; the checks are about what is left afterwards
                  } catch (Throwable e) {
                    unexpected.add(e);
                  }
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(5));
      assertFalse(thread.isAlive(), "a thread is stuck (deadlock?)");
    }
    assertEquals(List.of(), unexpected);
    checkConsistent(f.root);
  }

  private void step(Random random) {
    String a = PATHS[random.nextInt(PATHS.length)];
    String b = PATHS[random.nextInt(PATHS.length)];
    switch (random.nextInt(9)) {
      case 0 -> f.write(a, "x");
      case 1 -> f.create(a, "new");
      case 2 -> f.unlink(a);
      case 3 -> f.rmdir(a);
      case 4 -> f.mkdir(a);
      case 5 -> f.rename(a, b);
      case 6 -> f.link(a, b);
      case 7 -> f.ls(a);
      default -> {
        Node node = f.node(a);
        if (node instanceof FileNode) {
          try (OpenFile r = ((FileNode) node).open(true, false)) {
            r.read(ByteBuffer.allocate(16), 0);
            r.stat();
          }
        }
      }
    }
  }

  private static void checkConsistent(DirectoryNode root) {
    Deque<DirectoryNode> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      DirectoryNode dir = pending.pop();
      for (DirEntry e : dir.list()) {
        Node node = dir.lookup(e.name());
        assertNotNull(node, e.name());
        assertEquals(e.type(), node.type(), e.name());
        assertEquals(e.ino(), node.stat().ino(), e.name());
        if (node instanceof DirectoryNode) {
          pending.push((DirectoryNode) node);
        }
      }
    }
  }
}
