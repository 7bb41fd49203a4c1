package dev.wasibox.host.io;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A source of bytes for a guest's stdin. */
public final class GuestInput {
  private final InputStream in;
  private final boolean finite;

  private GuestInput(InputStream in, boolean finite) {
    this.in = checkNotNull(in);
    this.finite = finite;
  }

  /** No input: every read is end-of-file. */
  public static GuestInput empty() {
    return of(new byte[0]);
  }

  /** These bytes, then end-of-file. */
  public static GuestInput of(byte[] bytes) {
    return new GuestInput(new ByteArrayInputStream(bytes.clone()), true);
  }

  /** The bytes of {@code in}, read as the guest asks (the caller keeps ownership). */
  public static GuestInput of(InputStream in) {
    return new GuestInput(in, false);
  }

  /** Reads up to {@code len} bytes; 0 at end-of-file. */
  public int read(byte[] b, int off, int len) {
    try {
      int n = in.read(b, off, len);
      return Math.max(n, 0);
    } catch (IOException e) {
      throw new WasiException(Errno.EIO, "stdin: " + e.getClass().getSimpleName());
    }
  }

  /** Bytes that can be read without blocking (for {@code poll_oneoff}). */
  public long available() {
    try {
      return in.available();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Whether the input is known to be exhausted (only bytes given up front can tell). */
  public boolean atEnd() {
    return finite && available() == 0;
  }
}
