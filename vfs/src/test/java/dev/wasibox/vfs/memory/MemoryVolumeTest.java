package dev.wasibox.vfs.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.Vfs;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Quotas, accounting and time source of the memory backend (the rest is the conformance suite). */
class MemoryVolumeTest {
  private final Vfs vfs = Vfs.withDefaults();
  private final long[] now = {1_000L};

  private MemoryVolume volume(long bytes, long inodes) {
    return MemoryVolume.create(new Quota(bytes, inodes), () -> now[0]);
  }

  private OpenFile create(DirectoryNode root, String name) {
    return vfs.open(root, vfs.parse(name), false, new OpenFlags(true, false, false, false), true, true)
        .file();
  }

  private static Errno errno(Runnable r) {
    return assertThrows(WasiException.class, r::run).errno();
  }

  @Test
  void write_overByteQuota_isEnospcAndWritesNothing() {
    MemoryVolume v = volume(10, 100);
    try (OpenFile f = create(v.root(), "f")) {
      f.write(ByteBuffer.wrap(new byte[8]), 0);
      assertEquals(Errno.ENOSPC, errno(() -> f.write(ByteBuffer.wrap(new byte[3]), 8)));
      assertEquals(8, f.size());
      f.write(ByteBuffer.wrap(new byte[2]), 8);
      assertEquals(10, v.usedBytes());
      f.write(ByteBuffer.wrap(new byte[10]), 0);
      assertEquals(10, v.usedBytes());
    }
  }

  @Test
  void pwrite_farOffset_isEnospcNotOom() {
    MemoryVolume v = volume(1 << 20, 100);
    try (OpenFile f = create(v.root(), "f")) {
      assertEquals(Errno.ENOSPC, errno(() -> f.write(ByteBuffer.wrap(new byte[1]), 1L << 62)));
      assertEquals(Errno.ENOSPC, errno(() -> f.setSize(1L << 62)));
      assertEquals(Errno.EFBIG, errno(() -> f.write(ByteBuffer.wrap(new byte[2]), Long.MAX_VALUE)));
      assertEquals(0, f.size());
    }
  }

  @Test
  void create_overInodeQuota_isEnospcAndCreatesNothing() {
    MemoryVolume v = volume(100, 3);
    vfs.createDirectory(v.root(), vfs.parse("d"));
    vfs.symlink("d", v.root(), vfs.parse("l"));
    assertEquals(Errno.ENOSPC, errno(() -> vfs.createDirectory(v.root(), vfs.parse("e"))));
    assertEquals(Errno.ENOSPC, errno(() -> create(v.root(), "f")));
    assertEquals(Errno.ENOSPC, errno(() -> vfs.symlink("x", v.root(), vfs.parse("m"))));
    assertEquals(3, v.usedInodes());
    assertEquals(3, vfs.readdir(v.root()).size() - 0 - 1); // ., .., d, l
    vfs.unlinkFile(v.root(), vfs.parse("l"));
    vfs.createDirectory(v.root(), vfs.parse("e"));
  }

  /**
   * A symlink's target is content the guest chose (up to the path limit each): without charging
   * it, 65,536 links of 4 KiB would hold 256 MiB of host heap under a 64 MiB quota.
   */
  @Test
  void symlink_chargesItsTargetToTheByteQuota_andGivesItBack() {
    MemoryVolume v = volume(20, 100);
    vfs.symlink("abcdef", v.root(), vfs.parse("l"));
    assertEquals(6, v.usedBytes());
    assertEquals(Errno.ENOSPC, errno(() -> vfs.symlink("x".repeat(15), v.root(), vfs.parse("m"))));
    assertEquals(Errno.EEXIST, errno(() -> vfs.symlink("x", v.root(), vfs.parse("l"))));
    assertEquals(6, v.usedBytes());
    assertEquals(2, v.usedInodes()); // the root and one link
    vfs.link(v.root(), vfs.parse("l"), false, v.root(), vfs.parse("copy")); // a copy in Jimfs
    assertEquals(12, v.usedBytes());
    vfs.unlinkFile(v.root(), vfs.parse("l"));
    assertEquals(6, v.usedBytes());
    vfs.rename(v.root(), vfs.parse("copy"), v.root(), vfs.parse("m"));
    assertEquals(6, v.usedBytes());
    vfs.symlink("ab", v.root(), vfs.parse("n"));
    vfs.rename(v.root(), vfs.parse("n"), v.root(), vfs.parse("m")); // replaces a 6-byte link
    assertEquals(2, v.usedBytes());
    assertEquals(2, v.usedInodes()); // the root and one link
  }

  @Test
  void unlink_releasesBytesOnlyWhenLastLinkAndHandleGo() {
    MemoryVolume v = volume(100, 100);
    OpenFile f = create(v.root(), "f");
    f.write(ByteBuffer.wrap(new byte[40]), 0);
    vfs.link(v.root(), vfs.parse("f"), false, v.root(), vfs.parse("g"));
    vfs.unlinkFile(v.root(), vfs.parse("f"));
    assertEquals(40, v.usedBytes());
    vfs.unlinkFile(v.root(), vfs.parse("g"));
    assertEquals(40, v.usedBytes(), "still held open");
    assertEquals(0, f.stat().nlink());
    f.close();
    assertEquals(0, v.usedBytes());
    assertEquals(1, v.usedInodes());
  }

  @Test
  void rename_overFile_releasesReplacedFile() {
    MemoryVolume v = volume(100, 100);
    try (OpenFile a = create(v.root(), "a");
        OpenFile b = create(v.root(), "b")) {
      a.write(ByteBuffer.wrap(new byte[10]), 0);
      b.write(ByteBuffer.wrap(new byte[20]), 0);
    }
    vfs.rename(v.root(), vfs.parse("a"), v.root(), vfs.parse("b"));
    assertEquals(10, v.usedBytes());
    assertEquals(2, v.usedInodes());
  }

  @Test
  void times_comeFromTheVolumeClock() {
    MemoryVolume v = volume(100, 100);
    now[0] = 123_456_789_012L;
    create(v.root(), "f").close();
    FileStat st = vfs.stat(v.root(), vfs.parse("f"), false);
    assertEquals(123_456_789_012L, st.mtimNs());
    assertEquals(123_456_789_012L, st.atimNs());
  }

  @Test
  void volumes_areIsolatedAndRenameAcrossIsExdev() {
    MemoryVolume a = volume(100, 100);
    MemoryVolume b = volume(100, 100);
    create(a.root(), "f").close();
    assertEquals(Errno.EXDEV, errno(() -> vfs.rename(a.root(), vfs.parse("f"), b.root(), vfs.parse("f"))));
    assertEquals(Errno.EXDEV, errno(() -> vfs.link(a.root(), vfs.parse("f"), false, b.root(), vfs.parse("f"))));
    assertEquals(2, vfs.readdir(b.root()).size());
  }

  @Test
  void names_neverReachJimfsAsPaths() {
    MemoryVolume v = volume(100, 100);
    assertEquals(Errno.EINVAL, errno(() -> v.root().createDirectory("a/b")));
    assertEquals(Errno.EINVAL, errno(() -> v.root().lookup("..")));
    assertEquals(Errno.EINVAL, errno(() -> v.root().createFile(".")));
  }
}
