package dev.wasibox.fuzz.model;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.fuzz.gen.RawPath;
import dev.wasibox.fuzz.vfsops.FsActions;
import dev.wasibox.vfs.Quota;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The reference filesystem: the semantics of {@code Vfs} (its Javadoc, DESIGN.md's table and
 * attack-corpus.md) over a {@link ModelTree}, resolved by {@link ModelResolver}.
 *
 * <p>It is written in two layers, as wasibox is: each action first resolves and makes the checks
 * {@code Vfs} documents (names, types, trailing slashes), then calls a backend primitive (the
 * "node SPI" section below), which is where a read-only volume says {@code EROFS} and a full one
 * {@code ENOSPC}. When several errors apply, the first check listed in {@code Vfs}'s Javadoc
 * wins, as there.
 *
 * <p>Quota usage is not counted along the way but taken as a census of what exists ({@link
 * #usage()}): every node reachable from the volume root, the root included, plus files that are
 * no longer named but still held open; bytes are the sizes of those files.
 */
public final class ModelFs implements FsActions {
  /**
   * What kind of volume the model stands for.
   *
   * @param readOnly every mutation fails with {@code EROFS} (after the same name and type checks)
   * @param quota the limits of the writable volume, which the model enforces exactly as
   *     documented: a step that would go over either fails with {@code ENOSPC} and changes nothing
   */
  public record Semantics(boolean readOnly, Quota quota) {}

  /** Bytes and nodes in use. */
  public record Usage(long bytes, long inodes) {}

  /** An open file: the file (not its name) and what the handle may do. */
  private record Handle(MFile file, boolean read, boolean write) {}

  private final ModelTree tree;
  private final Semantics semantics;
  private final List<Handle> handles = new ArrayList<>();
  private final List<MDir> dirs = new ArrayList<>();

  public ModelFs(ModelTree tree, Semantics semantics) {
    this.tree = tree;
    this.semantics = semantics;
  }

  public ModelTree tree() {
    return tree;
  }

  // ---------------------------------------------------------------- the actions

  @Override
  public String create(int start, RawPath path, boolean follow, boolean exclusive) {
    return outcome(() -> {
      Object o = open(start, path, follow, true, false, exclusive, false, false, true);
      close(o);
      return "ok";
    });
  }

  @Override
  public String write(int start, RawPath path, boolean follow, long offset, String data) {
    return outcome(() -> {
      Object o = open(start, path, follow, false, false, false, false, false, true);
      try {
        return handleWrite((Handle) o, offset, data);
      } finally {
        close(o);
      }
    });
  }

  @Override
  public String truncate(int start, RawPath path, boolean follow, boolean write) {
    return outcome(() -> {
      close(open(start, path, follow, false, false, false, true, true, write));
      return "ok";
    });
  }

  @Override
  public String setSize(int start, RawPath path, boolean follow, long size) {
    return outcome(() -> {
      Object o = open(start, path, follow, false, false, false, false, false, true);
      try {
        return handleSetSize((Handle) o, size);
      } finally {
        close(o);
      }
    });
  }

  @Override
  public String open(int start, RawPath path, boolean follow, int oflags, boolean read, boolean write) {
    return outcome(() -> {
      Object o = open(start, path, follow, (oflags & 1) != 0, (oflags & 2) != 0, (oflags & 4) != 0, (oflags & 8) != 0, read, write);
      try {
        if (o instanceof MDir d) {
          return "dir:" + names(d);
        }
        return read ? "file:" + FsActions.content(((Handle) o).file().content) : "opened";
      } finally {
        close(o);
      }
    });
  }

  @Override
  public String readdir(int start, RawPath path, boolean follow) {
    return outcome(() -> {
      MDir d = (MDir) open(start, path, follow, false, true, false, false, true, false);
      d.live();
      StringJoiner j = new StringJoiner(", ", "[", "]");
      j.add(".:D").add("..:D");
      d.entries.forEach((name, node) -> j.add(name + ":" + letter(node)));
      return j.toString();
    });
  }

  @Override
  public String stat(int start, RawPath path, boolean follow) {
    return outcome(() -> describe(resolver().node(start(start), parse(path), follow)));
  }

  @Override
  public String readlink(int start, RawPath path) {
    return outcome(() -> {
      ModelResolver.Walked w = resolver().walk(start(start), parse(path), false);
      MNode n = existing(w);
      if (!(n instanceof MLink link)) {
        throw errno(Errno.EINVAL);
      }
      if (link.target.startsWith("/")) {
        throw errno(Errno.EPERM);
      }
      return "link:" + link.target;
    });
  }

  @Override
  public String mkdir(int start, RawPath path) {
    return outcome(() -> {
      ModelResolver.Walked w = resolver().walk(start(start), parse(path), false);
      if (w.isSelf() || w.node() != null) {
        throw errno(Errno.EEXIST);
      }
      spiCreate(w.parent(), w.name(), new MDir());
      return "ok";
    });
  }

  @Override
  public String rmdir(int start, RawPath path) {
    return outcome(() -> {
      ModelResolver.Walked w = resolver().walk(start(start), parse(path), false);
      if (w.isSelf()) {
        throw errno(Errno.EINVAL);
      }
      if (!(existing(w) instanceof MDir)) {
        throw errno(Errno.ENOTDIR);
      }
      spiRemoveDirectory(w.parent(), w.name());
      return "ok";
    });
  }

  @Override
  public String unlink(int start, RawPath path) {
    return outcome(() -> {
      ModelResolver.Walked w = resolver().walk(start(start), parse(path), false);
      if (existing(w) instanceof MDir) {
        throw errno(Errno.EISDIR);
      }
      if (w.dirRequired()) {
        throw errno(Errno.ENOTDIR);
      }
      spiUnlink(w.parent(), w.name());
      return "ok";
    });
  }

  @Override
  public String symlink(String target, int start, RawPath path) {
    return outcome(() -> {
      ModelPath where = parse(path);
      ModelPath.parse(target);
      ModelResolver.Walked w = resolver().walk(start(start), where, false);
      if (w.isSelf()) {
        throw errno(Errno.EEXIST);
      }
      if (w.node() != null) {
        throw errno(w.dirRequired() && !(w.node() instanceof MDir) ? Errno.ENOTDIR : Errno.EEXIST);
      }
      if (w.dirRequired()) {
        throw errno(Errno.ENOENT);
      }
      spiCreate(w.parent(), w.name(), new MLink(target));
      return "ok";
    });
  }

  @Override
  public String link(int start, RawPath from, boolean follow, int toStart, RawPath to) {
    return outcome(() -> {
      ModelPath fromPath = parse(from);
      ModelPath toPath = parse(to);
      ModelResolver.Walked src = resolver().walk(start(start), fromPath, follow);
      MNode node = existing(src);
      if (node instanceof MDir) {
        throw errno(Errno.EPERM);
      }
      if (src.dirRequired()) {
        throw errno(Errno.ENOTDIR);
      }
      ModelResolver.Walked dst = resolver().walk(start(toStart), toPath, false);
      if (dst.isSelf() || dst.node() != null) {
        throw errno(Errno.EEXIST);
      }
      if (dst.dirRequired()) {
        throw errno(Errno.ENOENT);
      }
      spiLink(dst.parent(), dst.name(), node);
      return "ok";
    });
  }

  @Override
  public String rename(int start, RawPath from, int toStart, RawPath to) {
    return outcome(() -> {
      ModelPath fromPath = parse(from);
      ModelPath toPath = parse(to);
      ModelResolver.Walked src = resolver().walk(start(start), fromPath, false);
      ModelResolver.Walked dst = resolver().walk(start(toStart), toPath, false);
      if (src.isSelf() || dst.isSelf()) {
        throw errno(Errno.EINVAL);
      }
      MNode moving = existing(src);
      boolean movingDir = moving instanceof MDir;
      if (!movingDir && (src.dirRequired() || dst.dirRequired())) {
        throw errno(Errno.ENOTDIR);
      }
      MNode replaced = dst.node();
      if (replaced != null) {
        boolean replacedDir = replaced instanceof MDir;
        if (movingDir && !replacedDir) {
          throw errno(Errno.ENOTDIR);
        }
        if (!movingDir && replacedDir) {
          throw errno(Errno.EISDIR);
        }
        if (moving == replaced) {
          return "ok";
        }
        if (replacedDir && !((MDir) replaced).entries.isEmpty()) {
          throw errno(Errno.ENOTEMPTY);
        }
      }
      spiRename(src.parent(), src.name(), dst.parent(), dst.name());
      return "ok";
    });
  }

  @Override
  public String hold(int start, RawPath path, boolean follow, boolean directory, boolean read, boolean write) {
    return outcome(() -> {
      Object o = open(start, path, follow, false, directory, false, false, read, write);
      if (o instanceof MDir d) {
        dirs.add(d);
        return "dir@" + dirs.size();
      }
      handles.add((Handle) o);
      return "file@" + (handles.size() - 1);
    });
  }

  @Override
  public String handleWrite(int slot, long offset, String data) {
    return withHandle(slot, h -> handleWrite(h, offset, data));
  }

  @Override
  public String handleRead(int slot) {
    return withHandle(slot, h -> {
      if (!h.read()) {
        throw errno(Errno.EBADF);
      }
      return "file:" + FsActions.content(h.file().content);
    });
  }

  @Override
  public String handleSetSize(int slot, long size) {
    return withHandle(slot, h -> handleSetSize(h, size));
  }

  @Override
  public String handleStat(int slot) {
    return withHandle(slot, h -> "size=" + h.file().content.length + " nlink=" + h.file().links);
  }

  @Override
  public String handleClose(int slot) {
    return withHandle(slot, h -> {
      handles.remove(h);
      close(h);
      return "ok";
    });
  }

  /** The bytes and nodes in use now (see the class comment). */
  public Usage usage() {
    Map<MNode, Boolean> live = new IdentityHashMap<>();
    for (MNode n : ModelTree.subtree(tree.root)) {
      live.put(n, true);
    }
    for (Handle h : handles) {
      live.put(h.file(), true);
    }
    long bytes = 0;
    for (MNode n : live.keySet()) {
      if (n instanceof MFile f) {
        bytes += f.content.length;
      }
    }
    return new Usage(bytes, live.size());
  }

  // ---------------------------------------------------------------- Vfs-level helpers

  /**
   * {@code Vfs.open}: O_DIRECTORY with create, exclusive or truncate is {@code EINVAL}; an
   * exclusive create never follows a last symlink (so an existing link is {@code EEXIST}), a
   * trailing slash does; a missing name is created (a trailing slash makes that {@code EISDIR});
   * a directory opened for write or truncate is {@code EISDIR}, an unfollowed symlink {@code
   * ELOOP}, a file with O_DIRECTORY or a trailing slash {@code ENOTDIR}. Returns an {@link MDir}
   * or an open {@link Handle}.
   */
  private Object open(int start, RawPath rawPath, boolean follow, boolean create, boolean directory,
      boolean exclusive, boolean truncate, boolean read, boolean write) {
    ModelPath path = parse(rawPath);
    if (directory && (create || exclusive || truncate)) {
      throw errno(Errno.EINVAL);
    }
    boolean exclusiveCreate = create && exclusive;
    ModelResolver.Walked w =
        resolver().walk(start(start), path, !exclusiveCreate && (follow || path.trailingSlash()));
    MNode node = w.node();
    if (node == null) {
      if (!create) {
        throw errno(Errno.ENOENT);
      }
      if (w.dirRequired()) {
        throw errno(Errno.EISDIR);
      }
      MFile file = new MFile();
      spiCreate(w.parent(), w.name(), file);
      return spiOpen(file, read, write);
    }
    if (exclusiveCreate) {
      throw errno(Errno.EEXIST);
    }
    if (node instanceof MDir) {
      if (write || truncate) {
        throw errno(Errno.EISDIR);
      }
      return node;
    }
    if (node instanceof MLink) {
      throw errno(Errno.ELOOP);
    }
    if (directory || w.dirRequired()) {
      throw errno(Errno.ENOTDIR);
    }
    MFile file = (MFile) node;
    if (truncate) {
      Handle t = spiOpen(file, false, true);
      spiSetSize(t, 0);
      close(t);
    }
    return spiOpen(file, read, write);
  }

  private String handleWrite(Handle h, long offset, String data) {
    if (!h.write()) {
      throw errno(Errno.EBADF);
    }
    byte[] bytes = data.getBytes(StandardCharsets.ISO_8859_1);
    if (offset > Long.MAX_VALUE - bytes.length) {
      throw errno(Errno.EFBIG);
    }
    if (bytes.length == 0) {
      return "ok";
    }
    byte[] old = h.file().content;
    long end = offset + bytes.length;
    reserve(Math.max(0, end - old.length));
    byte[] grown = Arrays.copyOf(old, (int) Math.max(old.length, end));
    System.arraycopy(bytes, 0, grown, (int) offset, bytes.length);
    h.file().content = grown;
    return "ok";
  }

  private String handleSetSize(Handle h, long size) {
    if (!h.write()) {
      throw errno(Errno.EBADF);
    }
    spiSetSize(h, size);
    return "ok";
  }

  private String withHandle(int slot, java.util.function.Function<Handle, String> action) {
    if (handles.isEmpty()) {
      return "no handle";
    }
    Handle h = handles.get(slot % handles.size());
    return outcome(() -> action.apply(h));
  }

  private MDir start(int k) {
    return k == 0 || dirs.isEmpty() ? tree.sandbox : dirs.get((k - 1) % dirs.size());
  }

  private static ModelResolver resolver() {
    return new ModelResolver();
  }

  private static ModelPath parse(RawPath p) {
    return ModelPath.parse(p.bytes());
  }

  private static MNode existing(ModelResolver.Walked w) {
    if (w.node() == null) {
      throw errno(Errno.ENOENT);
    }
    return w.node();
  }

  // ---------------------------------------------------------------- the node SPI, as a backend implements it

  private void spiCreate(MDir parent, String name, MNode node) {
    mutation();
    parent.live();
    if (parent.entries.containsKey(name)) {
      throw errno(Errno.EEXIST);
    }
    if (usage().inodes() + 1 > semantics.quota().maxInodes()) {
      throw errno(Errno.ENOSPC);
    }
    if (node instanceof MFile f) {
      f.links = 1;
    }
    parent.entries.put(name, node);
  }

  /** A hard link: to a file, one more name; to a symlink, a new symlink with the same target. */
  private void spiLink(MDir parent, String name, MNode existing) {
    mutation();
    if (existing instanceof MLink l) {
      spiCreate(parent, name, new MLink(l.target));
      return;
    }
    parent.live();
    if (parent.entries.containsKey(name)) {
      throw errno(Errno.EEXIST);
    }
    ((MFile) existing).links++;
    parent.entries.put(name, existing);
  }

  private void spiUnlink(MDir parent, String name) {
    mutation();
    MNode gone = parent.entries.remove(name);
    if (gone instanceof MFile f) {
      f.links--;
    }
  }

  private void spiRemoveDirectory(MDir parent, String name) {
    mutation();
    MDir dir = (MDir) parent.entries.get(name);
    if (!dir.entries.isEmpty()) {
      throw errno(Errno.ENOTEMPTY);
    }
    parent.entries.remove(name);
    dir.removed = true;
  }

  /** POSIX rename; {@code EINVAL} for a directory into its own subtree. */
  private void spiRename(MDir from, String name, MDir to, String toName) {
    mutation();
    MNode moving = from.entries.get(name);
    if (moving instanceof MDir dir && ModelTree.subtree(dir).contains(to)) {
      throw errno(Errno.EINVAL);
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

  private Handle spiOpen(MFile file, boolean read, boolean write) {
    if (write) {
      mutation();
    }
    file.handles++;
    return new Handle(file, read, write);
  }

  private void spiSetSize(Handle h, long size) {
    if (size < 0) {
      throw errno(Errno.EINVAL);
    }
    byte[] old = h.file().content;
    reserve(Math.max(0, size - old.length));
    h.file().content = Arrays.copyOf(old, (int) size);
  }

  private void close(Object opened) {
    if (opened instanceof Handle h) {
      h.file().handles--;
    }
  }

  private void reserve(long growth) {
    if (growth > 0 && growth > semantics.quota().maxBytes() - usage().bytes()) {
      throw errno(Errno.ENOSPC);
    }
  }

  private void mutation() {
    if (semantics.readOnly()) {
      throw errno(Errno.EROFS);
    }
  }

  // ---------------------------------------------------------------- descriptions

  private static String names(MDir d) {
    d.live();
    return "[" + String.join(",", d.entries.keySet()) + "]";
  }

  static String letter(MNode n) {
    return n instanceof MDir ? "D" : n instanceof MFile ? "R" : "S";
  }

  private static String describe(MNode n) {
    if (n instanceof MDir d) {
      d.live();
      return "D";
    }
    if (n instanceof MFile f) {
      return "R size=" + f.content.length + " nlink=" + f.links;
    }
    return "S size=" + ((MLink) n).target.getBytes(StandardCharsets.UTF_8).length;
  }

  private static WasiException errno(Errno e) {
    return new WasiException(e, "model");
  }

  private static String outcome(Supplier<String> op) {
    try {
      return op.get();
    } catch (WasiException e) {
      return e.errno().name();
    }
  }
}
