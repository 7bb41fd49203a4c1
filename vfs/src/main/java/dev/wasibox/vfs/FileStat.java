package dev.wasibox.vfs;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The attributes of a node as preview1 {@code filestat} reports them; times are nanoseconds since
 * the epoch.
 *
 * @param dev identifies the volume the node is on
 * @param ino identifies the node within its volume
 * @param type the node's type
 * @param nlink the number of hard links
 * @param size the size in bytes (for a symlink, the length of its target)
 * @param atimNs last access time
 * @param mtimNs last data modification time
 * @param ctimNs last status change time
 */
public record FileStat(
    long dev, long ino, FileType type, long nlink, long size, long atimNs, long mtimNs, long ctimNs) {
  public FileStat {
    checkNotNull(type);
  }
}
