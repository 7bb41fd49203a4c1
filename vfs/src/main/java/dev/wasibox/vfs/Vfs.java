package dev.wasibox.vfs;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.WasiException;
import java.util.List;

/**
 * The filesystem operations of a WASI host, each resolving its path(s) once through {@link
 * PathResolver} and then acting on the resulting {@code (directory, name)} through the node SPI.
 *
 * <p>Rights are not checked here (the host does that on the descriptor); everything about names,
 * types and volumes is. Every method throws {@link WasiException} on failure and nothing else.
 */
public final class Vfs {
  private final PathResolver resolver;

  public Vfs(PathResolver resolver) {
    this.resolver = checkNotNull(resolver);
  }

  /** A VFS with the default path limits. */
  public static Vfs withDefaults() {
    return new Vfs(new PathResolver(PathLimits.DEFAULT));
  }

  public PathResolver resolver() {
    return resolver;
  }

  /** Parses a guest path under this VFS's limits. */
  public GuestPath parse(byte[] path) {
    return GuestPath.parse(path, resolver.limits());
  }

  /** Parses a path under this VFS's limits. */
  public GuestPath parse(String path) {
    return GuestPath.parse(path, resolver.limits());
  }

  /**
   * {@code path_open}: opens (and maybe creates or truncates) a file, or opens a directory.
   *
   * <p>Errors: {@code EINVAL} {@code O_DIRECTORY} with create, exclusive or truncate · {@code
   * ENOENT} missing without create · {@code EEXIST} exists with create+exclusive · {@code ELOOP}
   * last component a symlink not followed · {@code EISDIR} a directory for write or truncate, or a
   * new name with a trailing slash · {@code ENOTDIR} a non-directory with {@code O_DIRECTORY} or a
   * trailing slash · {@code EROFS} write, create or truncate on a read-only volume · plus the
   * resolver's errors.
   */
  public Opened open(
      DirectoryNode start,
      GuestPath path,
      boolean follow,
      OpenFlags flags,
      boolean read,
      boolean write) {
    if (flags.directory() && (flags.create() || flags.exclusive() || flags.truncate())) {
      throw new WasiException(Errno.EINVAL, "O_DIRECTORY with O_CREAT, O_EXCL or O_TRUNC");
    }
    boolean exclusiveCreate = flags.create() && flags.exclusive();
    Resolved r =
        resolver.walk(start, path, !exclusiveCreate && (follow || path.trailingSlash()));
    Node node = r.node();
    if (node == null) {
      if (!flags.create()) {
        throw new WasiException(Errno.ENOENT);
      }
      if (r.dirRequired()) {
        throw new WasiException(Errno.EISDIR, "cannot create a file with a trailing slash");
      }
      FileNode created = r.parent().createFile(r.name());
      return new Opened(created, created.open(read, write));
    }
    if (exclusiveCreate) {
      throw new WasiException(Errno.EEXIST);
    }
    switch (node.type()) {
      case DIRECTORY:
        if (write || flags.truncate()) {
          throw new WasiException(Errno.EISDIR);
        }
        return new Opened(node, null);
      case SYMBOLIC_LINK:
        throw new WasiException(Errno.ELOOP, "last component is a symlink and was not followed");
      case REGULAR_FILE:
        if (flags.directory() || r.dirRequired()) {
          throw new WasiException(Errno.ENOTDIR);
        }
        FileNode file = (FileNode) node;
        if (flags.truncate()) {
          file.truncate();
        }
        return new Opened(file, file.open(read, write));
      default:
        if (flags.directory() || r.dirRequired()) {
          throw new WasiException(Errno.ENOTDIR);
        }
        throw new WasiException(Errno.ENOTSUP, "not a file, directory or symlink");
    }
  }

  /**
   * {@code path_filestat_get}: the attributes of what {@code path} names.
   *
   * <p>Errors: {@code ENOENT} missing · {@code ENOTDIR} trailing slash on a non-directory · plus
   * the resolver's errors.
   */
  public FileStat stat(DirectoryNode start, GuestPath path, boolean follow) {
    return node(start, path, follow).stat();
  }

  /**
   * {@code path_filestat_set_times}: sets times of what {@code path} names ({@link Node#OMIT}
   * leaves one unchanged). Errors as {@link #stat}, plus {@code EROFS}.
   */
  public void setTimes(
      DirectoryNode start, GuestPath path, boolean follow, long atimNs, long mtimNs) {
    node(start, path, follow).setTimes(atimNs, mtimNs);
  }

  /**
   * The node {@code path} names (a trailing slash follows a final symlink and requires a
   * directory). Errors as {@link #stat}.
   */
  public Node node(DirectoryNode start, GuestPath path, boolean follow) {
    Resolved r = resolver.walk(start, path, follow || path.trailingSlash());
    Node node = r.existing();
    if (r.dirRequired() && node.type() != FileType.DIRECTORY) {
      throw new WasiException(Errno.ENOTDIR);
    }
    return node;
  }

  /**
   * {@code path_create_directory}.
   *
   * <p>Errors: {@code EEXIST} the name exists (any type, {@code .} included) · {@code EROFS} ·
   * {@code ENOSPC} over quota · plus the resolver's errors.
   */
  public void createDirectory(DirectoryNode start, GuestPath path) {
    Resolved r = resolver.walk(start, path, false);
    if (r.isSelf() || r.node() != null) {
      throw new WasiException(Errno.EEXIST);
    }
    r.parent().createDirectory(r.name());
  }

  /**
   * {@code path_unlink_file}: removes a file or symlink (never followed).
   *
   * <p>Errors: {@code ENOENT} missing · {@code EISDIR} a directory ({@code .} included) · {@code
   * ENOTDIR} a trailing slash on a non-directory · {@code EROFS} · plus the resolver's errors.
   */
  public void unlinkFile(DirectoryNode start, GuestPath path) {
    Resolved r = resolver.walk(start, path, false);
    Node node = r.existing();
    if (node.type() == FileType.DIRECTORY) {
      throw new WasiException(Errno.EISDIR);
    }
    if (r.dirRequired()) {
      throw new WasiException(Errno.ENOTDIR);
    }
    r.parent().unlink(r.name());
  }

  /**
   * {@code path_remove_directory}: removes an empty directory (a symlink is never followed).
   *
   * <p>Errors: {@code ENOENT} missing · {@code ENOTDIR} not a directory · {@code ENOTEMPTY} ·
   * {@code EINVAL} the path ends in {@code .} or {@code ..} · {@code EROFS} · plus the resolver's
   * errors.
   */
  public void removeDirectory(DirectoryNode start, GuestPath path) {
    Resolved r = resolver.walk(start, path, false);
    if (r.isSelf()) {
      throw new WasiException(Errno.EINVAL, "cannot remove . or ..");
    }
    Node node = r.existing();
    if (node.type() != FileType.DIRECTORY) {
      throw new WasiException(Errno.ENOTDIR);
    }
    r.parent().removeDirectory(r.name());
  }

  /**
   * {@code path_rename}: moves a node, replacing the target as POSIX {@code rename} does. Neither
   * last component is followed.
   *
   * <p>Errors: {@code ENOENT} no source · {@code EINVAL} either path ends in {@code .} or {@code
   * ..}, or a directory into its own subtree · {@code EXDEV} across volumes · {@code ENOTDIR} a
   * trailing slash on a non-directory source, or a directory onto a non-directory · {@code
   * EISDIR} a non-directory onto a directory · {@code ENOTEMPTY} onto a non-empty directory ·
   * {@code EROFS} · plus the resolver's errors.
   */
  public void rename(DirectoryNode from, GuestPath fromPath, DirectoryNode to, GuestPath toPath) {
    Resolved src = resolver.walk(from, fromPath, false);
    Resolved dst = resolver.walk(to, toPath, false);
    if (src.isSelf() || dst.isSelf()) {
      throw new WasiException(Errno.EINVAL, "cannot rename . or ..");
    }
    Node moving = src.existing();
    if (src.parent().volume() != dst.parent().volume()) {
      throw new WasiException(Errno.EXDEV);
    }
    boolean movingDir = moving.type() == FileType.DIRECTORY;
    if (!movingDir && (src.dirRequired() || dst.dirRequired())) {
      throw new WasiException(Errno.ENOTDIR);
    }
    Node replaced = dst.node();
    if (replaced != null) {
      boolean replacedDir = replaced.type() == FileType.DIRECTORY;
      if (movingDir && !replacedDir) {
        throw new WasiException(Errno.ENOTDIR);
      }
      if (!movingDir && replacedDir) {
        throw new WasiException(Errno.EISDIR);
      }
      if (moving.sameNode(replaced)) {
        return;
      }
      if (replacedDir && !((DirectoryNode) replaced).isEmpty()) {
        throw new WasiException(Errno.ENOTEMPTY);
      }
    }
    src.parent().rename(src.name(), dst.parent(), dst.name());
  }

  /**
   * {@code path_link}: makes a new hard link to an existing non-directory.
   *
   * <p>Errors: {@code ENOENT} no source, or a trailing slash on the new name · {@code EPERM} the
   * source is a directory · {@code EEXIST} the new name exists · {@code EXDEV} across volumes ·
   * {@code ENOTDIR} trailing slash on a non-directory source · {@code EROFS} · plus the resolver's
   * errors.
   */
  public void link(
      DirectoryNode from, GuestPath fromPath, boolean follow, DirectoryNode to, GuestPath toPath) {
    Resolved src = resolver.walk(from, fromPath, follow);
    Node existing = src.existing();
    if (existing.type() == FileType.DIRECTORY) {
      throw new WasiException(Errno.EPERM, "hard link to a directory");
    }
    if (src.dirRequired()) {
      throw new WasiException(Errno.ENOTDIR);
    }
    Resolved dst = resolver.walk(to, toPath, false);
    if (dst.isSelf() || dst.node() != null) {
      throw new WasiException(Errno.EEXIST);
    }
    if (dst.dirRequired()) {
      throw new WasiException(Errno.ENOENT, "trailing slash on a new link name");
    }
    if (existing.volume() != dst.parent().volume()) {
      throw new WasiException(Errno.EXDEV);
    }
    dst.parent().link(dst.name(), existing);
  }

  /**
   * {@code path_symlink}: creates a symlink. The target is checked as a path would be at use
   * (absolute {@code EPERM}, empty {@code ENOENT}, NUL {@code EINVAL}, too long {@code
   * ENAMETOOLONG}) but otherwise stored verbatim; a relative target that climbs out is refused
   * only when followed.
   *
   * <p>Errors: {@code EEXIST} the name exists · {@code ENOTDIR} a trailing slash on an existing
   * non-directory · {@code ENOENT} a trailing slash on a new name · {@code EROFS} · plus the
   * resolver's errors.
   */
  public void symlink(String target, DirectoryNode start, GuestPath path) {
    GuestPath.parse(target, resolver.limits());
    Resolved r = resolver.walk(start, path, false);
    Node node = r.node();
    if (r.isSelf()) {
      throw new WasiException(Errno.EEXIST);
    }
    if (node != null) {
      throw new WasiException(
          r.dirRequired() && node.type() != FileType.DIRECTORY ? Errno.ENOTDIR : Errno.EEXIST);
    }
    if (r.dirRequired()) {
      throw new WasiException(Errno.ENOENT, "trailing slash on a new symlink name");
    }
    r.parent().createSymlink(r.name(), target);
  }

  /**
   * {@code path_readlink}: the target text of a symlink.
   *
   * <p>Errors: {@code ENOENT} missing · {@code EINVAL} not a symlink · {@code EPERM} an absolute
   * target (planted on a host volume; its text would leak host paths) · plus the resolver's
   * errors.
   */
  public String readlink(DirectoryNode start, GuestPath path) {
    Resolved r = resolver.walk(start, path, false);
    Node node = r.existing();
    if (node.type() != FileType.SYMBOLIC_LINK) {
      throw new WasiException(Errno.EINVAL, "not a symlink");
    }
    String target = ((SymlinkNode) node).target();
    if (target.startsWith("/")) {
      throw new WasiException(Errno.EPERM, "absolute symlink target");
    }
    return target;
  }

  /**
   * The entries of {@code dir} as {@code fd_readdir} lists them: {@code .}, {@code ..}, then the
   * entries sorted by name. At a capability root {@code ..} reports the directory itself, since
   * its real parent is not the guest's to see.
   */
  public List<DirEntry> readdir(DirectoryNode dir) {
    List<DirEntry> entries = dir.list();
    long ino = dir.stat().ino();
    ImmutableList.Builder<DirEntry> out = ImmutableList.builderWithExpectedSize(entries.size() + 2);
    out.add(new DirEntry(".", FileType.DIRECTORY, ino));
    out.add(new DirEntry("..", FileType.DIRECTORY, ino));
    out.addAll(entries);
    return out.build();
  }
}
