package dev.wasibox.host.fd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.host.io.GuestInput;
import dev.wasibox.host.io.GuestOutput;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import org.jspecify.annotations.Nullable;

/**
 * A non-seekable stream: stdin (an input) or stdout/stderr (an output). It reports itself as a
 * character device when it is a terminal and as an unknown type otherwise, as wasmtime does, so
 * that wasi-libc buffers output that is not a terminal.
 */
public final class StreamDescriptor extends Descriptor {
  private static final Rights INPUT =
      Rights.of(Right.FD_READ, Right.FD_FDSTAT_SET_FLAGS, Right.FD_FILESTAT_GET, Right.POLL_FD_READWRITE);
  private static final Rights OUTPUT =
      Rights.of(Right.FD_WRITE, Right.FD_FDSTAT_SET_FLAGS, Right.FD_FILESTAT_GET, Right.POLL_FD_READWRITE);

  private final @Nullable GuestInput input;
  private final @Nullable GuestOutput output;
  private final boolean terminal;

  private StreamDescriptor(
      @Nullable GuestInput input, @Nullable GuestOutput output, Rights rights, boolean terminal) {
    super(rights, Rights.NONE, 0);
    this.input = input;
    this.output = output;
    this.terminal = terminal;
  }

  /** A readable stream such as stdin. */
  public static StreamDescriptor input(GuestInput input, boolean terminal) {
    return new StreamDescriptor(checkNotNull(input), null, INPUT, terminal);
  }

  /** A writable stream such as stdout. */
  public static StreamDescriptor output(GuestOutput output, boolean terminal) {
    return new StreamDescriptor(null, checkNotNull(output), OUTPUT, terminal);
  }

  /** The input, or {@code EBADF} if this is an output stream. */
  public GuestInput input() {
    if (input == null) {
      throw new WasiException(Errno.EBADF, "not readable");
    }
    return input;
  }

  /** The output, or {@code EBADF} if this is an input stream. */
  public GuestOutput output() {
    if (output == null) {
      throw new WasiException(Errno.EBADF, "not writable");
    }
    return output;
  }

  public boolean isInput() {
    return input != null;
  }

  @Override
  public FileType type() {
    return terminal ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN;
  }

  @Override
  public FileStat stat() {
    return new FileStat(0, 0, type(), 1, 0, 0, 0, 0);
  }

  @Override
  public void close() {
    if (output != null) {
      output.flush();
    }
  }
}
