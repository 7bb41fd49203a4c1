package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scans the production sources of this package for what would break its guarantees: path
 * handling outside the one single-name helper, link reading outside the one readlink helper, and
 * any API or open option that could write to the host. Review can miss a line; this cannot.
 */
class HostSourceScanTest {
  private static final String PACKAGE_DIR = "src/main/java/dev/wasibox/vfs/host";
  private static final String HELPER_FILE = "HostSymlinkReader.java";

  private static Map<String, String> sources;

  @BeforeAll
  static void readSources() throws IOException {
    Path dir = Path.of(PACKAGE_DIR);
    if (!Files.isDirectory(dir)) {
      dir = Path.of("vfs").resolve(PACKAGE_DIR);
    }
    sources = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
        sources.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    assertTrue(sources.size() >= 10, "found too few sources: " + sources.keySet());
  }

  /** Constructs that must not appear anywhere in the package's production code. */
  static Stream<String> forbidden() {
    return Stream.of(
        "normalize(", "toRealPath(", "getCanonicalPath(", "getCanonicalFile(", "toFile(",
        // writing, creating, deleting, moving, changing attributes
        "StandardOpenOption.WRITE", "StandardOpenOption.APPEND", "StandardOpenOption.CREATE",
        "StandardOpenOption.TRUNCATE_EXISTING", "StandardOpenOption.DELETE_ON_CLOSE",
        "StandardOpenOption.SYNC", "StandardOpenOption.DSYNC", "import static java.nio.file.StandardOpenOption",
        "ExtendedOpenOption", "FileOutputStream", "RandomAccessFile", "FileWriter",
        "Files.write", "Files.newOutputStream", "Files.newBufferedWriter", "Files.delete",
        "Files.move", "Files.copy", "Files.create", "Files.set", "Files.newByteChannel",
        "FileChannel.open", ".deleteFile(", ".deleteDirectory(", ".move(", ".setTimes(",
        ".setAttribute(", ".setPermissions(", ".setOwner(", ".setGroup(", ".truncate(",
        ".write(", ".transferFrom(", ".map(", ".lock(", ".tryLock(",
        // following links
        "LinkOption.FOLLOW", "FOLLOW_LINKS)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forbidden")
  void sources_forbiddenConstruct_absent(String construct) {
    List<String> users =
        sources.entrySet().stream()
            .filter(e -> e.getValue().contains(construct) && !allowedFollowMention(construct, e.getValue()))
            .map(Map.Entry::getKey)
            .collect(Collectors.toList());
    assertEquals(List.of(), users, construct);
  }

  /** {@code NOFOLLOW_LINKS)} contains {@code FOLLOW_LINKS)}; only a bare FOLLOW_LINKS is forbidden. */
  private static boolean allowedFollowMention(String construct, String text) {
    return construct.equals("FOLLOW_LINKS)")
        && text.replace("NOFOLLOW_LINKS)", "").indexOf("FOLLOW_LINKS)") < 0;
  }

  @Test
  void sources_pathJoin_onlyInTheSingleNameHelper() {
    assertOnlyInside(".resolve(", "static Path childPath(");
  }

  @Test
  void sources_readSymbolicLink_onlyInTheReadlinkHelper() {
    assertOnlyInside("readSymbolicLink(", "private static String readLinkText(");
  }

  @Test
  void sources_openOptions_onlyReadAndNoFollow() {
    List<String> uses = new ArrayList<>();
    sources.forEach(
        (file, text) -> {
          for (int i = text.indexOf("StandardOpenOption."); i >= 0; i = text.indexOf("StandardOpenOption.", i + 1)) {
            uses.add(file + ":" + text.substring(i, text.indexOf(')', i) + 1).replaceAll("\\s+", " "));
          }
        });
    assertEquals(List.of("HostIo.java:StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)"), uses);
    long channelOpens =
        sources.values().stream().mapToLong(t -> count(t, ".newByteChannel(name, READ_NOFOLLOW)")).sum();
    assertEquals(1, channelOpens);
    assertEquals(1, sources.values().stream().mapToLong(t -> count(t, ".newByteChannel(")).sum());
  }

  @Test
  void sources_everyClass_documentedAndSmall() {
    assertTrue(sources.containsKey("package-info.java"));
    sources.forEach(
        (file, text) -> {
          assertTrue(text.lines().count() < 400, file + " has 400 lines or more");
          if (!file.equals("package-info.java")) {
            int type = text.indexOf("\nfinal class ");
            type = type >= 0 ? type : text.indexOf("\npublic final class ");
            type = type >= 0 ? type : text.indexOf("\nabstract class ");
            assertTrue(type > 0, file + ": no top-level class found");
            assertTrue(text.substring(0, type).trim().endsWith("*/"), file + " lacks a class Javadoc");
          }
        });
  }

  @Test
  void scanner_seesViolationsInASample() {
    // Guards against a scan that silently matches nothing.
    assertTrue("x = p.normalize();".contains("normalize("));
    assertTrue(sources.get(HELPER_FILE).contains(".resolve("));
  }

  private static void assertOnlyInside(String construct, String methodStart) {
    sources.forEach(
        (file, text) -> {
          if (!file.equals(HELPER_FILE)) {
            assertEquals(-1, text.indexOf(construct), file + " uses " + construct);
          }
        });
    String text = sources.get(HELPER_FILE);
    assertEquals(1, count(text, construct), construct + " must appear exactly once");
    int method = text.indexOf(methodStart);
    int end = text.indexOf("\n  }\n", method);
    int use = text.indexOf(construct);
    assertTrue(method >= 0 && use > method && use < end, construct + " outside " + methodStart);
  }

  private static long count(String text, String needle) {
    long n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
