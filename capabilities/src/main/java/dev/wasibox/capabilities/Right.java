package dev.wasibox.capabilities;

/**
 * One preview1 right, with its bit position in the {@code rights} bitmask.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/v0.2.1/legacy/preview1/docs.md#rights">rights</a>
 */
public enum Right {
  FD_DATASYNC(0),
  FD_READ(1),
  FD_SEEK(2),
  FD_FDSTAT_SET_FLAGS(3),
  FD_SYNC(4),
  FD_TELL(5),
  FD_WRITE(6),
  FD_ADVISE(7),
  FD_ALLOCATE(8),
  PATH_CREATE_DIRECTORY(9),
  PATH_CREATE_FILE(10),
  PATH_LINK_SOURCE(11),
  PATH_LINK_TARGET(12),
  PATH_OPEN(13),
  FD_READDIR(14),
  PATH_READLINK(15),
  PATH_RENAME_SOURCE(16),
  PATH_RENAME_TARGET(17),
  PATH_FILESTAT_GET(18),
  PATH_FILESTAT_SET_SIZE(19),
  PATH_FILESTAT_SET_TIMES(20),
  FD_FILESTAT_GET(21),
  FD_FILESTAT_SET_SIZE(22),
  FD_FILESTAT_SET_TIMES(23),
  PATH_SYMLINK(24),
  PATH_REMOVE_DIRECTORY(25),
  PATH_UNLINK_FILE(26),
  POLL_FD_READWRITE(27),
  SOCK_SHUTDOWN(28),
  SOCK_ACCEPT(29);

  private final int bit;

  Right(int bit) {
    this.bit = bit;
  }

  /** The bit position in the preview1 {@code rights} type. */
  public int bit() {
    return bit;
  }

  /** {@code 1L << bit()}. */
  public long mask() {
    return 1L << bit;
  }
}
