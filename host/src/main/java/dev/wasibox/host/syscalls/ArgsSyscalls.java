package dev.wasibox.host.syscalls;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.GuestMemory;
import dev.wasibox.host.WasiContext;
import java.util.List;

/** {@code args_*} and {@code environ_*}: the guest's argv and environment, as granted. */
public final class ArgsSyscalls {
  private final WasiContext context;

  public ArgsSyscalls(WasiContext context) {
    this.context = checkNotNull(context);
  }

  /**
   * {@code args_get}: writes argv pointers at {@code argv} and the NUL-terminated strings at
   * {@code buf}.
   *
   * <p>Errors: {@code EFAULT} either array out of bounds (checked before anything is written).
   */
  public Errno argsGet(GuestMemory mem, long argv, long buf) {
    return writeList(mem, context.args(), argv, buf);
  }

  /** {@code args_sizes_get}: argc and the bytes argv needs. Errors: {@code EFAULT}. */
  public Errno argsSizesGet(GuestMemory mem, long countPtr, long sizePtr) {
    return writeSizes(mem, context.args(), countPtr, sizePtr);
  }

  /** {@code environ_get}: as {@link #argsGet} for {@code NAME=VALUE} entries. */
  public Errno environGet(GuestMemory mem, long environ, long buf) {
    return writeList(mem, context.env(), environ, buf);
  }

  /** {@code environ_sizes_get}: as {@link #argsSizesGet}. */
  public Errno environSizesGet(GuestMemory mem, long countPtr, long sizePtr) {
    return writeSizes(mem, context.env(), countPtr, sizePtr);
  }

  private static Errno writeSizes(GuestMemory mem, List<byte[]> list, long countPtr, long sizePtr) {
    mem.check(countPtr, 4);
    mem.check(sizePtr, 4);
    mem.putU32(countPtr, list.size());
    mem.putU32(sizePtr, totalSize(list));
    return Errno.SUCCESS;
  }

  private static long totalSize(List<byte[]> list) {
    long size = 0;
    for (byte[] s : list) {
      size += s.length + 1;
    }
    return size;
  }

  private static Errno writeList(GuestMemory mem, List<byte[]> list, long pointers, long buf) {
    mem.check(pointers, 4L * list.size());
    mem.check(buf, totalSize(list));
    long at = buf;
    for (int i = 0; i < list.size(); i++) {
      byte[] s = list.get(i);
      mem.putU32(pointers + 4L * i, at);
      mem.write(at, s);
      mem.putU8(at + s.length, 0);
      at += s.length + 1;
    }
    return Errno.SUCCESS;
  }
}
