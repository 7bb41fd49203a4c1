package dev.wasibox.capabilities;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * An operation failed with a preview1 errno. Unchecked and stackless: it is control flow from
 * deep inside the VFS to the syscall adapter, which returns {@link #errno()} to the guest.
 */
public final class WasiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Errno errno;

  public WasiException(Errno errno) {
    this(errno, null);
  }

  /** An errno with a host-side detail for logs; the detail never reaches the guest. */
  public WasiException(Errno errno, String detail) {
    super(detail == null ? checkNotNull(errno).name() : errno.name() + ": " + detail, null, false, false);
    checkArgument(errno != Errno.SUCCESS, "SUCCESS is not an error");
    this.errno = errno;
  }

  public Errno errno() {
    return errno;
  }
}
