package dev.wasibox.vfs.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.OpenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/** {@link HostFile#open}: read-only, and only ever the file its lookup found. */
class HostFileTest extends HostVolumeTestBase {
  @Test
  void open_forWrite_throwsErofsBeforeAnyIo() {
    FileNode file = (FileNode) root.lookup("file");
    volume.close();
    // After close any I/O fails with EIO: EROFS shows that open(write) touched nothing.
    assertEquals("EROFS", VfsOutcome.ofVoid(() -> file.open(true, true)));
    assertEquals("EROFS", VfsOutcome.ofVoid(() -> file.open(false, true)));
    assertEquals("EIO", VfsOutcome.ofVoid(() -> file.open(true, false)));
  }

  @Test
  void open_readOnly_readsContent() {
    try (OpenFile f = ((FileNode) root.lookup("file")).open(true, false)) {
      assertEquals("hello", VfsOutcome.content(f));
      assertFalse(f.writable());
    }
  }

  @Test
  void open_fileReplacedByLinkToSecretAfterLookup_throwsEnoentNeverFollows() throws Exception {
    hostMutatedByTest = true;
    FileNode file = (FileNode) root.lookup("file");
    Path real = sandbox.resolve("file");
    Path aside = base.resolve("file.aside");
    Files.move(real, aside);
    Files.createSymbolicLink(real, base.resolve("outside/secret.txt"));
    try {
      assertEquals("ENOENT", VfsOutcome.of(() -> VfsOutcome.content(file.open(true, false))));
      assertEquals("EPERM", open("file", true));
      assertEquals("ELOOP", open("file", false));
    } finally {
      Files.delete(real);
      Files.move(aside, real);
    }
  }

  @Test
  void open_fileReplacedByAnotherFileAfterLookup_throwsEnoent() throws Exception {
    hostMutatedByTest = true;
    FileNode file = (FileNode) root.lookup("file");
    Path real = sandbox.resolve("file");
    Path aside = base.resolve("file.aside");
    Files.move(real, aside);
    Files.writeString(real, "other");
    try {
      assertEquals("ENOENT", VfsOutcome.of(() -> VfsOutcome.content(file.open(true, false))));
      assertEquals("file:other", open("file", false));
    } finally {
      Files.move(aside, real, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void open_fileRemovedAfterLookup_throwsEnoent() throws Exception {
    hostMutatedByTest = true;
    FileNode file = (FileNode) root.lookup("file");
    Path real = sandbox.resolve("file");
    Path aside = base.resolve("file.aside");
    Files.move(real, aside);
    try {
      assertEquals("ENOENT", VfsOutcome.of(() -> VfsOutcome.content(file.open(true, false))));
      assertEquals("ENOENT", VfsOutcome.ofVoid(file::stat));
    } finally {
      Files.move(aside, real);
    }
  }
}
