package dev.wasibox.fuzz.model;

import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import dev.wasibox.fuzz.gen.RawPath;
import dev.wasibox.fuzz.vfsops.FsActions;
import dev.wasibox.vfs.Quota;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The reference filesystem: the semantics of {@code Vfs} (its Javadoc, DESIGN.md's table and
 * attack-corpus.md) over a {@link ModelTree}, resolved by {@link ModelResolver}.
 *
 * <p>It is written in two layers, as wasibox is: each action here resolves and makes the checks
 * {@code Vfs} documents (names, types, trailing slashes), then calls a backend primitive of
 * {@link ModelVolume}, which is where a read-only volume says {@code EROFS} and a full one {@code
 * ENOSPC}. When several errors apply, the first check listed in {@code Vfs}'s Javadoc wins, as
 * there.
 */
public final class ModelFs implements FsActions {
  /**
   * What kind of volume the model stands for.
   *
   * @param readOnly every mutation fails with {@code EROFS} (after the same name and type checks)
   * @param quota the limits of the writable volume, which the model enforces exactly as
   *     documented: a step that would go over either fails with {@code ENOSPC} and changes nothing
   * @param overlay the volume is an overlay whose lower layer is the initial tree: a directory
   *     that has a lower part (one of the initial tree's, not removed since) cannot be renamed
   *     ({@code EXDEV}, after the subtree check), as overlayfs without {@code redirect_dir}
   */
  public record Semantics(boolean readOnly, Quota quota, boolean overlay) {
    /** A plain volume, read-only or writable. */
    public Semantics(boolean readOnly, Quota quota) {
      this(readOnly, quota, false);
    }
  }

  /** Bytes and nodes in use. */
  public record Usage(long bytes, long inodes) {}

  private final ModelTree tree;
  private final ModelVolume volume;
  private final List<ModelVolume.Handle> handles = new ArrayList<>();
  private final List<MDir> dirs = new ArrayList<>();

  public ModelFs(ModelTree tree, Semantics semantics) {
    this.tree = tree;
    this.volume = new ModelVolume(tree, semantics);
  }

  public ModelTree tree() {
    return tree;
  }

  // ---------------------------------------------------------------- the actions

  @Override
  public String create(int start, RawPath path, boolean follow, boolean exclusive) {
    return outcome(() -> {
      Object o = open(start, path, follow, true, false, exclusive, false, false, true);
      volume.close(o);
      return "ok";
    });
  }

  @Override
  public String write(int start, RawPath path, boolean follow, long offset, String data) {
    return outcome(() -> {
      Object o = open(start, path, follow, false, false, false, false, false, true);
      try {
        return handleWrite((ModelVolume.Handle) o, offset, data);
      } finally {
        volume.close(o);
      }
    });
  }

  @Override
  public String truncate(int start, RawPath path, boolean follow, boolean write) {
    return outcome(() -> {
      volume.close(open(start, path, follow, false, false, false, true, true, write));
      return "ok";
    });
  }

  @Override
  public String setSize(int start, RawPath path, boolean follow, long size) {
    return outcome(() -> {
      Object o = open(start, path, follow, false, false, false, false, false, true);
      try {
        return handleSetSize((ModelVolume.Handle) o, size);
      } finally {
        volume.close(o);
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
        return read ? "file:" + FsActions.content(((ModelVolume.Handle) o).file().content) : "opened";
      } finally {
        volume.close(o);
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
      volume.create(w.parent(), w.name(), new MDir());
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
      volume.removeDirectory(w.parent(), w.name());
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
      volume.unlink(w.parent(), w.name());
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
      volume.create(w.parent(), w.name(), new MLink(target));
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
      volume.link(dst.parent(), dst.name(), node);
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
      volume.rename(src.parent(), src.name(), dst.parent(), dst.name());
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
      handles.add((ModelVolume.Handle) o);
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
      volume.close(h);
      return "ok";
    });
  }

  /** The bytes and nodes in use now (see {@link ModelVolume#usage()}). */
  public Usage usage() {
    return volume.usage();
  }

  // ---------------------------------------------------------------- Vfs-level helpers

  /**
   * {@code Vfs.open}: O_DIRECTORY with create, exclusive or truncate is {@code EINVAL}; an
   * exclusive create never follows a last symlink (so an existing link is {@code EEXIST}), a
   * trailing slash does; a missing name is created (a trailing slash makes that {@code EISDIR});
   * a directory opened for write or truncate is {@code EISDIR}, an unfollowed symlink {@code
   * ELOOP}, a file with O_DIRECTORY or a trailing slash {@code ENOTDIR}. Returns an {@link MDir}
   * or an open {@link ModelVolume.Handle}.
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
      volume.create(w.parent(), w.name(), file);
      return volume.open(file, read, write);
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
      ModelVolume.Handle t = volume.open(file, false, true);
      volume.setSize(t, 0);
      volume.close(t);
    }
    return volume.open(file, read, write);
  }

  private String handleWrite(ModelVolume.Handle h, long offset, String data) {
    volume.write(h, offset, data.getBytes(StandardCharsets.ISO_8859_1));
    return "ok";
  }

  private String handleSetSize(ModelVolume.Handle h, long size) {
    if (!h.write()) {
      throw errno(Errno.EBADF);
    }
    volume.setSize(h, size);
    return "ok";
  }


  private String withHandle(int slot, java.util.function.Function<ModelVolume.Handle, String> action) {
    if (handles.isEmpty()) {
      return "no handle";
    }
    ModelVolume.Handle h = handles.get(slot % handles.size());
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
