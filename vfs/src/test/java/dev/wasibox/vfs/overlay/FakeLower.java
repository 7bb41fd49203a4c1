package dev.wasibox.vfs.overlay;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.SymlinkNode;
import dev.wasibox.vfs.Volume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A read-only lower layer that wraps a memory directory (flat: files only) and adds what the
 * memory backend cannot hold: a character device {@code dev} (never openable) and a way to make
 * a file report a smaller size than it has (a host file growing while it is copied up). Every
 * mutator is {@code EROFS}, as the read-only host backend's are.
 */
final class FakeLower implements DirectoryNode {
  static final long DEVICE_INO = 9_999;

  private final DirectoryNode inner;
  private final String shrunk;

  /** Wraps {@code inner}; the file named {@code shrunk} reports size 0. */
  FakeLower(DirectoryNode inner, String shrunk) {
    this.inner = inner;
    this.shrunk = shrunk;
  }

  @Override
  public Volume volume() {
    return inner.volume();
  }

  @Override
  public FileType type() {
    return FileType.DIRECTORY;
  }

  @Override
  public FileStat stat() {
    return inner.stat();
  }

  @Override
  public void setTimes(long atimNs, long mtimNs) {
    throw new WasiException(Errno.EROFS);
  }

  @Override
  public @Nullable Node lookup(String name) {
    if (name.equals("dev")) {
      return new Device();
    }
    Node n = inner.lookup(name);
    if (n != null && name.equals(shrunk)) {
      return new Shrunk((FileNode) n);
    }
    return n;
  }

  @Override
  public List<DirEntry> list() {
    List<DirEntry> out = new ArrayList<>(inner.list());
    out.add(new DirEntry("dev", FileType.CHARACTER_DEVICE, DEVICE_INO));
    out.sort(Comparator.comparing(DirEntry::name));
    return out;
  }

  @Override
  public FileNode createFile(String name) {
    throw new WasiException(Errno.EROFS);
  }

  @Override
  public DirectoryNode createDirectory(String name) {
    throw new WasiException(Errno.EROFS);
  }

  @Override
  public SymlinkNode createSymlink(String name, String target) {
    throw new WasiException(Errno.EROFS);
  }

  @Override
  public void link(String name, Node existing) {
    throw new WasiException(Errno.EROFS);
  }

  @Override
  public void unlink(String name) {
    throw new WasiException(Errno.EROFS);
  }

  @Override
  public void removeDirectory(String name) {
    throw new WasiException(Errno.EROFS);
  }

  @Override
  public void rename(String name, DirectoryNode target, String targetName) {
    throw new WasiException(Errno.EROFS);
  }

  /** A character device: it has attributes and nothing else. */
  private final class Device implements Node {
    @Override
    public Volume volume() {
      return inner.volume();
    }

    @Override
    public FileType type() {
      return FileType.CHARACTER_DEVICE;
    }

    @Override
    public FileStat stat() {
      return new FileStat(0, DEVICE_INO, FileType.CHARACTER_DEVICE, 1, 0, 5, 5, 5);
    }

    @Override
    public void setTimes(long atimNs, long mtimNs) {
      throw new WasiException(Errno.EROFS);
    }
  }

  /** A file whose stat says it is empty, whatever it holds. */
  private static final class Shrunk implements FileNode {
    private final FileNode inner;

    Shrunk(FileNode inner) {
      this.inner = inner;
    }

    @Override
    public Volume volume() {
      return inner.volume();
    }

    @Override
    public FileType type() {
      return FileType.REGULAR_FILE;
    }

    @Override
    public FileStat stat() {
      FileStat s = inner.stat();
      return new FileStat(s.dev(), s.ino(), s.type(), s.nlink(), 0, s.atimNs(), s.mtimNs(), s.ctimNs());
    }

    @Override
    public void setTimes(long atimNs, long mtimNs) {
      throw new WasiException(Errno.EROFS);
    }

    @Override
    public OpenFile open(boolean read, boolean write) {
      if (write) {
        throw new WasiException(Errno.EROFS);
      }
      return inner.open(read, false);
    }

    @Override
    public boolean sameNode(Node other) {
      return other instanceof Shrunk && inner.sameNode(((Shrunk) other).inner);
    }
  }
}
