package dev.wasibox.host.cli;

import static dev.wasibox.host.cli.Cli.guest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasibox.vfs.host.HostTreeSnapshot;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher, {@code bin/wasibox}, in a child process: the DESIGN.md contract end to end.
 *
 * <p>Skipped when {@code java} or {@code bash} is not on the PATH, and when {@code
 * host/target/wasibox.jar} is missing or older than the sources: the launcher would then run a
 * Maven build from inside the test (build it first: {@code mvn -o install -DskipTests}).
 */
class LauncherTest {
  @TempDir Path tmp;
  private Path data;

  @BeforeEach
  void preconditions() throws IOException {
    assumeTrue(onPath("java").isPresent(), "java is not on the PATH");
    assumeTrue(onPath("bash").isPresent(), "bash is not on the PATH");
    Path jar = Cli.repo().resolve("host/target/wasibox.jar");
    assumeTrue(Files.isRegularFile(jar), "no " + jar + ": the launcher would build it");
    Optional<Path> newer = newerThan(Files.getLastModifiedTime(jar));
    assumeTrue(newer.isEmpty(), () -> newer.get() + " is newer than " + jar + ": the launcher would rebuild it");
    data = Files.createDirectories(tmp.resolve("data"));
    Cli.write(data, "a.txt", "alpha");
    Cli.write(data, "sub/b.txt", "beta");
    Cli.write(data, "gone.txt", "to be deleted");
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** A source or build file newer than {@code jar} (what bin/wasibox checks before running). */
  private static Optional<Path> newerThan(FileTime jar) throws IOException {
    Path root = Cli.repo();
    List<Path> roots = new ArrayList<>(List.of(root.resolve("capabilities/src/main"), root.resolve("vfs/src/main"), root.resolve("host/src/main"), root.resolve("pom.xml")));
    for (String module : List.of("capabilities", "vfs", "host", "fuzz")) {
      roots.add(root.resolve(module).resolve("pom.xml"));
    }
    for (Path r : roots) {
      if (!Files.exists(r)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(r)) {
        for (Path p : s.toList()) {
          if (Files.getLastModifiedTime(p).compareTo(jar) > 0) {
            return Optional.of(p);
          }
        }
      }
    }
    return Optional.empty();
  }

  private Cli.Result launch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Cli.repo().resolve("bin/wasibox").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/wasibox did not finish");
    }
    return new Cli.Result(
        p.exitValue(), Files.readString(tmp.resolve("stdout"), StandardCharsets.UTF_8), Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8));
  }

  /** {@code bin/wasibox run --dir HOST::/ guest.wasm -- args}, as DESIGN.md promises it. */
  @Test
  void launcher_dirAtGuestRoot_wasiLibcProgramFindsItsFilesAndHostIsUnchanged() throws Exception {
    HostTreeSnapshot before = HostTreeSnapshot.of(data);
    Cli.Result r =
        launch("run", "--dir", "data::/", guest("fsutil"), "--",
            "cat", "a.txt", ";", "write", "made.txt", "m", ";", "rm", "gone.txt", ";", "tree", "/");
    assertEquals(0, r.status(), r::toString);
    assertEquals("alpha" + "f a.txt 5\nf made.txt 1\nd sub\nf sub/b.txt 4\n", r.out());
    assertEquals("", r.err());
    before.assertUnchanged();
  }

  @Test
  void launcher_exitStatusAndDiagnostic_reachTheShell() throws Exception {
    Cli.Result trap = launch("run", guest("trap"), "unreachable");
    assertEquals(ExitCodes.TRAP, trap.status(), trap::toString);
    assertEquals("trap: unreachable\n", trap.out());
    assertTrue(trap.oneErrorLine().startsWith("wasibox: guest trapped: "), trap::toString);
    Cli.Result usage = launch("run", "--memory", "64MB", guest("hello"));
    assertEquals(ExitCodes.USAGE, usage.status(), usage::toString);
    assertTrue(usage.oneErrorLine().startsWith("wasibox: --memory 64MB: ambiguous unit 'MB'"), usage::toString);
  }
}
