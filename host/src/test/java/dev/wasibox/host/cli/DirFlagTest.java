package dev.wasibox.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --dir}/{@code --ro-dir} values: {@code HOST[::GUEST]}. */
class DirFlagTest {
  private static final Path CWD = Path.of("").toAbsolutePath();

  static Stream<Arguments> valid() {
    return Stream.of(
        // value, host, guest
        Arguments.of("/data", Path.of("/data"), "/data"),
        Arguments.of("/data::/d", Path.of("/data"), "/d"),
        Arguments.of("/data::/", Path.of("/data"), "/"),
        Arguments.of("/data::/d/", Path.of("/data"), "/d/"),
        Arguments.of("rel", CWD.resolve("rel"), CWD + "/rel"),
        Arguments.of("./rel", CWD.resolve("./rel"), CWD + "/rel"),
        Arguments.of("a/./b/.", CWD.resolve("a/./b/."), CWD + "/a/b"),
        Arguments.of("a/../b::/g", CWD.resolve("a/../b"), "/g"),
        // The last "::" separates: a host path may hold ':' and even "::".
        Arguments.of("/host:with:colons::/g", Path.of("/host:with:colons"), "/g"),
        Arguments.of("/a::b::/g", Path.of("/a::b"), "/g"));
  }

  @ParameterizedTest(name = "'{0}'")
  @MethodSource("valid")
  void parse_validValue_givesHostAndGuest(String value, Path host, String guest) throws UsageException {
    DirFlag f = DirFlag.parse(value);
    assertEquals(host, f.host());
    assertEquals(guest, f.guest());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        // value, message
        Arguments.of("", "empty host directory"),
        Arguments.of("::/g", "empty host directory"),
        Arguments.of("/data::", "guest path must be absolute"),
        Arguments.of("/data::g", "guest path must be absolute"),
        Arguments.of("a/../b", "HOST holds '..': name the guest path too (HOST::GUEST)"),
        Arguments.of("/x/..", "HOST holds '..': name the guest path too (HOST::GUEST)"));
  }

  @ParameterizedTest(name = "'{0}'")
  @MethodSource("invalid")
  void parse_invalidValue_throwsUsageException(String value, String message) {
    UsageException e = assertThrows(UsageException.class, () -> DirFlag.parse(value));
    assertEquals(message, e.getMessage());
  }
}
