package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link HostNames}: guest names become exactly one host name, or nothing. */
class HostNamesTest {
  static Stream<Arguments> guestNames() {
    return Stream.of(
        Arguments.of("plain", "file", "file"),
        Arguments.of("unicode", "\u00e9t\u00e9", "\u00e9t\u00e9"),
        Arguments.of("dots inside", "..x", "..x"),
        Arguments.of("backslash is literal", "a\\b", "a\\b"),
        Arguments.of("spaces", " x ", " x "),
        Arguments.of("slash", "a/b", "EINVAL"),
        Arguments.of("trailing slash", "a/", "EINVAL"),
        Arguments.of("absolute", "/a", "EINVAL"),
        Arguments.of("dot", ".", "EINVAL"),
        Arguments.of("dotdot", "..", "EINVAL"),
        Arguments.of("empty", "", "EINVAL"),
        Arguments.of("NUL", "a\0b", "EINVAL"),
        Arguments.of("lone surrogate", "a\uD800", "EILSEQ"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guestNames")
  void toHost_guestName_isOneHostNameOrRefused(String rule, String name, String expected) {
    assertEquals(
        expected, VfsOutcome.of(() -> HostNames.toHost(FileSystems.getDefault(), name).toString()));
  }

  @Test
  void toGuest_roundTrippingName_returnsIt() {
    assertEquals("\u00e9t\u00e9", HostNames.toGuest(Path.of("\u00e9t\u00e9")));
  }

  @Test
  void toGuest_nonUtf8HostName_hidden(@TempDir Path dir) throws Exception {
    HostFixture.run(List.of("sh", "-c", "touch \"$1/$(printf 'x\\377y')\" \"$1/ok\"", "sh", dir.toString()));
    List<String> shown = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = HostNames.toGuest(p.getFileName());
        shown.add(name == null ? "<hidden>" : name);
      }
    }
    shown.sort(null);
    assertEquals(List.of("<hidden>", "ok"), shown);
  }

  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of(StandardCharsets.UTF_8, true),
        Arguments.of(StandardCharsets.US_ASCII, true),
        Arguments.of(StandardCharsets.ISO_8859_1, false),
        Arguments.of(StandardCharsets.UTF_16, false),
        Arguments.of(Charset.forName("windows-1252"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void encodingSupported_charset_onlyExactOrSafelyRefusing(Charset charset, boolean expected) {
    assertEquals(expected, HostNames.encodingSupported(charset));
  }

  @Test
  void hostEncoding_thisJvm_isSupported() {
    assertEquals(true, HostNames.encodingSupported(HostNames.hostEncoding()));
  }
}
