package dev.wasibox.fuzz.model;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The backend half of the model: the node SPI as a backend implements it (one name in one
 * directory), where a read-only volume says {@code EROFS} first and a full one {@code ENOSPC},
 * and the quota census. {@link ModelFs} makes the {@code Vfs}-level checks and calls these.
 *
 * <p>Usage is not counted along the way but taken as a census of what exists ({@link #usage()}):
 * every node reachable from the volume root, the root included, plus files that are no longer
 * named but still held open; bytes are the sizes of those files and the UTF-8 lengths of those
 * symlinks' targets.
 */
final class ModelVolume {
  /** An open file: the file (not its name) and what the handle may do. */
  record Handle(MFile file, boolean read, boolean write) {}

  private final ModelTree tree;
  private final ModelFs.Semantics semantics;
  private final Set<MFile> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** With overlay semantics, the directories of the initial tree: they have a lower part. */
  private final Set<MNode> lowerDirectories = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  ModelVolume(ModelTree tree, ModelFs.Semantics semantics) {
    this.tree = tree;
    this.semantics = semantics;
    if (semantics.overlay()) {
      for (MNode n : ModelTree.subtree(tree.root)) {
        if (n instanceof MDir) {
          lowerDirectories.add(n);
        }
      }
    }
  }

  /** The bytes and nodes in use now (see the class comment). */
  ModelFs.Usage usage() {
    Map<MNode, Boolean> live = new IdentityHashMap<>();
    for (MNode n : ModelTree.subtree(tree.root)) {
      live.put(n, true);
    }
    for (MFile f : open) {
      live.put(f, true);
    }
    long bytes = 0;
    for (MNode n : live.keySet()) {
      if (n instanceof MFile f) {
        bytes += f.content.length;
      } else if (n instanceof MLink l) {
        bytes += targetBytes(l);
      }
    }
    return new ModelFs.Usage(bytes, live.size());
  }

  private static long targetBytes(MLink link) {
    return link.target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  void create(MDir parent, String name, MNode node) {
    mutation();
    parent.live();
    if (parent.entries.containsKey(name)) {
      throw errno(Errno.EEXIST);
    }
    ModelFs.Usage used = usage();
    if (used.inodes() + 1 > semantics.quota().maxInodes()) {
      throw errno(Errno.ENOSPC);
    }
    if (node instanceof MLink l && used.bytes() + targetBytes(l) > semantics.quota().maxBytes()) {
      throw errno(Errno.ENOSPC);
    }
    if (node instanceof MFile f) {
      f.links = 1;
    }
    parent.entries.put(name, node);
  }

  /** A hard link: to a file, one more name; to a symlink, a new symlink with the same target. */
  void link(MDir parent, String name, MNode existing) {
    mutation();
    if (existing instanceof MLink l) {
      create(parent, name, new MLink(l.target));
      return;
    }
    parent.live();
    if (parent.entries.containsKey(name)) {
      throw errno(Errno.EEXIST);
    }
    ((MFile) existing).links++;
    parent.entries.put(name, existing);
  }

  void unlink(MDir parent, String name) {
    mutation();
    MNode gone = parent.entries.remove(name);
    if (gone instanceof MFile f) {
      f.links--;
    }
  }

  void removeDirectory(MDir parent, String name) {
    mutation();
    MDir dir = (MDir) parent.entries.get(name);
    if (!dir.entries.isEmpty()) {
      throw errno(Errno.ENOTEMPTY);
    }
    parent.entries.remove(name);
    dir.removed = true;
  }

  /** POSIX rename; {@code EINVAL} for a directory into its own subtree. */
  void rename(MDir from, String name, MDir to, String toName) {
    mutation();
    MNode moving = from.entries.get(name);
    if (moving instanceof MDir dir && ModelTree.subtree(dir).contains(to)) {
      throw errno(Errno.EINVAL);
    }
    if (lowerDirectories.contains(moving)) {
      throw errno(Errno.EXDEV);
    }
    MNode replaced = to.entries.get(toName);
    if (replaced instanceof MFile f) {
      f.links--;
    } else if (replaced instanceof MDir d) {
      d.removed = true;
    }
    from.entries.remove(name);
    to.entries.put(toName, moving);
  }

  Handle open(MFile file, boolean read, boolean write) {
    if (write) {
      mutation();
    }
    file.handles++;
    open.add(file);
    return new Handle(file, read, write);
  }

  /**
   * Writes at {@code offset} through a handle, zero-filling a gap: {@code EBADF} if the handle
   * may not write, {@code EFBIG} past the largest offset, {@code ENOSPC} (writing nothing) if the
   * growth would pass the byte quota. An empty write changes nothing, wherever it is (POSIX).
   */
  void write(Handle h, long offset, byte[] bytes) {
    if (!h.write()) {
      throw errno(Errno.EBADF);
    }
    if (offset > Long.MAX_VALUE - bytes.length) {
      throw errno(Errno.EFBIG);
    }
    if (bytes.length == 0) {
      return;
    }
    byte[] old = h.file().content;
    long end = offset + bytes.length;
    reserve(Math.max(0, end - old.length));
    byte[] grown = Arrays.copyOf(old, (int) Math.max(old.length, end));
    System.arraycopy(bytes, 0, grown, (int) offset, bytes.length);
    h.file().content = grown;
  }

  void setSize(Handle h, long size) {
    if (size < 0) {
      throw errno(Errno.EINVAL);
    }
    byte[] old = h.file().content;
    reserve(Math.max(0, size - old.length));
    h.file().content = Arrays.copyOf(old, (int) size);
  }

  void close(Object opened) {
    if (opened instanceof Handle h && --h.file().handles == 0) {
      open.remove(h.file());
    }
  }

  void reserve(long growth) {
    if (growth > 0 && growth > semantics.quota().maxBytes() - usage().bytes()) {
      throw errno(Errno.ENOSPC);
    }
  }

  void mutation() {
    if (semantics.readOnly()) {
      throw errno(Errno.EROFS);
    }
  }

  private static WasiException errno(Errno e) {
    return new WasiException(e, "model");
  }
}
