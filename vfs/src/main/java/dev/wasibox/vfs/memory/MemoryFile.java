package dev.wasibox.vfs.memory;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.ErrnoMapper;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.OpenFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/** A regular file of a {@link MemoryVolume}, as found under one name at one moment. */
final class MemoryFile extends MemoryNode implements FileNode {
  private final MemoryDirectory dir;
  private final String name;

  MemoryFile(MemoryVolume volume, MemoryDirectory dir, String name, Object key) {
    super(volume, key);
    this.dir = dir;
    this.name = name;
  }

  @Override
  Path path() {
    return dir.child(name);
  }

  @Override
  public FileType type() {
    return FileType.REGULAR_FILE;
  }

  @Override
  public OpenFile open(boolean read, boolean write) {
    synchronized (volume.lock()) {
      Path p = path();
      Set<OpenOption> options = new HashSet<>();
      options.add(NOFOLLOW);
      options.add(StandardOpenOption.READ);
      if (write) {
        options.add(StandardOpenOption.WRITE);
      }
      try {
        Object current = Files.getAttribute(p, "basic:fileKey", NOFOLLOW);
        if (!current.equals(key)) {
          throw new WasiException(Errno.ENOENT, "file was replaced");
        }
        FileChannel channel = FileChannel.open(p, options);
        Path pinned = volume.pinHandle(key, p);
        return new MemoryOpenFile(volume, key, channel, pinned, read, write);
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
    }
  }
}
