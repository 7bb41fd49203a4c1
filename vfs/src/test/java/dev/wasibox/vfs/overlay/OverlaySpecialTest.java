package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.Vfs;
import dev.wasibox.vfs.memory.MemoryVolume;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lower node of a special type (here a character device from {@link FakeLower}): visible,
 * removable, never openable and never copied up.
 *
 * <pre>
 * lower:  dev (character device)   plain = "p"
 * </pre>
 */
class OverlaySpecialTest {
  private final Vfs vfs = Vfs.withDefaults();
  private DirectoryNode root;

  @BeforeEach
  void mount() {
    MemoryVolume lowerVolume = MemoryVolume.create();
    OverlayFixture.write(lowerVolume.root().createFile("plain"), "p");
    root = OverlayVolume.create(new FakeLower(lowerVolume.root(), "none")).root();
  }

  private String ok(Runnable op) {
    return OverlayFixture.ok(op);
  }

  @Test
  void lookup_device_isWrappedWithOverlayIdentity() {
    Node dev = root.lookup("dev");
    assertEquals(FileType.CHARACTER_DEVICE, dev.type());
    assertEquals(root.volume(), dev.volume());
    assertEquals(root.volume().deviceId(), dev.stat().dev());
    assertEquals(
        root.list().stream().filter(e -> e.name().equals("dev")).findFirst().get().ino(),
        dev.stat().ino());
  }

  @Test
  void open_device_isNotSupported() {
    assertEquals("ENOTSUP", ok(() -> vfs.open(root, vfs.parse("dev"), false, OpenFlags.NONE, true, false)));
  }

  @Test
  void copyUpOperations_onDevice_areNotSupported() {
    assertEquals("ENOTSUP", ok(() -> vfs.setTimes(root, vfs.parse("dev"), false, 1, 2)));
    assertEquals("ENOTSUP", ok(() -> vfs.link(root, vfs.parse("dev"), false, root, vfs.parse("d2"))));
    assertEquals("ENOTSUP", ok(() -> vfs.rename(root, vfs.parse("dev"), root, vfs.parse("d2"))));
    assertEquals(1, ((OverlayVolume) root.volume()).usedInodes());
  }

  @Test
  void unlink_device_leavesWhiteout() {
    assertEquals("ok", ok(() -> vfs.unlinkFile(root, vfs.parse("dev"))));
    assertEquals("[plain]", OverlayFixture.names(root.list()));
    assertEquals("ok", ok(() -> vfs.createDirectory(root, vfs.parse("dev"))));
    assertEquals(FileType.DIRECTORY, root.lookup("dev").type());
  }

  @Test
  void rename_fileOverDevice_replacesIt() {
    assertEquals("ok", ok(() -> vfs.rename(root, vfs.parse("plain"), root, vfs.parse("dev"))));
    assertEquals("[dev]", OverlayFixture.names(root.list()));
    assertEquals(FileType.REGULAR_FILE, root.lookup("dev").type());
  }
}
