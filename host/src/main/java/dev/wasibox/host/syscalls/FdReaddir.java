package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.WasiContext;
import dev.wasibox.host.fd.DirectoryDescriptor;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.GuestPath;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * {@code fd_readdir}: serialises {@code dirent}s ({@code d_next}, {@code d_ino}, {@code
 * d_namlen}, {@code d_type}, then the name) into the guest's buffer, truncating the last one when
 * the buffer is full, as the spec requires. The cookie of an entry is its index plus one in the
 * listing taken when the guest starts at cookie 0 ({@code .}, {@code ..}, then names sorted);
 * later calls page through that same listing, so cookies stay stable.
 */
public final class FdReaddir {
  private static final int DIRENT_SIZE = 24;

  private final WasiContext context;

  public FdReaddir(WasiContext context) {
    this.context = checkNotNull(context);
  }

  /**
   * {@code fd_readdir}.
   *
   * <p>Errors: {@code EBADF} not open · {@code ENOTDIR} not a directory · {@code ENOTCAPABLE} no
   * {@code FD_READDIR} · {@code EFAULT} · {@code ENOENT} the directory was removed · {@code
   * EINVAL} a cookie of 2^63 or more (no listing is that long).
   */
  public Errno fdReaddir(GuestMemory mem, int fd, long buf, long bufLen, long cookie, long bufusedPtr) {
    DirectoryDescriptor dir = context.fds().requireDirectory(fd, Right.FD_READDIR);
    mem.check(buf, bufLen);
    mem.check(bufusedPtr, 4);
    List<DirEntry> entries = dir.listing();
    if (cookie == 0 || entries == null) {
      entries = context.vfs().readdir(dir.directory());
      dir.listing(entries);
    }
    if (cookie < 0) {
      throw new WasiException(Errno.EINVAL, "negative cookie");
    }
    int capacity = (int) Math.min(bufLen, Integer.MAX_VALUE);
    ByteBuffer out = ByteBuffer.allocate(Math.min(capacity, GuestMemory.CHUNK)).order(ByteOrder.LITTLE_ENDIAN);
    long written = 0;
    for (long i = cookie; i < entries.size() && written < capacity; i++) {
      DirEntry e = entries.get((int) i);
      byte[] name = GuestPath.encodeUtf8(e.name());
      ByteBuffer one = ByteBuffer.allocate(DIRENT_SIZE + name.length).order(ByteOrder.LITTLE_ENDIAN);
      one.putLong(i + 1).putLong(e.ino()).putInt(name.length).put((byte) e.type().code());
      one.position(DIRENT_SIZE);
      one.put(name);
      int n = (int) Math.min(one.capacity(), capacity - written);
      if (out.remaining() < n) {
        mem.write(buf + written - out.position(), out.array(), 0, out.position());
        out.clear();
      }
      if (n > out.capacity()) {
        mem.write(buf + written, one.array(), 0, n);
      } else {
        out.put(one.array(), 0, n);
      }
      written += n;
    }
    mem.write(buf + written - out.position(), out.array(), 0, out.position());
    mem.putU32(bufusedPtr, written);
    return Errno.SUCCESS;
  }
}
