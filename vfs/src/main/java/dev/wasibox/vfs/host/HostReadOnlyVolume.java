package dev.wasibox.vfs.host;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.Volume;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host directory mounted read-only: the guest sees its tree, the host never changes, and nothing
 * outside it can be reached, even while a host process renames or swaps entries in it.
 *
 * <p><b>Mounting.</b> {@link #mount} opens the directory once as a {@link SecureDirectoryStream}
 * (fail closed: without one, as on musl/Alpine or Windows JDKs, it refuses) and keeps that handle
 * for the volume's lifetime, so the mount is pinned: renaming or replacing the host directory
 * afterwards changes nothing the guest sees. See the package documentation for the walk and for
 * what pure Java cannot make race-free.
 *
 * <p><b>Handle lifetime.</b> The volume owns every host fd it opens: the pinned root handle, at
 * most {@code maxOpenDirectories} cached directory handles plus one or two per operation in flight
 * (two fds each; see {@link DirectoryHandles}), and the channel of each open file until that file
 * is closed. Nodes own no fd, so a guest may make any number of lookups and keep nodes for as long
 * as it likes. {@link #close()} releases everything: afterwards node operations fail with {@code
 * EIO} and open files with {@code EBADF}. Close the volume when the run that uses it ends.
 *
 * <p>Thread-safe: nodes and open files of one volume may be used from several threads.
 */
public final class HostReadOnlyVolume implements Volume, Closeable {
  /** The default bound on cached directory handles per volume (each holds two host fds). */
  public static final int DEFAULT_MAX_OPEN_DIRECTORIES = 64;

  /**
   * Device ids of host volumes start here, far from the memory backend's (which count from 1), so
   * that no two volumes report the same {@code dev}.
   */
  private static final long DEVICE_BASE = 1L << 40;

  private static final AtomicLong NEXT_DEVICE = new AtomicLong(DEVICE_BASE);

  private final Path hostPath;
  private final long deviceId;
  private final DirectoryHandles handles;
  private final InodeNumbers inodes;
  private final HostDirectory root;
  private final Set<HostOpenFile> openFiles = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private HostReadOnlyVolume(
      Path hostPath, SecureDirectoryStream<Path> rootStream, Object rootKey, int maxOpenDirs) {
    this.hostPath = hostPath;
    this.deviceId = NEXT_DEVICE.getAndIncrement();
    this.handles = new DirectoryHandles(rootStream, maxOpenDirs);
    this.inodes = new InodeNumbers(rootKey);
    this.root = new HostDirectory(this, null, "", rootKey);
  }

  /**
   * Mounts {@code hostDir} read-only with {@link #DEFAULT_MAX_OPEN_DIRECTORIES}.
   *
   * @throws HostMountException the directory is missing, not a directory, unreadable, or cannot
   *     be accessed race-free on this JDK and OS
   */
  public static HostReadOnlyVolume mount(Path hostDir) throws HostMountException {
    return mount(hostDir, DEFAULT_MAX_OPEN_DIRECTORIES);
  }

  /**
   * Mounts {@code hostDir} read-only, keeping at most {@code maxOpenDirectories} directory handles
   * open besides the root. A symlink in {@code hostDir} itself is followed once, now: it is the
   * host's choice of what to mount.
   *
   * @throws HostMountException the directory is missing, not a directory, unreadable, or cannot
   *     be accessed race-free on this JDK and OS
   */
  public static HostReadOnlyVolume mount(Path hostDir, int maxOpenDirectories)
      throws HostMountException {
    checkNotNull(hostDir);
    checkArgument(maxOpenDirectories >= 1, "maxOpenDirectories must be at least 1");
    Path dir = hostDir.toAbsolutePath();
    checkNameEncoding(dir);
    // Check the type first: opening a FIFO to list it would block.
    if (!readAttributes(dir).isDirectory()) {
      throw new HostMountException(dir, "not a directory");
    }
    DirectoryStream<Path> stream;
    try {
      stream = Files.newDirectoryStream(dir);
    } catch (IOException e) {
      throw new HostMountException(dir, "cannot open it (" + e + ")", e);
    }
    if (!(stream instanceof SecureDirectoryStream)) {
      HostIo.closeQuietly(stream);
      throw new HostMountException(
          dir,
          "this JDK and OS offer no SecureDirectoryStream (as on musl/Alpine or Windows), so the"
              + " directory cannot be accessed race-free; refusing to mount it");
    }
    SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) stream;
    BasicFileAttributes opened;
    try {
      opened = HostIo.fstat(secure);
    } catch (IOException e) {
      HostIo.closeQuietly(secure);
      throw new HostMountException(dir, "cannot read the opened handle (" + e + ")", e);
    }
    if (!opened.isDirectory() || opened.fileKey() == null) {
      HostIo.closeQuietly(secure);
      throw new HostMountException(dir, "the opened handle is not a directory with a file key");
    }
    return new HostReadOnlyVolume(dir, secure, opened.fileKey(), maxOpenDirectories);
  }

  private static BasicFileAttributes readAttributes(Path dir) throws HostMountException {
    try {
      return Files.readAttributes(dir, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new HostMountException(dir, "no such directory", e);
    } catch (AccessDeniedException e) {
      throw new HostMountException(dir, "permission denied", e);
    } catch (IOException e) {
      throw new HostMountException(dir, "cannot read its attributes (" + e + ")", e);
    }
  }

  private static void checkNameEncoding(Path dir) throws HostMountException {
    if (dir.getFileSystem() != FileSystems.getDefault()) {
      return;
    }
    Charset encoding = HostNames.hostEncoding();
    if (!HostNames.encodingSupported(encoding)) {
      throw new HostMountException(
          dir,
          "the JVM decodes host file names as "
              + encoding
              + " (sun.jnu.encoding), which would give guest names other bytes; run it with a"
              + " UTF-8 locale, such as LANG=C.UTF-8");
    }
  }

  /** The mount root. */
  public DirectoryNode root() {
    return root;
  }

  /** The absolute host path given at mount time (the mount itself is pinned, not this path). */
  public Path hostPath() {
    return hostPath;
  }

  /** {@code host-ro:} followed by the host path given at mount time. */
  @Override
  public String describe() {
    return "host-ro:" + hostPath;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public long deviceId() {
    return deviceId;
  }

  /**
   * Closes every host handle of the volume: directory handles and the channels of files still
   * open. Afterwards node operations fail with {@code EIO} and open files with {@code EBADF}.
   * Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    handles.close();
    for (HostOpenFile f : new ArrayList<>(openFiles)) {
      f.close();
    }
  }

  /** Directory handles cached now, the root not counted (for tests and monitoring). */
  int cachedDirectoryHandles() {
    return handles.cachedCount();
  }

  /** Files open now (for tests and monitoring). */
  int openFileCount() {
    return openFiles.size();
  }

  // ---- used by the node classes

  DirectoryHandles handles() {
    return handles;
  }

  FileSystem fileSystem() {
    return hostPath.getFileSystem();
  }

  long inodeOf(Object fileKey) {
    return inodes.numberOf(fileKey);
  }

  /** Registers an open file so that {@link #close()} can close it; refused once closed. */
  HostOpenFile track(HostOpenFile file) {
    openFiles.add(file);
    if (closed) {
      file.close();
      throw new WasiException(Errno.EIO, "host volume was closed");
    }
    return file;
  }

  void untrack(HostOpenFile file) {
    openFiles.remove(file);
  }
}
