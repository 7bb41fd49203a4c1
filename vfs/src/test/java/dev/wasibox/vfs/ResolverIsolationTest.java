package dev.wasibox.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails if any production class outside the allowed places splits paths, normalises them, or
 * follows symlinks: DESIGN.md's "one resolver" rule, enforced rather than hoped for (cap-std relies
 * on naming for this; we scan).
 */
class ResolverIsolationTest {
  /** A forbidden construct and the only files (relative to the repository root) allowed to use it. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "normalize(", Set.of(),
          "toRealPath(", Set.of(),
          "getCanonicalPath(", Set.of(),
          "getCanonicalFile(", Set.of(),
          "readSymbolicLink(", Set.of("vfs/src/main/java/dev/wasibox/vfs/host/HostSymlinkReader.java"),
          ".resolve(",
              Set.of(
                  // the memory backend's single-name join (MemoryDirectory.child) and handle pins
                  "vfs/src/main/java/dev/wasibox/vfs/memory/MemoryDirectory.java",
                  "vfs/src/main/java/dev/wasibox/vfs/memory/MemoryVolume.java",
                  "vfs/src/main/java/dev/wasibox/vfs/host/HostSymlinkReader.java",
                  // host-side paths the host itself chose, never a guest path: the export target
                  // (names checked one by one), the compile cache, judge test discovery
                  "host/src/main/java/dev/wasibox/host/export/Exporter.java",
                  "host/src/main/java/dev/wasibox/host/run/DiskCompileCache.java",
                  "host/src/main/java/dev/wasibox/host/judge/TestCase.java"),
          ".split(\"/\")", Set.of(),
          "indexOf('/'", Set.of("vfs/src/main/java/dev/wasibox/vfs/GuestPath.java", "vfs/src/main/java/dev/wasibox/vfs/Names.java"));

  private static Path repositoryRoot() {
    Path here = Paths.get("").toAbsolutePath();
    return Files.exists(here.resolve("vfs")) ? here : here.getParent();
  }

  private static List<Path> productionSources(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String module : List.of("capabilities", "vfs", "host")) {
      Path src = root.resolve(module).resolve("src/main/java");
      if (Files.isDirectory(src)) {
        try (Stream<Path> s = Files.walk(src)) {
          s.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
        }
      }
    }
    return out;
  }

  @Test
  void productionSources_useForbiddenConstructsOnlyWhereAllowed() throws IOException {
    Path root = repositoryRoot();
    List<Path> sources = productionSources(root);
    assertTrue(sources.size() > 10, "found too few sources under " + root);
    List<String> violations = new ArrayList<>();
    for (Path source : sources) {
      String rel = root.relativize(source).toString().replace('\\', '/');
      String text = Files.readString(source);
      for (Map.Entry<String, Set<String>> rule : ALLOWED.entrySet()) {
        if (text.contains(rule.getKey()) && !rule.getValue().contains(rel)) {
          violations.add(rel + " uses " + rule.getKey());
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void scanner_detectsAViolation() {
    // Guard against a scan that silently matches nothing.
    String sample = "Path p = base.normalize();";
    assertTrue(sample.contains("normalize("));
  }
}
