package dev.wasibox.fuzz.vfsops;

import dev.wasibox.fuzz.gen.RawPath;

/**
 * The operations a sequence is made of, as both the real VFS ({@link RealFs}) and the model
 * ({@link dev.wasibox.fuzz.model.ModelFs}) perform them. Each returns a short description of what
 * happened, the same on both sides when they agree: {@code ok}, an errno name, or what was read.
 *
 * <p>{@code start} picks the directory a path is resolved from: 0 is the mounted {@code sandbox}
 * directory, {@code k > 0} the directory handles held so far (wrapping around; the sandbox if
 * none). {@code slot} picks an open file handle the same way ({@code no handle} if none).
 */
public interface FsActions {
  /** {@code path_open} with {@code O_CREAT} (and {@code O_EXCL}), for writing; then close. */
  String create(int start, RawPath path, boolean follow, boolean exclusive);

  /** Open for writing, write {@code data} at {@code offset}, close. */
  String write(int start, RawPath path, boolean follow, long offset, String data);

  /** {@code path_open} with {@code O_TRUNC}; then close. */
  String truncate(int start, RawPath path, boolean follow, boolean write);

  /** Open for writing, set the size ({@code fd_filestat_set_size}), close. */
  String setSize(int start, RawPath path, boolean follow, long size);

  /** {@code path_open} with the wire {@code oflags}; describes the file's content or the directory's names. */
  String open(int start, RawPath path, boolean follow, int oflags, boolean read, boolean write);

  /** Opens a directory and lists it as {@code fd_readdir} would (names and types). */
  String readdir(int start, RawPath path, boolean follow);

  /** {@code path_filestat_get}: type, and size and link count of files and symlinks. */
  String stat(int start, RawPath path, boolean follow);

  String readlink(int start, RawPath path);

  String mkdir(int start, RawPath path);

  String rmdir(int start, RawPath path);

  String unlink(int start, RawPath path);

  String symlink(String target, int start, RawPath path);

  String link(int start, RawPath from, boolean follow, int toStart, RawPath to);

  String rename(int start, RawPath from, int toStart, RawPath to);

  /** Opens and keeps the result: a file handle (a new slot) or a directory (a new start). */
  String hold(int start, RawPath path, boolean follow, boolean directory, boolean read, boolean write);

  String handleWrite(int slot, long offset, String data);

  String handleRead(int slot);

  String handleSetSize(int slot, long size);

  /** The size and link count of the file a handle holds, wherever its names are now. */
  String handleStat(int slot);

  String handleClose(int slot);

  /** How file content appears in outcomes: the bytes as Latin-1, a zero byte as {@code _}. */
  static String content(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace('\0', '_');
  }
}
