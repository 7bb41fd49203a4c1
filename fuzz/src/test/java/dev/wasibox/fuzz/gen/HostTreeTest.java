package dev.wasibox.fuzz.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wasibox.fuzz.model.ModelTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HostTree}'s snapshot sees every change a host-backed sandbox must never make. */
class HostTreeTest {
  @TempDir Path base;

  private List<String> planted() throws Exception {
    ModelTree tree = TreeSpec.of("sandbox/a/", "sandbox/a/f = xy", "sandbox/l -> ../outside", "sandbox/e -> ").build();
    HostTree.plant(tree.root, base);
    return HostTree.snapshot(base);
  }

  @Test
  void snapshot_unchangedTree_isEqual() throws Exception {
    List<String> before = planted();
    Files.readAllBytes(base.resolve("sandbox/a/f"));
    assertEquals(before, HostTree.snapshot(base));
    assertEquals(false, Files.exists(base.resolve("sandbox/e"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void snapshot_seesContentLinkAndTimeChanges() throws Exception {
    List<String> before = planted();
    Files.writeString(base.resolve("sandbox/a/f"), "xz");
    assertNotEquals(before, HostTree.snapshot(base));
    List<String> afterWrite = HostTree.snapshot(base);
    Files.setLastModifiedTime(base.resolve("sandbox/a/f"), FileTime.fromMillis(0));
    assertNotEquals(afterWrite, HostTree.snapshot(base));
    List<String> afterTouch = HostTree.snapshot(base);
    Files.delete(base.resolve("sandbox/l"));
    Files.createSymbolicLink(base.resolve("sandbox/l"), Path.of(".."));
    assertNotEquals(afterTouch, HostTree.snapshot(base));
  }
}
