package dev.wasibox.vfs;

import java.nio.ByteBuffer;

/**
 * An open regular file: reads and writes at explicit positions. The handle follows the file, not
 * its name: it keeps working after the file is renamed or unlinked.
 *
 * <p>Every method may throw {@link dev.wasibox.capabilities.WasiException}: {@code EBADF} for a
 * read on a handle not opened for reading (and likewise for writes), {@code ENOSPC} when a write
 * would exceed the volume's quota (nothing is written then).
 */
public interface OpenFile extends AutoCloseable {
  /** Reads into {@code dst} from {@code position}; returns the byte count, 0 at or past EOF. */
  int read(ByteBuffer dst, long position);

  /** Writes all of {@code src} at {@code position}, extending the file; returns the count. */
  int write(ByteBuffer src, long position);

  /** The current size in bytes. */
  long size();

  /** Truncates or zero-extends the file to {@code size} bytes. */
  void setSize(long size);

  /** Flushes to the backing store (a no-op for memory). */
  void sync();

  /** The attributes of the open file, wherever its names are now. */
  FileStat stat();

  /** As {@link Node#setTimes}. */
  void setTimes(long atimNs, long mtimNs);

  /** Whether the handle may read. */
  boolean readable();

  /** Whether the handle may write. */
  boolean writable();

  /** Releases the handle; further calls fail with {@code EBADF}. Idempotent. */
  @Override
  void close();
}
