package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link HostReadOnlyVolume}: mounting (fail closed), identity, pinning and closing. */
class HostReadOnlyVolumeTest extends HostVolumeTestBase {
  static Stream<Arguments> badMounts() {
    return Stream.of(
        Arguments.of("missing", "sandbox/missing", "no such directory"),
        Arguments.of("regular file", "sandbox/file", "not a directory"),
        Arguments.of("F06 fifo", "sandbox/fifo", "not a directory"),
        Arguments.of("link to a file", "sandbox/inside", "not a directory"),
        Arguments.of("dangling link", "sandbox/dangling", "no such directory"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badMounts")
  void mount_notADirectory_failsPromptlyWithClearMessage(String rule, String path, String reason) {
    Path dir = base.resolve(path);
    HostMountException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> assertThrows(HostMountException.class, () -> HostReadOnlyVolume.mount(dir)));
    assertEquals("cannot mount " + dir + " read-only: " + reason, e.getMessage());
  }

  @Test
  void mount_fileSystemWithoutSecureDirectoryStream_refuses() throws Exception {
    // F10: Jimfs's macOS flavour offers no SecureDirectoryStream, as musl/Alpine and Windows JDKs.
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.osX())) {
      Path dir = Files.createDirectory(fs.getPath("/work/mnt"));
      HostMountException e = assertThrows(HostMountException.class, () -> HostReadOnlyVolume.mount(dir));
      assertTrue(e.getMessage().contains("no SecureDirectoryStream"), e.getMessage());
    }
  }

  @Test
  void mount_otherProviderWithSecureDirectoryStream_works() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path dir = Files.createDirectories(fs.getPath("/work/mnt/sub"));
      Files.writeString(dir.resolve("f"), "jimfs");
      try (HostReadOnlyVolume v = HostReadOnlyVolume.mount(dir.getParent())) {
        assertEquals("file:jimfs", VfsOutcome.open(vfs, v.root(), "sub/f", false));
        assertEquals("EPERM", VfsOutcome.open(vfs, v.root(), "../mnt/sub/f", false));
      }
    }
  }

  @Test
  void mount_linkToDirectory_mountsItsTarget() throws Exception {
    try (HostReadOnlyVolume v = HostReadOnlyVolume.mount(sandbox.resolve("todir"))) {
      assertEquals("file:nested", VfsOutcome.open(vfs, v.root(), "nested/file", false));
    }
  }

  @Test
  void mount_invalidCapacity_throws() {
    assertThrows(IllegalArgumentException.class, () -> HostReadOnlyVolume.mount(sandbox, 0));
  }

  @Test
  void identity_volume_describesItselfAsReadOnlyHostMount() throws Exception {
    assertEquals("host-ro:" + sandbox.toAbsolutePath(), volume.describe());
    assertTrue(volume.readOnly());
    assertEquals(sandbox.toAbsolutePath(), volume.hostPath());
    assertTrue(volume.deviceId() >= 1L << 40, "host device ids stay clear of the memory backend's");
    try (HostReadOnlyVolume other = HostReadOnlyVolume.mount(sandbox)) {
      assertNotEquals(volume.deviceId(), other.deviceId());
      assertFalse(root.sameNode(other.root()), "nodes of two volumes are never the same node");
    }
  }

  @Test
  void root_mountDirRenamedAndReplacedByLinkOutside_staysPinned() throws Exception {
    // F04: the mount is the opened directory, not its path.
    hostMutatedByTest = true;
    Path moved = base.resolve("moved");
    Files.move(sandbox, moved);
    Files.createSymbolicLink(sandbox, base.resolve("outside"));
    try {
      assertEquals("file:hello", open("file", false));
      assertEquals("file:nested", open("dir/nested/file", false));
      List<String> names = vfs.readdir(root).stream().map(DirEntry::name).collect(Collectors.toList());
      assertTrue(names.contains("file"));
      assertFalse(names.contains("secret.txt"));
      assertEquals("ENOENT", open("secret.txt", false));
      // Link text is read by path, which now leads elsewhere: refused, never misread.
      assertEquals("EIO", open("inside", true));
    } finally {
      Files.delete(sandbox);
      Files.move(moved, sandbox);
    }
  }

  @Test
  void close_releasesEveryHostFdAndFailsLaterOperations() throws Exception {
    assertEquals("file:nested", open("dir/nested/file", false));
    OpenFile f = vfs.open(root, p("file"), false, OpenFlags.NONE, true, false).file();
    var dir = vfs.open(root, p("dir"), false, new OpenFlags(false, true, false, false), true, false).directory();
    assertTrue(HostFixture.openFdsUnder(base) >= 2, "the root handle and the open file");
    volume.close();
    assertEquals(0, HostFixture.openFdsUnder(base));
    assertEquals("EBADF", VfsOutcome.of(() -> VfsOutcome.content(f)));
    assertEquals("EIO", VfsOutcome.of(() -> String.valueOf(root.lookup("file"))));
    assertEquals("EIO", VfsOutcome.of(() -> VfsOutcome.names(dir.list())));
    assertEquals("EIO", VfsOutcome.of(() -> root.stat().toString()));
    assertEquals("EIO", open("file", false));
    volume.close();
    f.close();
  }
}
