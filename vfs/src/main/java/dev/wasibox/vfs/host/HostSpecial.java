package dev.wasibox.vfs.host;

import dev.wasibox.vfs.FileType;

/**
 * A FIFO, socket or device in a host directory: visible to lookups, listings and stat as {@link
 * FileType#UNKNOWN}, and never opened.
 *
 * <p>It is deliberately not a {@link dev.wasibox.vfs.FileNode}, so no code path can open it: {@link
 * dev.wasibox.vfs.Vfs#open} answers {@code ENOTSUP} at once, and in the middle of a path the
 * resolver answers {@code ENOTDIR}. Opening a FIFO for reading would block the host thread until
 * a writer appears, and opening a device can have side effects. The JDK's attributes only say
 * "other", so FIFOs, sockets and devices all report {@code UNKNOWN} (preview1 has no FIFO type).
 */
final class HostSpecial extends HostEntry {
  HostSpecial(HostReadOnlyVolume volume, HostDirectory parent, String name, Object key) {
    super(volume, parent, name, key);
  }

  @Override
  public FileType type() {
    return FileType.UNKNOWN;
  }
}
