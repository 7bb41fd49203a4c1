package dev.wasibox.fuzz.vfsops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary host directories for the backends over a host directory. */
final class HostDirectories {
  private HostDirectories() {}

  static Path create() {
    try {
      return Files.createTempDirectory("wasibox-fuzz-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code base} and everything under it, never following a link. */
  static void delete(Path base) {
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
