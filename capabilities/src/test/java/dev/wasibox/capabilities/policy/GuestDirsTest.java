package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuestDirsTest {
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "/, /",
    "//, /",
    "/data, /data",
    "/data/, /data",
    "/data//, /data",
    "//data, /data",
    "/a//b/, /a/b",
    "/a b/c, /a b/c",
    "/...,/...",
    "/.hidden, /.hidden",
    "/a\\b, /a\\b",
  })
  void canonical_validDirectory_dropsExtraSlashes(String raw, String canonical) {
    assertEquals(canonical, GuestDirs.canonical(raw));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``      | guest path \"\" is not absolute (it must start with '/')",
        "data    | guest path \"data\" is not absolute (it must start with '/')",
        "./data  | guest path \"./data\" is not absolute (it must start with '/')",
        "/a/../b | guest path \"/a/../b\" contains a '..' component",
        "/..     | guest path \"/..\" contains a '..' component",
        "/a/.    | guest path \"/a/.\" contains a '.' component",
        "/./a    | guest path \"/./a\" contains a '.' component",
      })
  void canonical_invalidDirectory_throwsSayingWhy(String raw, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GuestDirs.canonical(raw));
    assertEquals(message, e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void canonical_nulByte_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GuestDirs.canonical("/a\0b"));
    assertEquals("guest path contains a NUL byte", e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0} in {1}: {2}")
  @CsvSource({
    "/out, /, true",
    "/, /, true",
    "/out, /out, true",
    "/out/x, /out, true",
    "/outside, /out, false",
    "/, /out, false",
    "/data, /out, false",
  })
  void within_pairs_answerByComponent(String inner, String outer, boolean within) {
    assertEquals(within, GuestDirs.within(inner, outer));
  }
}
