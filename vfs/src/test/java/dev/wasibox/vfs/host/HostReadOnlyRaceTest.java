package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.OpenFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Attack corpus F01 to F04: a host thread keeps swapping entries of the mounted tree with symlinks
 * to outside (or moving directories out and back) while the test resolves and reads through the
 * VFS thousands of times. Errors are fine; reading {@code HOST-SECRET} even once is not.
 *
 * <p>Each race is bounded by an iteration count and a wall-clock cap (no timing is asserted).
 *
 * <pre>
 * outside/ (beside the fixture's)   sandbox/ (beside the fixture's)
 *   dir/x = SECRET                    rdir/x = "x"        rdir/xl -> ../../outside/secret.txt
 *   sub/secret.txt = SECRET           rdir2/x = "x2"      rdir2l -> ../outside/dir
 *                                     r3/a/c/f = "in-c"   r3/a/c is moved to outside/sub/c and back
 * </pre>
 */
class HostReadOnlyRaceTest extends HostVolumeTestBase {
  private static final int ITERATIONS = 4000;
  private static final long WALL_CAP_NANOS = 1_500_000_000L;
  private static final String LEAK = "file:" + HostFixture.SECRET;

  @Override
  void plantMore(Path s) throws Exception {
    Path outside = s.resolveSibling("outside");
    Files.writeString(outside.resolve("dir/x"), HostFixture.SECRET);
    Files.createDirectory(outside.resolve("sub"));
    Files.writeString(outside.resolve("sub/secret.txt"), HostFixture.SECRET);
    Files.createDirectory(s.resolve("rdir"));
    Files.writeString(s.resolve("rdir/x"), "x");
    HostFixture.link(s, "rdir/xl", "../../outside/secret.txt");
    Files.createDirectory(s.resolve("rdir2"));
    Files.writeString(s.resolve("rdir2/x"), "x2");
    HostFixture.link(s, "rdir2l", "../outside/dir");
    Files.createDirectories(s.resolve("r3/a/c"));
    Files.writeString(s.resolve("r3/a/c/f"), "in-c");
  }

  /** One mutation cycle of the host attacker; it must leave the tree as it found it. */
  private interface Attack {
    void cycle() throws Exception;
  }

  /** One guest step; returns an outcome string. */
  private interface Step {
    String run(int iteration);
  }

  /** Runs {@code step} against {@code attack} and returns how often each outcome occurred. */
  private Map<String, Integer> race(Attack attack, Step step) throws Exception {
    hostMutatedByTest = true;
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong cycles = new AtomicLong();
    AtomicReference<Throwable> attackerFailure = new AtomicReference<>();
    Thread attacker =
        new Thread(
            () -> {
              try {
                while (!stop.get()) {
                  attack.cycle();
                  cycles.incrementAndGet();
                }
              } catch (Throwable t) {
                attackerFailure.set(t);
              }
            },
            "host-attacker");
    Map<String, Integer> outcomes = new TreeMap<>();
    attacker.start();
    try {
      long deadline = System.nanoTime() + WALL_CAP_NANOS;
      for (int i = 0; i < ITERATIONS && System.nanoTime() < deadline; i++) {
        outcomes.merge(step.run(i), 1, Integer::sum);
      }
    } finally {
      stop.set(true);
      attacker.join();
    }
    if (attackerFailure.get() != null) {
      throw new AssertionError("the attacker failed", attackerFailure.get());
    }
    System.out.println(getClass().getSimpleName() + ": " + cycles.get() + " attack cycles, outcomes " + outcomes);
    assertTrue(cycles.get() >= 1, "the attacker never ran");
    assertFalse(outcomes.containsKey(LEAK), "HOST-SECRET was read: " + outcomes);
    assertTrue(outcomes.keySet().stream().noneMatch(o -> o.contains(HostFixture.SECRET)), outcomes.toString());
    return outcomes;
  }

  private static void rename(Path from, Path to) throws Exception {
    Files.move(from, to);
  }

  @Test
  void f01_finalComponentSwappedWithLinkOut_neverReadsSecret() throws Exception {
    Path x = sandbox.resolve("rdir/x");
    Path real = sandbox.resolve("rdir/x.real");
    Path link = sandbox.resolve("rdir/xl");
    Map<String, Integer> outcomes =
        race(
            () -> {
              rename(x, real);
              rename(link, x);
              rename(x, link);
              rename(real, x);
            },
            i -> open("rdir/x", i % 2 == 0));
    // EIO: the link's text could not be read by a path provably reaching it while it was swapped.
    assertAllowed(outcomes, "file:x", "ENOENT", "EPERM", "ELOOP", "EIO");
  }

  @Test
  void f01_openedNodeThenSwapped_neverReadsSecret() throws Exception {
    // The window between lookup and open, made wide: look up first, then open under attack.
    Path x = sandbox.resolve("rdir/x");
    Path real = sandbox.resolve("rdir/x.real");
    Path link = sandbox.resolve("rdir/xl");
    DirectoryNode rdir = vfs.open(root, p("rdir"), false, new OpenFlags(false, true, false, false), true, false).directory();
    Map<String, Integer> outcomes =
        race(
            () -> {
              rename(x, real);
              rename(link, x);
              rename(x, link);
              rename(real, x);
            },
            i ->
                VfsOutcome.of(
                    () -> {
                      var node = rdir.lookup("x");
                      if (!(node instanceof dev.wasibox.vfs.FileNode)) {
                        return node == null ? "ENOENT" : "not-a-file";
                      }
                      java.util.concurrent.locks.LockSupport.parkNanos(20_000); // widen the window
                      try (var f = ((dev.wasibox.vfs.FileNode) node).open(true, false)) {
                        return "file:" + VfsOutcome.content(f);
                      }
                    }));
    assertAllowed(outcomes, "file:x", "ENOENT", "not-a-file");
  }

  @Test
  void f02_intermediateDirectorySwappedWithLinkOut_neverReadsSecret() throws Exception {
    Path dir = sandbox.resolve("rdir2");
    Path real = sandbox.resolve("rdir2.real");
    Path link = sandbox.resolve("rdir2l");
    try (HostReadOnlyVolume tiny = HostReadOnlyVolume.mount(sandbox, 1)) {
      DirectoryNode held = vfs.open(tiny.root(), p("rdir2"), false, new OpenFlags(false, true, false, false), true, false).directory();
      Map<String, Integer> outcomes =
          race(
              () -> {
                rename(dir, real);
                rename(link, dir);
                rename(dir, link);
                rename(real, dir);
              },
              i -> {
                switch (i % 4) {
                  case 0:
                    return open("rdir2/x", false);
                  case 1:
                    return VfsOutcome.open(vfs, tiny.root(), "rdir2/x", false);
                  case 2:
                    // A held directory node whose handle the tiny cache keeps evicting: it is
                    // reopened by name, and only if the name still shows the same directory.
                    VfsOutcome.open(vfs, tiny.root(), "a/b", false);
                    return VfsOutcome.open(vfs, held, "x", false);
                  default:
                    return VfsOutcome.of(() -> VfsOutcome.names(vfs.readdir(tiny.root())));
                }
              });
      outcomes.keySet().removeIf(o -> o.startsWith("[") && !o.contains("secret"));
      assertAllowed(outcomes, "file:x2", "ENOENT", "EPERM", "EIO");
    }
  }

  @Test
  void f03_directoryMovedOutWhileGuestIsInside_dotDotNeverLeaves() throws Exception {
    Path c = sandbox.resolve("r3/a/c");
    Path away = sandbox.resolveSibling("outside/sub/c");
    DirectoryNode inC = vfs.open(root, p("r3/a/c"), false, new OpenFlags(false, true, false, false), true, false).directory();
    Map<String, Integer> outcomes =
        race(
            () -> {
              rename(c, away);
              rename(away, c);
            },
            i -> {
              switch (i % 4) {
                case 0:
                  return open("r3/a/c/../secret.txt", false);
                case 1:
                  return open("r3/a/c/../../secret.txt", false);
                case 2:
                  return VfsOutcome.open(vfs, inC, "../secret.txt", false);
                default:
                  return VfsOutcome.open(vfs, inC, "f", false);
              }
            });
    assertAllowed(outcomes, "ENOENT", "EPERM", "file:in-c");
  }

  @Test
  void f04_mountRootSwappedWithLinkOut_guestStillSeesPinnedTree() throws Exception {
    Path moved = base.resolve("sandbox.moved");
    Path outside = base.resolve("outside");
    Map<String, Integer> outcomes =
        race(
            () -> {
              rename(sandbox, moved);
              Files.createSymbolicLink(sandbox, outside);
              Files.delete(sandbox);
              rename(moved, sandbox);
            },
            i -> {
              switch (i % 4) {
                case 0:
                  return open("file", false);
                case 1:
                  return open("dir/nested/file", false);
                case 2:
                  return open("secret.txt", false);
                default:
                  List<DirEntry> entries = vfs.readdir(root);
                  return entries.stream().anyMatch(e -> e.name().equals("secret.txt")) ? "LISTED-SECRET" : "listed";
              }
            });
    assertAllowed(outcomes, "file:hello", "file:nested", "ENOENT", "listed");
    assertEquals(0, outcomes.getOrDefault("LISTED-SECRET", 0));
  }

  private static void assertAllowed(Map<String, Integer> outcomes, String... allowed) {
    List<String> ok = List.of(allowed);
    for (String outcome : outcomes.keySet()) {
      assertTrue(ok.contains(outcome), "unexpected outcome " + outcome + " in " + outcomes);
    }
  }
}
