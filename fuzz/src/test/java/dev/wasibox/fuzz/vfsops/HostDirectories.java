package dev.wasibox.fuzz.vfsops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.fuzz.gen.HostTree;
import dev.wasibox.fuzz.model.ModelTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A model tree planted in a temporary host directory, for the backends over a host directory:
 * the snapshot taken right after planting, the check that nothing there changed since, and
 * deletion.
 */
final class HostDirectories implements AutoCloseable {
  final Path base;
  private final List<String> before;

  private HostDirectories(Path base, List<String> before) {
    this.base = base;
    this.before = before;
  }

  /** Plants {@code tree} (as {@link HostTree#plant} can hold it) in a new temporary directory. */
  static HostDirectories plant(ModelTree tree) {
    Path base;
    try {
      base = Files.createTempDirectory("wasibox-fuzz-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      HostTree.plant(tree.root, base);
      return new HostDirectories(base, HostTree.snapshot(base));
    } catch (IOException | RuntimeException e) {
      delete(base);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** Fails, saying {@code what}, if anything under the directory changed since it was planted. */
  void checkUnchanged(String what) {
    try {
      assertEquals(before, HostTree.snapshot(base), what);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    delete(base);
  }

  /** Deletes {@code base} and everything under it, never following a link. */
  private static void delete(Path base) {
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
