package dev.wasibox.host.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.capabilities.policy.ExportSpec;
import dev.wasibox.capabilities.policy.MountSpec;
import dev.wasibox.capabilities.policy.Policy;
import dev.wasibox.capabilities.policy.SymlinkHandling;
import dev.wasibox.host.export.ExportException;
import dev.wasibox.host.run.Guests;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.vfs.host.HostTreeSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exports after a run ({@link PreparedRun#export}): what reaches the host, and what is refused. */
class PreparedRunTest {
  @TempDir Path tmp;
  private Path project;

  /**
   * <pre>
   * project/
   *   keep.txt       "keep"
   *   edit.txt       "old"
   *   gone.txt       "gone"
   *   src/a.c        "a"
   * </pre>
   */
  @BeforeEach
  void fixture() throws IOException {
    project = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(project.resolve("keep.txt"), "keep");
    Files.writeString(project.resolve("edit.txt"), "old");
    Files.writeString(project.resolve("gone.txt"), "gone");
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/a.c"), "a");
  }

  /** Runs fsutil with {@code args} under {@code policy}, then exports. */
  private static List<PreparedRun.ExportResult> runAndExport(Policy policy, String... args) throws Exception {
    HostStreams host =
        new HostStreams(Map.of(), new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()), false);
    try (PreparedRun p = new PolicyRuntime(host).prepare(policy.toBuilder().args(List.of(args)).build(), "fsutil.wasm")) {
      RunResult r = Guests.program("fsutil").run(p.config(), p.limits());
      assertEquals(Verdict.OK, r.verdict());
      assertEquals(0, r.exitCode());
      return p.export();
    }
  }

  /** Every file under {@code dir} with its content ("d" for directories, "-> T" for links). */
  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> !p.equals(dir)).toList()) {
        String rel = dir.relativize(p).toString();
        out.put(rel, Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p) : Files.isDirectory(p) ? "d" : Files.readString(p));
      }
    }
    return out;
  }

  @Test
  void export_memoryMount_copiesTheWholeTree() throws Exception {
    Path out = tmp.resolve("out");
    Policy p = Policy.builder().addMount(MountSpec.memory("/t")).addExport(ExportSpec.of("/t", out)).build();
    List<PreparedRun.ExportResult> r = runAndExport(p, "mkdir", "/t/d", ";", "write", "/t/d/f", "12345", ";", "write", "/t/g", "x");
    assertEquals(Map.of("d", "d", "d/f", "12345", "g", "x"), tree(out));
    assertEquals(1, r.size());
    assertEquals(2, r.get(0).summary().files());
    assertEquals(1, r.get(0).summary().directories());
    assertEquals(6, r.get(0).summary().bytes());
    assertEquals(List.of(), r.get(0).summary().deleted());
  }

  @Test
  void export_directoryInsideMemoryMount_copiesOnlyIt() throws Exception {
    Path out = tmp.resolve("out");
    Policy p = Policy.builder().addMount(MountSpec.memory("/t")).addExport(ExportSpec.of("/t/d", out)).build();
    runAndExport(p, "mkdir", "/t/d", ";", "write", "/t/d/f", "in", ";", "write", "/t/g", "out");
    assertEquals(Map.of("f", "in"), tree(out));
  }

  @Test
  void export_overlay_copiesNewAndChangedFilesListsDeletionsHostUnchanged() throws Exception {
    HostTreeSnapshot before = HostTreeSnapshot.of(project);
    Path out = tmp.resolve("out");
    Policy p = Policy.builder().addMount(MountSpec.overlay(project, "/p")).addExport(ExportSpec.of("/p", out)).build();
    List<PreparedRun.ExportResult> r =
        runAndExport(p, "write", "/p/edit.txt", "new", ";", "rm", "/p/gone.txt", ";", "write", "/p/src/b.c", "b", ";", "mkdir", "/p/build");
    assertEquals(Map.of("build", "d", "edit.txt", "new", "src", "d", "src/b.c", "b"), tree(out));
    assertEquals(List.of("gone.txt"), r.get(0).summary().deleted());
    before.assertUnchanged();
  }

  @Test
  void export_overlaySubdirectory_onlyItsChanges() throws Exception {
    Path out = tmp.resolve("out");
    Policy p = Policy.builder().addMount(MountSpec.overlay(project, "/")).addExport(ExportSpec.of("/src", out)).build();
    List<PreparedRun.ExportResult> r = runAndExport(p, "write", "src/b.c", "b", ";", "rm", "src/a.c", ";", "write", "edit.txt", "x");
    assertEquals(Map.of("b.c", "b"), tree(out));
    assertEquals(List.of("a.c"), r.get(0).summary().deleted());
  }

  @Test
  void export_symlinkCopy_createsTheLinkNeverFollowsIt() throws Exception {
    Path out = tmp.resolve("out");
    Policy p =
        Policy.builder()
            .addMount(MountSpec.memory("/t"))
            .addExport(ExportSpec.builder().guest("/t").host(out).symlinks(SymlinkHandling.COPY).build())
            .build();
    runAndExport(p, "ln-s", "../../etc/passwd", "/t/l");
    assertEquals(Map.of("l", "-> ../../etc/passwd"), tree(out));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        // name, fsutil args, export guest, message
        Arguments.of("symlink (refused by default)", List.of("ln-s", "x", "/t/l"), "/t", "guest symlink l refused (symlinks = refuse)"),
        Arguments.of("not a directory", List.of("write", "/t/f", "x"), "/t/f", "export /t/f is not a directory in the guest"),
        Arguments.of("missing directory", List.of("write", "/t/f", "x"), "/t/missing", "export /t/missing does not exist in the guest"));
  }

  static Stream<Arguments> readOnlyExports() {
    return Stream.of(
        Arguments.of("/ro", "key 'export[0].guest': \"/ro\" is inside the read-only mount at \"/ro\": the guest cannot have written anything there"),
        Arguments.of("/t/ro/sub", "key 'export[0].guest': \"/t/ro/sub\" is inside the read-only mount at \"/t/ro\": the guest cannot have written anything there"));
  }

  /** An export from a read-only mount is refused when the policy is built, before anything runs. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("readOnlyExports")
  void export_fromReadOnlyMount_refusedByThePolicy(String guest, String message) {
    Policy.Builder b =
        Policy.builder()
            .addMount(MountSpec.memory("/t"))
            .addMount(MountSpec.hostReadOnly(project, "/ro"))
            .addMount(MountSpec.hostReadOnly(project, "/t/ro"))
            .addExport(ExportSpec.of(guest, tmp.resolve("out")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void export_refused_throwsAndWritesNothing(String name, List<String> args, String guest, String message) throws Exception {
    Path out = tmp.resolve("out");
    Policy p =
        Policy.builder()
            .addMount(MountSpec.memory("/t"))
            .addMount(MountSpec.hostReadOnly(project, "/ro"))
            .addMount(MountSpec.hostReadOnly(project, "/t/ro"))
            .addExport(ExportSpec.of(guest, out))
            .build();
    ExportException e = assertThrows(ExportException.class, () -> runAndExport(p, args.toArray(new String[0])));
    assertEquals(message, e.getMessage());
    assertFalse(Files.exists(out));
  }

  static Stream<Arguments> targets() {
    return Stream.of(
        // name, how the target exists before, message (null: the export succeeds)
        Arguments.of("absent", "absent", null),
        Arguments.of("empty directory", "empty", null),
        Arguments.of("non-empty directory", "nonEmpty", "is not empty"),
        Arguments.of("regular file", "file", "is not a directory"),
        Arguments.of("symlink to an empty directory", "symlink", "is a symlink"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void export_target_mustBeNewOrEmpty(String name, String state, String problem) throws Exception {
    Path out = tmp.resolve("out");
    switch (state) {
      case "empty" -> Files.createDirectory(out);
      case "nonEmpty" -> Files.writeString(Files.createDirectory(out).resolve("mine.txt"), "mine");
      case "file" -> Files.writeString(out, "mine");
      case "symlink" -> Files.createSymbolicLink(out, Files.createDirectory(tmp.resolve("elsewhere")));
      default -> { }
    }
    HostTreeSnapshot before = HostTreeSnapshot.of(tmp.resolve("project"));
    Policy p = Policy.builder().addMount(MountSpec.memory("/t")).addExport(ExportSpec.of("/t", out)).build();
    if (problem == null) {
      runAndExport(p, "write", "/t/f", "x");
      assertEquals(Map.of("f", "x"), tree(out));
    } else {
      ExportException e = assertThrows(ExportException.class, () -> runAndExport(p, "write", "/t/f", "x"));
      assertEquals("export target " + out + " " + problem, e.getMessage());
      if (state.equals("nonEmpty")) {
        assertEquals(Map.of("mine.txt", "mine"), tree(out));
      } else if (state.equals("symlink")) {
        assertEquals(Map.of(), tree(tmp.resolve("elsewhere")));
      } else {
        assertEquals("mine", Files.readString(out));
      }
    }
    before.assertUnchanged();
  }

  @Test
  void export_overLimit_throwsAndWritesNothing() throws Exception {
    Path out = tmp.resolve("out");
    Policy p =
        Policy.builder()
            .addMount(MountSpec.memory("/t"))
            .addExport(ExportSpec.builder().guest("/t").host(out).maxBytes(4).build())
            .build();
    ExportException e = assertThrows(ExportException.class, () -> runAndExport(p, "write", "/t/f", "12345"));
    assertEquals("export is over its limit of 4 bytes", e.getMessage());
    assertFalse(Files.exists(out));
  }
}
