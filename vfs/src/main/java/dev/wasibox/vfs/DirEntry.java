package dev.wasibox.vfs;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One entry of a directory listing.
 *
 * @param name the entry's single-component name
 * @param type the type of the node the entry names (a symlink is reported as a symlink)
 * @param ino the node's inode number, as {@link FileStat#ino()} reports it
 */
public record DirEntry(String name, FileType type, long ino) {
  public DirEntry {
    checkNotNull(name);
    checkNotNull(type);
  }
}
