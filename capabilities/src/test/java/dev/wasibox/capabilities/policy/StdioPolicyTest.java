package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StdioPolicyTest {
  @TempDir static Path dir;
  static Path input;

  @BeforeAll
  static void files() throws IOException {
    input = Files.writeString(dir.resolve("in.txt"), "1 2\n");
  }

  @Test
  void defaults_emptyStdinInheritedOutputs_noStreamLimits() {
    StdioPolicy s = StdioPolicy.builder().build();
    assertEquals(StdioPolicy.defaults(), s);
    assertEquals(StdinMode.NONE, s.stdin());
    assertEquals(Optional.empty(), s.stdinFile());
    assertEquals(OutputMode.INHERIT, s.stdout().mode());
    assertEquals(OutputMode.INHERIT, s.stderr().mode());
    assertEquals(OptionalLong.empty(), s.stdout().limit());
    assertEquals(OptionalLong.empty(), s.stderr().limit());
    assertEquals(Optional.empty(), s.stdout().file());
  }

  @Test
  void build_everyField_isReflected() {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    StdioPolicy s =
        StdioPolicy.builder()
            .stdin(StdinMode.FILE)
            .stdinFile(input)
            .stdout(OutputMode.FILE)
            .stdoutFile(out)
            .stdoutLimit(100L)
            .stderr(OutputMode.FILE)
            .stderrFile(err)
            .stderrLimit(0L)
            .build();
    assertEquals(Optional.of(input), s.stdinFile());
    assertEquals(Optional.of(out), s.stdout().file());
    assertEquals(OptionalLong.of(100), s.stdout().limit());
    assertEquals(Optional.of(err), s.stderr().file());
    assertEquals(OptionalLong.of(0), s.stderr().limit());
    assertEquals(s, s.toBuilder().build());
    assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
  }

  @Test
  void build_captureAndDiscard_needNoFile() {
    StdioPolicy s =
        StdioPolicy.builder().stdin(StdinMode.INHERIT).stdout(OutputMode.CAPTURE)
            .stderr(OutputMode.DISCARD).build();
    assertEquals(StdinMode.INHERIT, s.stdin());
    assertEquals(OutputMode.CAPTURE, s.stdout().mode());
    assertEquals(OutputMode.DISCARD, s.stderr().mode());
    assertEquals(
        "StdioPolicy{stdin=inherit, stdout=OutputSpec{mode=capture}, stderr=OutputSpec{mode=discard}}",
        s.toString());
  }

  @Test
  void build_relativeFile_isMadeAbsolute() {
    StdioPolicy s =
        StdioPolicy.builder().stdout(OutputMode.FILE).stdoutFile(Path.of("./o.txt")).build();
    assertEquals(Optional.of(Path.of("").toAbsolutePath().resolve("o.txt")), s.stdout().file());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(StdioPolicy.builder().stdin(StdinMode.FILE),
            "key 'stdio.stdin-file': required when stdin = \"file\""),
        Arguments.of(StdioPolicy.builder().stdinFile(Path.of("/x")),
            "key 'stdio.stdin-file': only allowed when stdin = \"file\" (stdin is \"none\")"),
        Arguments.of(StdioPolicy.builder().stdin(StdinMode.INHERIT).stdinFile(Path.of("/x")),
            "key 'stdio.stdin-file': only allowed when stdin = \"file\" (stdin is \"inherit\")"),
        Arguments.of(StdioPolicy.builder().stdout(OutputMode.FILE),
            "key 'stdio.stdout-file': required when stdout = \"file\""),
        Arguments.of(StdioPolicy.builder().stdoutFile(Path.of("/x")),
            "key 'stdio.stdout-file': only allowed when stdout = \"file\" (stdout is \"inherit\")"),
        Arguments.of(StdioPolicy.builder().stderr(OutputMode.FILE),
            "key 'stdio.stderr-file': required when stderr = \"file\""),
        Arguments.of(StdioPolicy.builder().stderr(OutputMode.CAPTURE).stderrFile(Path.of("/x")),
            "key 'stdio.stderr-file': only allowed when stderr = \"file\" (stderr is \"capture\")"),
        Arguments.of(StdioPolicy.builder().stdoutLimit(-1L),
            "key 'stdio.stdout-limit': must not be negative: -1"),
        Arguments.of(StdioPolicy.builder().stderrLimit(-5L),
            "key 'stdio.stderr-limit': must not be negative: -5"),
        Arguments.of(
            StdioPolicy.builder().stdout(OutputMode.FILE).stdoutFile(Path.of("/tmp/o"))
                .stderr(OutputMode.FILE).stderrFile(Path.of("/tmp/./o")),
            "key 'stdio.stderr-file': same file as stdout-file: /tmp/o"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalid")
  void build_inconsistentStreams_throwsNamingKey(StdioPolicy.Builder b, String message) {
    PolicyKeyException e = assertThrows(PolicyKeyException.class, b::build);
    assertEquals(message, e.getMessage());
  }

  @Test
  void build_stdinFileMissing_throws() {
    Path missing = dir.resolve("missing.txt");
    PolicyKeyException e =
        assertThrows(
            PolicyKeyException.class,
            () -> StdioPolicy.builder().stdin(StdinMode.FILE).stdinFile(missing).build());
    assertEquals("key 'stdio.stdin-file': file does not exist: " + missing, e.getMessage());
  }

  @Test
  void build_stdinFileIsDirectory_throws() {
    PolicyKeyException e =
        assertThrows(
            PolicyKeyException.class,
            () -> StdioPolicy.builder().stdin(StdinMode.FILE).stdinFile(dir).build());
    assertEquals("key 'stdio.stdin-file': is a directory: " + dir, e.getMessage());
  }

  @Test
  void build_outputIsStdinFile_throws() {
    PolicyKeyException e =
        assertThrows(
            PolicyKeyException.class,
            () ->
                StdioPolicy.builder().stdin(StdinMode.FILE).stdinFile(input)
                    .stdout(OutputMode.FILE).stdoutFile(input).build());
    assertEquals("key 'stdio.stdout-file': same file as stdin-file: " + input, e.getMessage());
  }
}
