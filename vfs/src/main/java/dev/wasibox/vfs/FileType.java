package dev.wasibox.vfs;

/**
 * The preview1 {@code filetype} of a node, with its wire code.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/v0.2.1/legacy/preview1/docs.md#filetype">filetype</a>
 */
public enum FileType {
  UNKNOWN(0),
  BLOCK_DEVICE(1),
  CHARACTER_DEVICE(2),
  DIRECTORY(3),
  REGULAR_FILE(4),
  SOCKET_DGRAM(5),
  SOCKET_STREAM(6),
  SYMBOLIC_LINK(7);

  private final int code;

  FileType(int code) {
    this.code = code;
  }

  /** The byte written to guest memory. */
  public int code() {
    return code;
  }
}
