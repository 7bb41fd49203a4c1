package dev.wasibox.host;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.FileStat;

/**
 * The two import modules wasibox links, and the few places their ABIs differ: {@code
 * wasi_unstable} (snapshot 0) numbers {@code whence} differently, has a 32-bit {@code nlink} in
 * {@code filestat} (56 bytes instead of 64), and an extra identifier in a clock subscription.
 */
public enum Abi {
  PREVIEW1("wasi_snapshot_preview1"),
  SNAPSHOT0("wasi_unstable");

  private final String moduleName;

  Abi(String moduleName) {
    this.moduleName = moduleName;
  }

  /** The import module name. */
  public String moduleName() {
    return moduleName;
  }

  /** The preview1 whence (SET=0, CUR=1, END=2) for this ABI's wire value. */
  public int whence(int wire) {
    int preview1 =
        this == PREVIEW1
            ? wire
            : switch (wire) {
              case 0 -> 1; // CUR
              case 1 -> 2; // END
              case 2 -> 0; // SET
              default -> -1;
            };
    if (preview1 < 0 || preview1 > 2) {
      throw new WasiException(Errno.EINVAL, "bad whence " + wire);
    }
    return preview1;
  }

  /** Bytes of a {@code filestat}. */
  public int filestatSize() {
    return this == PREVIEW1 ? 64 : 56;
  }

  /** Writes {@code st} as this ABI's {@code filestat} at {@code ptr}. */
  public void writeFilestat(GuestMemory mem, long ptr, FileStat st) {
    mem.check(ptr, filestatSize());
    mem.putU64(ptr, st.dev());
    mem.putU64(ptr + 8, st.ino());
    if (this == PREVIEW1) {
      mem.putU64(ptr + 16, st.type().code() & 0xFF);
      mem.putU64(ptr + 24, st.nlink());
      mem.putU64(ptr + 32, st.size());
      mem.putU64(ptr + 40, st.atimNs());
      mem.putU64(ptr + 48, st.mtimNs());
      mem.putU64(ptr + 56, st.ctimNs());
    } else {
      mem.putU32(ptr + 16, st.type().code() & 0xFF);
      mem.putU32(ptr + 20, Math.min(st.nlink(), 0xFFFF_FFFFL));
      mem.putU64(ptr + 24, st.size());
      mem.putU64(ptr + 32, st.atimNs());
      mem.putU64(ptr + 40, st.mtimNs());
      mem.putU64(ptr + 48, st.ctimNs());
    }
  }

  /** Bytes of one {@code subscription} in {@code poll_oneoff}. */
  public int subscriptionSize() {
    return this == PREVIEW1 ? 48 : 56;
  }

  /**
   * Offset of the clock subscription's {@code clock_id} inside a subscription (after userdata and
   * the tag, with snapshot 0's extra u64 identifier).
   */
  public int clockIdOffset() {
    return this == PREVIEW1 ? 16 : 24;
  }
}
