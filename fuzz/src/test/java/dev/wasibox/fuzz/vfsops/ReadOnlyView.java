package dev.wasibox.fuzz.vfsops;

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
import java.util.List;

/**
 * A read-only view of any volume's nodes, as the node SPI documents a read-only backend: reads
 * pass through, every mutator fails with {@code EROFS} (wazero's {@code ReadFS}). A stand-in for
 * {@code HostReadOnlyVolume} until it lands, so that the model's read-only semantics are
 * exercised; it is test code and guards nothing.
 */
final class ReadOnlyView implements Volume {
  private final Volume inner;

  ReadOnlyView(Volume inner) {
    this.inner = inner;
  }

  @Override
  public String describe() {
    return "read-only view of " + inner.describe();
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public long deviceId() {
    return inner.deviceId();
  }

  /** The view of {@code node}, or null. */
  Node wrap(Node node) {
    if (node == null) {
      return null;
    }
    return switch (node.type()) {
      case DIRECTORY -> new Dir((DirectoryNode) node);
      case SYMBOLIC_LINK -> new Link((SymlinkNode) node);
      default -> new File((FileNode) node);
    };
  }

  private static WasiException erofs() {
    return new WasiException(Errno.EROFS, "read-only view");
  }

  /** What every wrapped node shares. */
  private abstract class Wrapped<N extends Node> implements Node {
    final N inner;

    Wrapped(N inner) {
      this.inner = inner;
    }

    @Override
    public Volume volume() {
      return ReadOnlyView.this;
    }

    @Override
    public FileType type() {
      return inner.type();
    }

    @Override
    public FileStat stat() {
      return inner.stat();
    }

    @Override
    public void setTimes(long atimNs, long mtimNs) {
      throw erofs();
    }

    @Override
    public boolean sameNode(Node other) {
      return other instanceof Wrapped<?> w && inner.sameNode(w.inner);
    }
  }

  private final class Dir extends Wrapped<DirectoryNode> implements DirectoryNode {
    Dir(DirectoryNode inner) {
      super(inner);
    }

    @Override
    public Node lookup(String name) {
      return wrap(inner.lookup(name));
    }

    @Override
    public FileNode createFile(String name) {
      throw erofs();
    }

    @Override
    public DirectoryNode createDirectory(String name) {
      throw erofs();
    }

    @Override
    public SymlinkNode createSymlink(String name, String target) {
      throw erofs();
    }

    @Override
    public void link(String name, Node existing) {
      throw erofs();
    }

    @Override
    public void unlink(String name) {
      throw erofs();
    }

    @Override
    public void removeDirectory(String name) {
      throw erofs();
    }

    @Override
    public void rename(String name, DirectoryNode target, String targetName) {
      throw erofs();
    }

    @Override
    public List<DirEntry> list() {
      return inner.list();
    }
  }

  private final class File extends Wrapped<FileNode> implements FileNode {
    File(FileNode inner) {
      super(inner);
    }

    @Override
    public OpenFile open(boolean read, boolean write) {
      if (write) {
        throw erofs();
      }
      return inner.open(read, false);
    }
  }

  private final class Link extends Wrapped<SymlinkNode> implements SymlinkNode {
    Link(SymlinkNode inner) {
      super(inner);
    }

    @Override
    public String target() {
      return inner.target();
    }
  }
}
