package dev.wasibox.vfs.host;

import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.OpenFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A regular file in a host directory, as found under one name at one moment; it opens read-only. */
final class HostFile extends HostEntry implements FileNode {
  HostFile(HostReadOnlyVolume volume, HostDirectory parent, String name, Object key) {
    super(volume, parent, name, key);
  }

  @Override
  public FileType type() {
    return FileType.REGULAR_FILE;
  }

  /**
   * Opens the file read-only ({@code O_RDONLY | O_NOFOLLOW} relative to the parent's handle); the
   * handle then follows the file, wherever its names go.
   *
   * @param read whether the handle may read; a handle that may not still holds a read-only fd
   * @throws dev.wasibox.capabilities.WasiException {@code EROFS} {@code write} requested, before
   *     any I/O; {@code ENOENT} the file is gone or was replaced since the lookup; {@code EACCES};
   *     {@code EIO} the volume was closed, or a host failure
   */
  @Override
  public OpenFile open(boolean read, boolean write) {
    if (write) {
      throw readOnly();
    }
    Path hostName = hostName();
    FileChannel channel = parent.withHandle(dir -> HostIo.openReadChannel(dir, hostName, key));
    try {
      FileStat atOpen = stat();
      return volume.track(new HostOpenFile(this, channel, read, atOpen));
    } catch (RuntimeException e) {
      HostIo.closeQuietly(channel);
      throw e;
    }
  }
}
