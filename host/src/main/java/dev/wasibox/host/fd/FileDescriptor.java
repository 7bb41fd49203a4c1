package dev.wasibox.host.fd;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.OpenFile;

/** A descriptor of an open regular file, with its own file position. */
public final class FileDescriptor extends Descriptor {
  private final OpenFile file;
  private long position;

  public FileDescriptor(OpenFile file, Rights base, Rights inheriting, int flags) {
    super(base, inheriting, flags);
    this.file = checkNotNull(file);
  }

  public OpenFile file() {
    return file;
  }

  public long position() {
    return position;
  }

  /** Moves the position; a negative result is {@code EINVAL}. */
  public void position(long newPosition) {
    if (newPosition < 0) {
      throw new WasiException(Errno.EINVAL, "negative file position");
    }
    position = newPosition;
  }

  @Override
  public FileType type() {
    return FileType.REGULAR_FILE;
  }

  @Override
  public FileStat stat() {
    return file.stat();
  }

  @Override
  public void close() {
    file.close();
  }
}
