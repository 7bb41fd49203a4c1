package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MountSpecTest {
  @TempDir static Path dir;
  static Path data;
  static Path file;

  @BeforeAll
  static void tree() throws IOException {
    data = Files.createDirectory(dir.resolve("data"));
    file = Files.writeString(dir.resolve("file.txt"), "x");
  }

  @Test
  void memory_defaults_quotasAndNoSource() {
    MountSpec m = MountSpec.memory("/tmp/");
    assertEquals("/tmp", m.guest());
    assertEquals(MountType.MEMORY, m.type());
    assertEquals(Optional.empty(), m.source());
    assertEquals(64L << 20, m.quotaBytes());
    assertEquals(65536, m.quotaInodes());
    assertEquals(MountSpec.DEFAULT_QUOTA_BYTES, m.quotaBytes());
    assertEquals(MountSpec.DEFAULT_QUOTA_INODES, m.quotaInodes());
  }

  @Test
  void hostReadOnly_existingDirectory_hasNoQuota() {
    MountSpec m = MountSpec.hostReadOnly(data, "/");
    assertEquals("/", m.guest());
    assertEquals(MountType.HOST_RO, m.type());
    assertEquals(Optional.of(data), m.source());
    assertEquals(0, m.quotaBytes());
    assertEquals(0, m.quotaInodes());
    assertEquals(m, m.toBuilder().build());
    assertEquals("MountSpec{guest=/, type=host-ro, source=" + data + "}", m.toString());
  }

  @Test
  void overlay_quotasGiven_areKept() {
    MountSpec m =
        MountSpec.overlay(data, "/work").toBuilder().quotaBytes(0L).quotaInodes(1L).build();
    assertEquals(MountType.OVERLAY, m.type());
    assertEquals(0, m.quotaBytes());
    assertEquals(1, m.quotaInodes());
    assertEquals(m, m.toBuilder().build());
    assertEquals(m.hashCode(), m.toBuilder().build().hashCode());
  }

  @Test
  void build_relativeSource_isMadeAbsolute() {
    Path cwd = Path.of("").toAbsolutePath();
    MountSpec m = MountSpec.hostReadOnly(Path.of("."), "/src");
    assertEquals(Optional.of(cwd), m.source());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        row(b -> b.type(MountType.MEMORY),
            "key 'mount.guest': required: an absolute guest path such as \"/data\""),
        row(b -> b.guest("data").type(MountType.MEMORY),
            "key 'mount.guest': guest path \"data\" is not absolute (it must start with '/')"),
        row(b -> b.guest("/a/../etc").type(MountType.MEMORY),
            "key 'mount.guest': guest path \"/a/../etc\" contains a '..' component"),
        row(b -> b.guest("/a/./b").type(MountType.MEMORY),
            "key 'mount.guest': guest path \"/a/./b\" contains a '.' component"),
        row(b -> b.guest("/a\0").type(MountType.MEMORY),
            "key 'mount.guest': guest path contains a NUL byte"),
        row(b -> b.guest("/data"),
            "key 'mount.type': required: one of \"memory\", \"host-ro\", \"overlay\""),
        row(b -> b.guest("/data").type(MountType.MEMORY).source(data),
            "key 'mount.source': not allowed for a memory mount (type is \"memory\")"),
        row(b -> b.guest("/data").type(MountType.HOST_RO),
            "key 'mount.source': required for type \"host-ro\""),
        row(b -> b.guest("/data").type(MountType.OVERLAY),
            "key 'mount.source': required for type \"overlay\""),
        row(b -> b.guest("/data").type(MountType.HOST_RO).source(data).quotaBytes(1L),
            "key 'mount.quota-bytes': only for memory and overlay mounts (type is \"host-ro\")"),
        row(b -> b.guest("/data").type(MountType.HOST_RO).source(data).quotaInodes(1L),
            "key 'mount.quota-inodes': only for memory and overlay mounts (type is \"host-ro\")"),
        row(b -> b.guest("/data").type(MountType.MEMORY).quotaBytes(-1L),
            "key 'mount.quota-bytes': must not be negative: -1"),
        row(b -> b.guest("/data").type(MountType.OVERLAY).source(data).quotaInodes(0L),
            "key 'mount.quota-inodes': must be at least 1 (the root): 0"));
  }

  private static Arguments row(UnaryOperator<MountSpec.Builder> edit, String message) {
    return Arguments.of(edit, message);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalid")
  void build_invalidMount_throwsNamingKey(UnaryOperator<MountSpec.Builder> edit, String message) {
    PolicyKeyException e =
        assertThrows(PolicyKeyException.class, () -> edit.apply(MountSpec.builder()).build());
    assertEquals(message, e.getMessage());
  }

  @Test
  void build_sourceMissing_throws() {
    Path missing = dir.resolve("missing");
    PolicyKeyException e =
        assertThrows(PolicyKeyException.class, () -> MountSpec.overlay(missing, "/d"));
    assertEquals("key 'mount.source': directory does not exist: " + missing, e.getMessage());
  }

  @Test
  void build_sourceIsFile_throws() {
    PolicyKeyException e =
        assertThrows(PolicyKeyException.class, () -> MountSpec.hostReadOnly(file, "/d"));
    assertEquals("key 'mount.source': not a directory: " + file, e.getMessage());
  }
}
