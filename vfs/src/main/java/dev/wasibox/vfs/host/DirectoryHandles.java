package dev.wasibox.vfs.host;

import static com.google.common.base.Preconditions.checkArgument;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.ErrnoMapper;
import java.io.IOException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The open host directory handles of one volume: the pinned mount root, plus at most {@code
 * capacity} others kept in least-recently-used order, each leased while an operation uses it.
 *
 * <p><b>Ownership.</b> Directory nodes own no handle; this class owns every directory fd of the
 * volume. A node that needs its handle asks {@link #withHandle}: a cached handle with the node's
 * file key is used if there is one (an open fd pins its inode, so a key names exactly one
 * directory while its handle is open); otherwise the handle is opened again from the nearest
 * ancestor that has one, one name at a time, each checked against the file key seen at lookup.
 * Opening beyond {@code capacity} closes the least recently used handles that no operation is
 * using. Handles in use are never closed under an operation; while more than {@code capacity} are
 * in use at once (one or two per operation in flight) the cache overshoots and shrinks back as
 * they are released. So the number of directory handles is bounded by {@code 1 + capacity + 2 *
 * concurrent operations}, however many lookups a guest makes and however long it keeps nodes.
 * Each handle costs two fds (OpenJDK keeps a {@code dup} of the directory fd for its {@code
 * readdir} stream), and a listing opens one more handle on {@code .} for its duration.
 *
 * <p><b>Consequence.</b> A directory node follows its directory across host renames while its
 * handle is cached; once the handle was closed, it is reopened by the names it was found under,
 * and if those no longer lead to the same directory, operations fail with {@code ENOENT} (never
 * with another directory's contents).
 */
final class DirectoryHandles {
  /** What an operation does with a directory handle. */
  @FunctionalInterface
  interface Action<T> {
    T apply(SecureDirectoryStream<Path> dir) throws IOException;
  }

  /** One open handle and how many operations are using it. */
  private static final class Handle {
    final SecureDirectoryStream<Path> stream;
    int leases;

    Handle(SecureDirectoryStream<Path> stream) {
      this.stream = stream;
    }
  }

  private final Handle root;
  private final int capacity;
  private final LinkedHashMap<Object, Handle> cached = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;
  private long opened;

  DirectoryHandles(SecureDirectoryStream<Path> root, int capacity) {
    checkArgument(capacity >= 1, "capacity must be at least 1");
    this.root = new Handle(root);
    this.capacity = capacity;
  }

  /**
   * Runs {@code action} on the open handle of {@code dir}, opening it if needed, and maps its
   * failure to an errno.
   *
   * @throws WasiException {@code EIO} after {@link #close()}; {@code ENOENT} if the directory can
   *     no longer be reached by the names it was found under; any errno of {@code action}
   */
  <T> T withHandle(HostDirectory dir, Action<T> action) {
    Handle h = null;
    try {
      h = lease(dir);
      return action.apply(h.stream);
    } catch (IOException e) {
      throw ErrnoMapper.toWasi(e);
    } catch (DirectoryIteratorException e) {
      throw ErrnoMapper.toWasi(e.getCause());
    } catch (ClosedDirectoryStreamException e) {
      throw volumeClosed();
    } finally {
      if (h != null) {
        release(h);
      }
    }
  }

  /** Leases the handle of {@code dir}, opening it and any uncached ancestors first. */
  private Handle lease(HostDirectory dir) {
    ArrayDeque<HostDirectory> toOpen = new ArrayDeque<>();
    Handle base;
    synchronized (this) {
      if (closed) {
        throw volumeClosed();
      }
      HostDirectory d = dir;
      while (true) {
        if (d.isRoot()) {
          base = root;
          break;
        }
        Handle h = cached.get(d.key);
        if (h != null) {
          base = h;
          break;
        }
        toOpen.push(d);
        d = d.parent();
      }
      base.leases++;
    }
    while (!toOpen.isEmpty()) {
      HostDirectory next = toOpen.pop();
      Handle child;
      try {
        child = insertAndLease(next.key, HostIo.openDirectory(base.stream, next.hostName(), next.key));
      } finally {
        release(base);
      }
      base = child;
    }
    return base;
  }

  private Handle insertAndLease(Object key, SecureDirectoryStream<Path> stream) {
    List<SecureDirectoryStream<Path>> toClose = new ArrayList<>();
    try {
      synchronized (this) {
        if (closed) {
          toClose.add(stream);
          throw volumeClosed();
        }
        Handle h = cached.get(key);
        if (h != null) {
          // Another operation opened the same directory meanwhile: keep one handle.
          toClose.add(stream);
        } else {
          h = new Handle(stream);
          cached.put(key, h);
          opened++;
        }
        h.leases++;
        evictExcess(toClose);
        return h;
      }
    } finally {
      toClose.forEach(HostIo::closeQuietly);
    }
  }

  private void release(Handle h) {
    List<SecureDirectoryStream<Path>> toClose = new ArrayList<>();
    synchronized (this) {
      h.leases--;
      if (!closed) {
        evictExcess(toClose);
      }
    }
    toClose.forEach(HostIo::closeQuietly);
  }

  /** Drops least recently used idle handles while over capacity (called with the lock held). */
  private void evictExcess(List<SecureDirectoryStream<Path>> toClose) {
    Iterator<Handle> it = cached.values().iterator();
    while (cached.size() > capacity && it.hasNext()) {
      Handle h = it.next();
      if (h.leases == 0) {
        it.remove();
        toClose.add(h.stream);
      }
    }
  }

  /** Directory handles open now besides the root (for tests and monitoring). */
  synchronized int cachedCount() {
    return cached.size();
  }

  /** Directory handles opened so far besides the root (for tests and monitoring). */
  synchronized long openedCount() {
    return opened;
  }

  /**
   * Closes every handle, the root included, even those in use: operations in flight and later
   * ones fail with {@code EIO}. Idempotent.
   */
  void close() {
    List<SecureDirectoryStream<Path>> toClose = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose.add(root.stream);
      for (Handle h : cached.values()) {
        toClose.add(h.stream);
      }
      cached.clear();
    }
    toClose.forEach(HostIo::closeQuietly);
  }

  private static WasiException volumeClosed() {
    return new WasiException(Errno.EIO, "host volume was closed");
  }
}
