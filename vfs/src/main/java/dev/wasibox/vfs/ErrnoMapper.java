package dev.wasibox.vfs;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * The one place that turns a host {@link IOException} into a preview1 errno (as wazero's {@code
 * ToErrno}). Anything it does not recognise is {@code EIO}. The exception's message, which may
 * hold host paths, never reaches the guest: only the errno does.
 */
public final class ErrnoMapper {
  private ErrnoMapper() {}

  /** The errno for {@code e}. */
  public static Errno errnoOf(IOException e) {
    if (e instanceof NoSuchFileException) {
      return Errno.ENOENT;
    }
    if (e instanceof FileAlreadyExistsException) {
      return Errno.EEXIST;
    }
    if (e instanceof DirectoryNotEmptyException) {
      return Errno.ENOTEMPTY;
    }
    if (e instanceof NotDirectoryException) {
      return Errno.ENOTDIR;
    }
    if (e instanceof AccessDeniedException) {
      return Errno.EACCES;
    }
    if (e instanceof FileSystemLoopException) {
      return Errno.ELOOP;
    }
    if (e instanceof NotLinkException) {
      return Errno.EINVAL;
    }
    return Errno.EIO;
  }

  /** A {@link WasiException} carrying the errno of {@code e}, for a backend to throw. */
  public static WasiException toWasi(IOException e) {
    return new WasiException(errnoOf(e), e.getClass().getSimpleName());
  }
}
