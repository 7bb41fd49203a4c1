package dev.wasibox.vfs.memory;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.Volume;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A writable in-memory volume on its own Jimfs instance (unix configuration), with a {@link
 * Quota}. Nothing outside the Jimfs instance exists for it, and the guest-visible tree is {@code
 * /root} inside it; {@code /handles} holds a hidden hard link per open file so that a handle keeps
 * its attributes after the file is renamed or unlinked.
 *
 * <p>All operations of one volume are serialised on the volume.
 */
public final class MemoryVolume implements Volume {
  private static final AtomicLong NEXT_DEVICE = new AtomicLong(1);

  private final FileSystem jimfs;
  private final Quota quota;
  private final long deviceId;
  private final MemoryDirectory root;
  private final Path handlesDir;
  private final Map<Object, MemoryDirectory> directories = new HashMap<>();
  private final Map<Object, HandleLink> handleLinks = new HashMap<>();
  private long usedBytes;
  private long usedInodes;
  private long nextHandleId;
  private int renameGeneration;

  private MemoryVolume(Quota quota, LongSupplier clockNs) throws IOException {
    this.quota = checkNotNull(quota);
    this.deviceId = NEXT_DEVICE.getAndIncrement();
    this.jimfs =
        Jimfs.newFileSystem(
            Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix", "user")
                .setFileTimeSource(() -> FileTime.from(clockNs.getAsLong(), TimeUnit.NANOSECONDS))
                .setWorkingDirectory("/")
                // The quota, not Jimfs, limits content; freed blocks go back to the heap.
                .setMaxSize(1L << 40)
                .setMaxCacheSize(0)
                .build());
    Path rootPath = jimfs.getPath("/root");
    Files.createDirectory(rootPath);
    handlesDir = jimfs.getPath("/handles");
    Files.createDirectory(handlesDir);
    Object rootKey = Files.readAttributes(rootPath, "basic:fileKey").get("fileKey");
    root = new MemoryDirectory(this, null, "root", rootKey);
    directories.put(rootKey, root);
    usedInodes = 1;
  }

  /** A new empty volume whose file times come from {@code clockNs} (ns since the epoch). */
  public static MemoryVolume create(Quota quota, LongSupplier clockNs) {
    try {
      return new MemoryVolume(quota, clockNs);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create an in-memory filesystem", e);
    }
  }

  /** A new empty volume with the default quota and the system clock. */
  public static MemoryVolume create() {
    return create(Quota.DEFAULT, () -> System.currentTimeMillis() * 1_000_000L);
  }

  /** The root directory of the volume. */
  public DirectoryNode root() {
    return root;
  }

  public Quota quota() {
    return quota;
  }

  /** Bytes held now: file contents and symlink targets. */
  public synchronized long usedBytes() {
    return usedBytes;
  }

  /** Nodes held now, the root included. */
  public synchronized long usedInodes() {
    return usedInodes;
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public long deviceId() {
    return deviceId;
  }

  // ---- bookkeeping used by the node classes (all called with the volume's lock held) ----

  Path jimfsPath(String absolute) {
    return jimfs.getPath(absolute);
  }

  int renameGeneration() {
    return renameGeneration;
  }

  void directoryMoved() {
    renameGeneration++;
  }

  MemoryDirectory directoryFor(MemoryDirectory parent, String name, Object key) {
    MemoryDirectory dir = directories.get(key);
    if (dir == null) {
      dir = new MemoryDirectory(this, parent, name, key);
      directories.put(key, dir);
    }
    return dir;
  }

  void forgetDirectory(Object key) {
    MemoryDirectory dir = directories.remove(key);
    if (dir != null) {
      dir.markRemoved();
    }
  }

  void reserveInode() {
    if (usedInodes + 1 > quota.maxInodes()) {
      throw new WasiException(Errno.ENOSPC, "inode quota of " + quota.maxInodes() + " reached");
    }
    usedInodes++;
  }

  void releaseInode() {
    usedInodes--;
  }

  /** Accounts for a file growing by {@code delta} bytes, or refuses with ENOSPC. */
  void reserveBytes(long delta) {
    if (delta > 0 && delta > quota.maxBytes() - usedBytes) {
      throw new WasiException(Errno.ENOSPC, "byte quota of " + quota.maxBytes() + " reached");
    }
    usedBytes += delta;
  }

  void releaseBytes(long bytes) {
    usedBytes -= bytes;
  }

  /** Pins an open file under {@code /handles} and returns that stable path. */
  Path pinHandle(Object key, Path file) throws IOException {
    HandleLink link = handleLinks.get(key);
    if (link == null) {
      Path pinned = handlesDir.resolve(Long.toString(nextHandleId++));
      Files.createLink(pinned, file);
      link = new HandleLink(pinned);
      handleLinks.put(key, link);
    }
    link.refs++;
    return link.path;
  }

  /** Drops one pin; returns true when the file then has no links at all (it is gone). */
  boolean unpinHandle(Object key, long size) throws IOException {
    HandleLink link = handleLinks.get(key);
    if (--link.refs > 0) {
      return false;
    }
    handleLinks.remove(key);
    int nlink = (Integer) Files.getAttribute(link.path, "unix:nlink");
    Files.delete(link.path);
    if (nlink == 1) {
      releaseBytes(size);
      releaseInode();
      return true;
    }
    return false;
  }

  /** Whether an open handle pins this file (its hidden link counts in Jimfs's nlink). */
  boolean pinned(Object key) {
    return handleLinks.containsKey(key);
  }

  /** The shared lock of all operations on this volume. */
  Object lock() {
    return this;
  }

  private static final class HandleLink {
    final Path path;
    int refs;

    HandleLink(Path path) {
      this.path = path;
    }
  }
}
