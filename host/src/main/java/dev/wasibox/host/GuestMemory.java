package dev.wasibox.host;

import com.dylibso.chicory.runtime.Memory;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import org.jspecify.annotations.Nullable;

/**
 * The one way host functions touch guest memory. Every pointer and length is a u32 held in a
 * {@code long}, and every access is checked in 64-bit arithmetic against the current memory size
 * before Chicory is called ({@code EFAULT} otherwise): Chicory 1.7.5 checks in 32 bits and a large
 * length overflows its check. Bulk data moves in chunks of at most {@link #CHUNK} bytes, so a
 * guest-chosen length never sizes a host allocation.
 */
public final class GuestMemory {
  /** The largest buffer the host allocates on behalf of a guest for one transfer step. */
  public static final int CHUNK = 64 * 1024;

  /** The most iovecs one call may pass (IOV_MAX of wasi-libc); more is {@code EINVAL}. */
  public static final int IOV_MAX = 1024;

  private final @Nullable Memory memory;

  /** Wraps an instance's memory; a module without memory has none, and every access faults. */
  public GuestMemory(@Nullable Memory memory) {
    this.memory = memory;
  }

  /** The current size of linear memory in bytes. */
  public long size() {
    return memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
  }

  /**
   * Checks that {@code [ptr, ptr + len)} lies inside memory.
   *
   * @throws WasiException {@code EFAULT} otherwise (negative values included)
   */
  public void check(long ptr, long len) {
    // len > size - ptr, not ptr + len > size: the sum of two longs may overflow.
    if (ptr < 0 || len < 0 || ptr > size() || len > size() - ptr) {
      throw new WasiException(Errno.EFAULT, "guest range " + ptr + "+" + len + " out of bounds");
    }
  }

  /** Reads a little-endian u8. */
  public int u8(long ptr) {
    check(ptr, 1);
    return memory.read((int) ptr) & 0xFF;
  }

  /** Reads a little-endian u16. */
  public int u16(long ptr) {
    check(ptr, 2);
    return memory.readShort((int) ptr) & 0xFFFF;
  }

  /** Reads a little-endian u32, zero-extended. */
  public long u32(long ptr) {
    check(ptr, 4);
    return memory.readInt((int) ptr) & 0xFFFF_FFFFL;
  }

  /** Reads a little-endian 64-bit value. */
  public long u64(long ptr) {
    check(ptr, 8);
    return memory.readLong((int) ptr);
  }

  public void putU8(long ptr, int value) {
    check(ptr, 1);
    memory.writeByte((int) ptr, (byte) value);
  }

  public void putU16(long ptr, int value) {
    check(ptr, 2);
    memory.writeShort((int) ptr, (short) value);
  }

  public void putU32(long ptr, long value) {
    check(ptr, 4);
    memory.writeI32((int) ptr, (int) value);
  }

  public void putU64(long ptr, long value) {
    check(ptr, 8);
    memory.writeLong((int) ptr, value);
  }

  /** Fills {@code [ptr, ptr + len)} with zeros. */
  public void zero(long ptr, long len) {
    check(ptr, len);
    if (len > 0) {
      memory.fill((byte) 0, (int) ptr, (int) (ptr + len));
    }
  }

  /**
   * Reads {@code len} bytes that the host must hold at once (a path, a symlink target).
   *
   * @param max the most the caller accepts; more is {@code tooLong}
   * @throws WasiException {@code tooLong} if {@code len > max}, {@code EFAULT} out of bounds
   */
  public byte[] bytes(long ptr, long len, int max, Errno tooLong) {
    if (len > max) {
      throw new WasiException(tooLong, "length " + len + " over " + max);
    }
    check(ptr, len);
    return len == 0 ? new byte[0] : memory.readBytes((int) ptr, (int) len);
  }

  /** Reads guest bytes into {@code dst[off, off + len)}; {@code len} is at most {@link #CHUNK}. */
  public void read(long ptr, byte[] dst, int off, int len) {
    check(ptr, len);
    if (len == 0) {
      return;
    }
    byte[] b = memory.readBytes((int) ptr, len);
    System.arraycopy(b, 0, dst, off, len);
  }

  /** Reads at most {@link #CHUNK} guest bytes into a new array. */
  public byte[] chunk(long ptr, int len) {
    if (len > CHUNK) {
      throw new IllegalArgumentException("chunk over " + CHUNK);
    }
    check(ptr, len);
    if (len == 0) {
      return new byte[0];
    }
    return memory.readBytes((int) ptr, len);
  }

  /** Writes {@code src[off, off + len)} to guest memory at {@code ptr}. */
  public void write(long ptr, byte[] src, int off, int len) {
    check(ptr, len);
    if (len == 0) {
      return;
    }
    memory.write((int) ptr, src, off, len);
  }

  /** Writes {@code src} to guest memory at {@code ptr}. */
  public void write(long ptr, byte[] src) {
    write(ptr, src, 0, src.length);
  }

  /**
   * Reads and checks an iovec (or ciovec) array: {@code count} pairs of u32 buffer pointer and u32
   * length. Every buffer is bounds-checked before any data moves, so a bad iovec fails the whole
   * call with nothing transferred.
   *
   * @throws WasiException {@code EINVAL} more than {@link #IOV_MAX} entries, {@code EFAULT} the
   *     array or any buffer out of bounds
   */
  public Iovecs iovecs(long ptr, long count) {
    if (count > IOV_MAX) {
      throw new WasiException(Errno.EINVAL, "iovec count " + count);
    }
    int n = (int) count;
    check(ptr, 8L * n);
    long[] bufs = new long[n];
    long[] lens = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      long buf = u32(ptr + 8L * i);
      long len = u32(ptr + 8L * i + 4);
      check(buf, len);
      bufs[i] = buf;
      lens[i] = len;
      total += len;
    }
    return new Iovecs(bufs, lens, total);
  }

  /**
   * A checked scatter/gather list. {@link #total()} may exceed what one transfer moves; callers
   * move data in chunks.
   */
  public static final class Iovecs {
    private final long[] bufs;
    private final long[] lens;
    private final long total;

    Iovecs(long[] bufs, long[] lens, long total) {
      this.bufs = bufs;
      this.lens = lens;
      this.total = total;
    }

    public int count() {
      return bufs.length;
    }

    public long buf(int i) {
      return bufs[i];
    }

    public long len(int i) {
      return lens[i];
    }

    /** The sum of all lengths (at most 1024 * 4 GiB, so it fits a long). */
    public long total() {
      return total;
    }
  }
}
