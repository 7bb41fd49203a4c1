package dev.wasibox.vfs.memory;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.ErrnoMapper;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** What every memory node shares: attributes and times read and written through Jimfs. */
abstract class MemoryNode implements Node {
  static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  final MemoryVolume volume;
  final Object key;

  MemoryNode(MemoryVolume volume, Object key) {
    this.volume = volume;
    this.key = key;
  }

  /** The Jimfs path of this node now (valid only under the volume lock). */
  abstract Path path();

  @Override
  public Volume volume() {
    return volume;
  }

  @Override
  public FileStat stat() {
    synchronized (volume.lock()) {
      return statAt(volume, path(), 0);
    }
  }

  @Override
  public void setTimes(long atimNs, long mtimNs) {
    synchronized (volume.lock()) {
      setTimesAt(path(), atimNs, mtimNs);
    }
  }

  @Override
  public boolean sameNode(Node other) {
    return other instanceof MemoryNode
        && ((MemoryNode) other).volume == volume
        && ((MemoryNode) other).key.equals(key);
  }

  static FileStat statAt(MemoryVolume volume, Path path, int hiddenLinks) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
      FileType type = typeOf(a);
      long size = a.size();
      if (type == FileType.SYMBOLIC_LINK) {
        size = MemorySymlink.targetBytes(path).length;
      }
      int nlink = (Integer) Files.getAttribute(path, "unix:nlink", NOFOLLOW) - hiddenLinks;
      if (type == FileType.REGULAR_FILE && volume.pinned(a.fileKey()) && hiddenLinks == 0) {
        nlink--;
      }
      long mtim = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
      return new FileStat(
          volume.deviceId(),
          ((Integer) a.fileKey()).longValue(),
          type,
          nlink,
          size,
          a.lastAccessTime().to(TimeUnit.NANOSECONDS),
          mtim,
          mtim);
    } catch (IOException e) {
      throw ErrnoMapper.toWasi(e);
    }
  }

  static void setTimesAt(Path path, long atimNs, long mtimNs) {
    try {
      Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW)
          .setTimes(fileTime(mtimNs), fileTime(atimNs), null);
    } catch (IOException e) {
      throw ErrnoMapper.toWasi(e);
    }
  }

  private static @Nullable FileTime fileTime(long ns) {
    return ns == OMIT ? null : FileTime.from(ns, TimeUnit.NANOSECONDS);
  }

  static FileType typeOf(BasicFileAttributes a) {
    if (a.isDirectory()) {
      return FileType.DIRECTORY;
    }
    if (a.isSymbolicLink()) {
      return FileType.SYMBOLIC_LINK;
    }
    if (a.isRegularFile()) {
      return FileType.REGULAR_FILE;
    }
    throw new WasiException(Errno.EIO, "unexpected node type in memory volume");
  }
}
