package dev.wasibox.vfs;

/**
 * The preview1 {@code oflags} of {@code path_open}.
 *
 * @param create {@code O_CREAT}: create the file if it does not exist
 * @param directory {@code O_DIRECTORY}: fail unless the path names a directory
 * @param exclusive {@code O_EXCL}: fail if the file exists (with {@code create})
 * @param truncate {@code O_TRUNC}: truncate to zero length; counts as a write
 */
public record OpenFlags(boolean create, boolean directory, boolean exclusive, boolean truncate) {
  /** No flags: open an existing node. */
  public static final OpenFlags NONE = new OpenFlags(false, false, false, false);

  /** Decodes the wire bits (CREAT=1, DIRECTORY=2, EXCL=4, TRUNC=8); other bits are ignored. */
  public static OpenFlags fromBits(int bits) {
    return new OpenFlags((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
  }
}
