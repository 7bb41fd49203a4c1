package dev.wasibox.vfs.memory;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.ErrnoMapper;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Names;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.SymlinkNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A directory of a {@link MemoryVolume}. There is one object per Jimfs directory; it knows its
 * parent and name (a directory has exactly one), which the volume keeps current across renames,
 * so its Jimfs path can always be rebuilt from real directory names.
 */
final class MemoryDirectory extends MemoryNode implements DirectoryNode {
  private @Nullable MemoryDirectory parent;
  private String name;
  private boolean removed;
  /** How deep a directory may be and still keep its Jimfs path between calls. */
  static final int CACHED_DEPTH = 64;

  private @Nullable Path cachedPath;
  private int cachedGeneration = -1;

  MemoryDirectory(MemoryVolume volume, @Nullable MemoryDirectory parent, String name, Object key) {
    super(volume, key);
    this.parent = parent;
    this.name = checkNotNull(name);
  }

  /**
   * The Jimfs path, rebuilt from the names of this directory and its ancestors without recursion.
   * It is kept between calls (until a directory is renamed anywhere) only for directories at most
   * {@link #CACHED_DEPTH} deep: a Jimfs path holds all its names, and a guest can nest
   * directories as deep as its inode quota allows, so caching every path would cost memory in
   * the square of the depth.
   */
  @Override
  Path path() {
    int generation = volume.renameGeneration();
    if (cachedPath != null && cachedGeneration == generation && !removed) {
      return cachedPath;
    }
    ArrayDeque<String> names = new ArrayDeque<>();
    Path base;
    for (MemoryDirectory d = this; ; d = d.parent) {
      if (d.removed) {
        throw new WasiException(Errno.ENOENT, "directory was removed");
      }
      if (d != this && d.cachedPath != null && d.cachedGeneration == generation) {
        base = d.cachedPath;
        break;
      }
      if (d.parent == null) {
        base = volume.jimfsPath("/root");
        break;
      }
      names.addFirst(d.name);
    }
    // Entry names never hold '/', '.', '..' or NUL (Names.checkSingle), so joining is exact.
    Path p = names.isEmpty() ? base : base.resolve(String.join("/", names));
    if (p.getNameCount() <= CACHED_DEPTH + 1) {
      cachedPath = p;
      cachedGeneration = generation;
    }
    return p;
  }

  /** The Jimfs path of entry {@code name}: the one place this backend joins a name to a path. */
  Path child(String name) {
    return path().resolve(Names.checkSingle(name));
  }

  void markRemoved() {
    removed = true;
  }

  void moved(MemoryDirectory newParent, String newName) {
    parent = newParent;
    name = newName;
  }

  @Override
  public FileType type() {
    return FileType.DIRECTORY;
  }

  @Override
  public @Nullable Node lookup(String name) {
    synchronized (volume.lock()) {
      BasicFileAttributes a = attributesOrNull(child(name));
      return a == null ? null : nodeFor(name, a);
    }
  }

  private Node nodeFor(String name, BasicFileAttributes a) {
    switch (typeOf(a)) {
      case DIRECTORY:
        return volume.directoryFor(this, name, a.fileKey());
      case SYMBOLIC_LINK:
        return new MemorySymlink(volume, this, name, a.fileKey());
      default:
        return new MemoryFile(volume, this, name, a.fileKey());
    }
  }

  private static @Nullable BasicFileAttributes attributesOrNull(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw ErrnoMapper.toWasi(e);
    }
  }

  private BasicFileAttributes existing(String name) {
    BasicFileAttributes a = attributesOrNull(child(name));
    if (a == null) {
      throw new WasiException(Errno.ENOENT);
    }
    return a;
  }

  /** How one kind of entry is made at a path that does not exist yet. */
  private interface EntryMaker {
    void make(Path path) throws IOException;
  }

  /**
   * Makes a new entry {@code name} with {@code maker}, charging one inode and {@code bytes} (all
   * given back if the entry could not be made), and returns its node. {@code EEXIST} when the
   * name is taken, {@code ENOSPC} over the quota.
   */
  private Node createEntry(String name, long bytes, EntryMaker maker) {
    synchronized (volume.lock()) {
      Path p = child(name);
      if (attributesOrNull(p) != null) {
        throw new WasiException(Errno.EEXIST);
      }
      volume.reserveInode();
      try {
        volume.reserveBytes(bytes);
      } catch (WasiException e) {
        volume.releaseInode();
        throw e;
      }
      try {
        maker.make(p);
        return nodeFor(name, existing(name));
      } catch (IOException | RuntimeException e) {
        // Half made (a symlink whose target attribute failed): remove it, give the charge back.
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // Nothing was made, or it cannot be removed either; the charge still goes back.
        }
        volume.releaseBytes(bytes);
        volume.releaseInode();
        throw e instanceof IOException io ? ErrnoMapper.toWasi(io) : (RuntimeException) e;
      }
    }
  }

  @Override
  public FileNode createFile(String name) {
    return (FileNode) createEntry(name, 0, Files::createFile);
  }

  @Override
  public DirectoryNode createDirectory(String name) {
    return (DirectoryNode) createEntry(name, 0, Files::createDirectory);
  }

  @Override
  public SymlinkNode createSymlink(String name, String target) {
    // A link's target is content the guest chose (up to the path limit): it counts as bytes.
    long bytes = target.getBytes(StandardCharsets.UTF_8).length;
    return (SymlinkNode) createEntry(name, bytes, p -> MemorySymlink.create(p, target));
  }

  @Override
  public void link(String name, Node existing) {
    synchronized (volume.lock()) {
      if (!(existing instanceof MemoryNode) || ((MemoryNode) existing).volume != volume) {
        throw new WasiException(Errno.EXDEV);
      }
      if (existing.type() == FileType.DIRECTORY) {
        throw new WasiException(Errno.EPERM, "hard link to a directory");
      }
      Path source = ((MemoryNode) existing).path();
      if (existing.type() == FileType.SYMBOLIC_LINK) {
        // Jimfs cannot hard-link a symlink itself (it follows it); an equal symlink is the closest
        // observable equivalent. It is a new node, so it counts against the inode quota.
        createSymlink(name, ((SymlinkNode) existing).target());
        return;
      }
      Path p = child(name);
      if (attributesOrNull(p) != null) {
        throw new WasiException(Errno.EEXIST);
      }
      try {
        Files.createLink(p, source);
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
    }
  }

  @Override
  public void unlink(String name) {
    synchronized (volume.lock()) {
      Path p = child(name);
      BasicFileAttributes a = existing(name);
      if (a.isDirectory()) {
        throw new WasiException(Errno.EISDIR);
      }
      dropEntry(p, a);
    }
  }

  /** Deletes a non-directory entry and releases what it held once no link is left. */
  private void dropEntry(Path p, BasicFileAttributes a) {
    try {
      int nlink = (Integer) Files.getAttribute(p, "unix:nlink", NOFOLLOW);
      long bytes =
          a.isRegularFile() ? a.size() : a.isSymbolicLink() ? MemorySymlink.targetBytes(p).length : 0;
      Files.delete(p);
      if (nlink == 1) {
        volume.releaseInode();
        volume.releaseBytes(bytes);
      }
    } catch (IOException e) {
      throw ErrnoMapper.toWasi(e);
    }
  }

  @Override
  public void removeDirectory(String name) {
    synchronized (volume.lock()) {
      Path p = child(name);
      BasicFileAttributes a = existing(name);
      if (!a.isDirectory()) {
        throw new WasiException(Errno.ENOTDIR);
      }
      try {
        Files.delete(p);
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
      volume.forgetDirectory(a.fileKey());
      volume.releaseInode();
    }
  }

  @Override
  public void rename(String name, DirectoryNode target, String targetName) {
    synchronized (volume.lock()) {
      if (!(target instanceof MemoryDirectory) || ((MemoryDirectory) target).volume != volume) {
        throw new WasiException(Errno.EXDEV);
      }
      MemoryDirectory to = (MemoryDirectory) target;
      Path from = child(name);
      BasicFileAttributes src = existing(name);
      Path dest = to.child(targetName);
      BasicFileAttributes dst = attributesOrNull(dest);
      if (src.isDirectory()) {
        for (MemoryDirectory d = to; d != null; d = d.parent) {
          if (d.key.equals(src.fileKey())) {
            throw new WasiException(Errno.EINVAL, "directory into its own subtree");
          }
        }
      }
      if (dst != null) {
        if (dst.fileKey().equals(src.fileKey())) {
          return;
        }
        if (src.isDirectory() && !dst.isDirectory()) {
          throw new WasiException(Errno.ENOTDIR);
        }
        if (!src.isDirectory() && dst.isDirectory()) {
          throw new WasiException(Errno.EISDIR);
        }
        if (dst.isDirectory()) {
          if (!volume.directoryFor(to, targetName, dst.fileKey()).isEmpty()) {
            throw new WasiException(Errno.ENOTEMPTY);
          }
          removeDirectoryAt(dest, dst);
        } else {
          dropEntry(dest, dst);
        }
      }
      try {
        Files.move(from, dest, StandardCopyOption.REPLACE_EXISTING, NOFOLLOW);
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
      if (src.isDirectory()) {
        volume.directoryFor(this, name, src.fileKey()).moved(to, targetName);
        volume.directoryMoved();
      }
    }
  }

  private void removeDirectoryAt(Path p, BasicFileAttributes a) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw ErrnoMapper.toWasi(e);
    }
    volume.forgetDirectory(a.fileKey());
    volume.releaseInode();
  }

  @Override
  public List<DirEntry> list() {
    synchronized (volume.lock()) {
      List<DirEntry> out = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path())) {
        for (Path p : entries) {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
          out.add(
              new DirEntry(
                  p.getFileName().toString(), typeOf(a), ((Integer) a.fileKey()).longValue()));
        }
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
      out.sort(Comparator.comparing(DirEntry::name));
      return out;
    }
  }

  @Override
  public boolean isEmpty() {
    synchronized (volume.lock()) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path())) {
        return !entries.iterator().hasNext();
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
    }
  }
}
