package dev.wasibox.vfs.memory;

import dev.wasibox.vfs.ErrnoMapper;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.SymlinkNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A symlink of a {@link MemoryVolume}. Jimfs would normalise the target (dropping a trailing
 * slash, which matters), so the Jimfs link points at a path that never exists and the verbatim
 * target is kept in a user attribute. Jimfs therefore never follows a guest's link.
 */
final class MemorySymlink extends MemoryNode implements SymlinkNode {
  private static final String TARGET_ATTRIBUTE = "user:wasibox.target";
  private static final String DEAD_END = "/nonexistent/wasibox-symlink";

  private final MemoryDirectory dir;
  private final String name;

  MemorySymlink(MemoryVolume volume, MemoryDirectory dir, String name, Object key) {
    super(volume, key);
    this.dir = dir;
    this.name = name;
  }

  static void create(Path link, String target) throws IOException {
    Files.createSymbolicLink(link, link.getFileSystem().getPath(DEAD_END));
    Files.setAttribute(
        link,
        TARGET_ATTRIBUTE,
        ByteBuffer.wrap(target.getBytes(StandardCharsets.UTF_8)),
        NOFOLLOW);
  }

  static byte[] targetBytes(Path link) throws IOException {
    return (byte[]) Files.getAttribute(link, TARGET_ATTRIBUTE, NOFOLLOW);
  }

  @Override
  Path path() {
    return dir.child(name);
  }

  @Override
  public FileType type() {
    return FileType.SYMBOLIC_LINK;
  }

  @Override
  public String target() {
    synchronized (volume.lock()) {
      try {
        return new String(targetBytes(path()), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw ErrnoMapper.toWasi(e);
      }
    }
  }
}
