package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPathsTest {
  private static final Path BASE = Path.of("/etc/wasibox/policies");

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "data, /etc/wasibox/policies/data",
    "./data, /etc/wasibox/policies/data",
    "./data/./in.txt, /etc/wasibox/policies/data/in.txt",
    "., /etc/wasibox/policies",
    "../shared, /etc/wasibox/policies/../shared",
    "/srv/data, /srv/data",
    "/srv/./data/, /srv/data",
    "/, /",
  })
  void absolute_againstBase_joinsAndDropsDots(String raw, String expected) {
    assertEquals(Path.of(expected), HostPaths.absolute(BASE, raw));
  }

  @Test
  void absolute_emptyPath_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HostPaths.absolute(BASE, ""));
    assertEquals("host path is empty", e.getMessage());
  }

  @Test
  void absolute_nulByte_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HostPaths.absolute(BASE, "a\0b"));
    assertTrue(e.getMessage().startsWith("not a valid host path: "), e.getMessage());
  }

  @Test
  void absolute_relativeJavaPath_usesWorkingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();
    assertEquals(Path.of(cwd.toString(), "x", "y"), HostPaths.absolute(Path.of("./x/./y")));
  }
}
