package dev.wasibox.host;

import static com.google.common.base.Preconditions.checkNotNull;

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
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A read-only view of a directory tree of another backend, for host tests that need {@code
 * EROFS} before the read-only host backend exists: every node found through the view is wrapped,
 * every mutation fails with {@code EROFS} before it reaches the wrapped node, and the view is a
 * volume of its own (so renames and links to or from it are {@code EXDEV}).
 */
public final class ReadOnlyVolume implements Volume {
  private static long nextDevice = 1_000_000;

  private final long deviceId;

  private ReadOnlyVolume() {
    synchronized (ReadOnlyVolume.class) {
      deviceId = nextDevice++;
    }
  }

  /** A read-only view rooted at {@code root}. */
  public static DirectoryNode view(DirectoryNode root) {
    return new Dir(new ReadOnlyVolume(), checkNotNull(root));
  }

  @Override
  public String describe() {
    return "read-only test view";
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public long deviceId() {
    return deviceId;
  }

  private static WasiException rofs() {
    return new WasiException(Errno.EROFS, "read-only test view");
  }

  private Node wrap(Node n) {
    if (n instanceof DirectoryNode d) {
      return new Dir(this, d);
    }
    if (n instanceof FileNode f) {
      return new File(this, f);
    }
    return new Link(this, (SymlinkNode) n);
  }

  private abstract static class Base<N extends Node> implements Node {
    final ReadOnlyVolume volume;
    final N node;

    Base(ReadOnlyVolume volume, N node) {
      this.volume = volume;
      this.node = node;
    }

    @Override
    public Volume volume() {
      return volume;
    }

    @Override
    public FileType type() {
      return node.type();
    }

    @Override
    public FileStat stat() {
      return node.stat();
    }

    @Override
    public void setTimes(long atimNs, long mtimNs) {
      throw rofs();
    }
  }

  private static final class Dir extends Base<DirectoryNode> implements DirectoryNode {
    Dir(ReadOnlyVolume volume, DirectoryNode node) {
      super(volume, node);
    }

    @Override
    public Node lookup(String name) {
      Node n = node.lookup(name);
      return n == null ? null : volume.wrap(n);
    }

    @Override
    public FileNode createFile(String name) {
      throw rofs();
    }

    @Override
    public DirectoryNode createDirectory(String name) {
      throw rofs();
    }

    @Override
    public SymlinkNode createSymlink(String name, String target) {
      throw rofs();
    }

    @Override
    public void link(String name, Node existing) {
      throw rofs();
    }

    @Override
    public void unlink(String name) {
      throw rofs();
    }

    @Override
    public void removeDirectory(String name) {
      throw rofs();
    }

    @Override
    public void rename(String name, DirectoryNode target, String targetName) {
      throw rofs();
    }

    @Override
    public List<DirEntry> list() {
      return node.list();
    }
  }

  private static final class File extends Base<FileNode> implements FileNode {
    File(ReadOnlyVolume volume, FileNode node) {
      super(volume, node);
    }

    @Override
    public OpenFile open(boolean read, boolean write) {
      if (write) {
        throw rofs();
      }
      return new ReadOnlyFile(node.open(read, false));
    }
  }

  private static final class Link extends Base<SymlinkNode> implements SymlinkNode {
    Link(ReadOnlyVolume volume, SymlinkNode node) {
      super(volume, node);
    }

    @Override
    public String target() {
      return node.target();
    }
  }

  private record ReadOnlyFile(OpenFile file) implements OpenFile {
    @Override
    public int read(ByteBuffer dst, long position) {
      return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) {
      return file.write(src, position);
    }

    @Override
    public long size() {
      return file.size();
    }

    @Override
    public void setSize(long size) {
      file.setSize(size);
    }

    @Override
    public void sync() {
      file.sync();
    }

    @Override
    public FileStat stat() {
      return file.stat();
    }

    @Override
    public void setTimes(long atimNs, long mtimNs) {
      throw rofs();
    }

    @Override
    public boolean readable() {
      return file.readable();
    }

    @Override
    public boolean writable() {
      return false;
    }

    @Override
    public void close() {
      file.close();
    }
  }
}
