package dev.wasibox.fuzz.vfsops;

import dev.wasibox.capabilities.WasiException;
import dev.wasibox.fuzz.gen.RawPath;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.GuestPath;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.Opened;
import dev.wasibox.vfs.Vfs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The actions performed on wasibox: every path goes through {@link Vfs} from the mounted
 * directory (or a directory handle obtained from it), exactly as the host's syscalls use it.
 * Only {@link WasiException} is turned into an outcome; any other exception escapes and fails the
 * property, since nothing else may ever leave {@code vfs}.
 */
public final class RealFs implements FsActions {
  private final Vfs vfs = Vfs.withDefaults();
  private final DirectoryNode sandbox;
  private final List<OpenFile> handles = new ArrayList<>();
  private final List<DirectoryNode> dirs = new ArrayList<>();

  public RealFs(DirectoryNode sandbox) {
    this.sandbox = sandbox;
  }

  /** Closes every handle still held (the end of a sequence). */
  public void closeAll() {
    for (OpenFile f : handles) {
      f.close();
    }
    handles.clear();
  }

  @Override
  public String create(int start, RawPath path, boolean follow, boolean exclusive) {
    return outcome(() -> {
      close(open(start, path, follow, new OpenFlags(true, false, exclusive, false), false, true));
      return "ok";
    });
  }

  @Override
  public String write(int start, RawPath path, boolean follow, long offset, String data) {
    return outcome(() -> {
      Opened o = open(start, path, follow, OpenFlags.NONE, false, true);
      try (OpenFile f = o.file()) {
        f.write(ByteBuffer.wrap(data.getBytes(StandardCharsets.ISO_8859_1)), offset);
        return "ok";
      }
    });
  }

  @Override
  public String truncate(int start, RawPath path, boolean follow, boolean write) {
    return outcome(() -> {
      close(open(start, path, follow, new OpenFlags(false, false, false, true), true, write));
      return "ok";
    });
  }

  @Override
  public String setSize(int start, RawPath path, boolean follow, long size) {
    return outcome(() -> {
      Opened o = open(start, path, follow, OpenFlags.NONE, false, true);
      try (OpenFile f = o.file()) {
        f.setSize(size);
        return "ok";
      }
    });
  }

  @Override
  public String open(int start, RawPath path, boolean follow, int oflags, boolean read, boolean write) {
    return outcome(() -> {
      Opened o = open(start, path, follow, OpenFlags.fromBits(oflags), read, write);
      if (o.file() == null) {
        return "dir:" + o.directory().list().stream().map(DirEntry::name).collect(Collectors.joining(",", "[", "]"));
      }
      try (OpenFile f = o.file()) {
        return read ? "file:" + readAll(f) : "opened";
      }
    });
  }

  @Override
  public String readdir(int start, RawPath path, boolean follow) {
    return outcome(() -> {
      Opened o = open(start, path, follow, new OpenFlags(false, true, false, false), true, false);
      StringJoiner j = new StringJoiner(", ", "[", "]");
      for (DirEntry e : vfs.readdir(o.directory())) {
        j.add(e.name() + ":" + letter(e.type()));
      }
      return j.toString();
    });
  }

  @Override
  public String stat(int start, RawPath path, boolean follow) {
    return outcome(() -> describe(vfs.stat(start(start), parse(path), follow)));
  }

  @Override
  public String readlink(int start, RawPath path) {
    return outcome(() -> "link:" + vfs.readlink(start(start), parse(path)));
  }

  @Override
  public String mkdir(int start, RawPath path) {
    return outcome(() -> {
      vfs.createDirectory(start(start), parse(path));
      return "ok";
    });
  }

  @Override
  public String rmdir(int start, RawPath path) {
    return outcome(() -> {
      vfs.removeDirectory(start(start), parse(path));
      return "ok";
    });
  }

  @Override
  public String unlink(int start, RawPath path) {
    return outcome(() -> {
      vfs.unlinkFile(start(start), parse(path));
      return "ok";
    });
  }

  @Override
  public String symlink(String target, int start, RawPath path) {
    return outcome(() -> {
      GuestPath where = parse(path);
      vfs.symlink(target, start(start), where);
      return "ok";
    });
  }

  @Override
  public String link(int start, RawPath from, boolean follow, int toStart, RawPath to) {
    return outcome(() -> {
      GuestPath fromPath = parse(from);
      GuestPath toPath = parse(to);
      vfs.link(start(start), fromPath, follow, start(toStart), toPath);
      return "ok";
    });
  }

  @Override
  public String rename(int start, RawPath from, int toStart, RawPath to) {
    return outcome(() -> {
      GuestPath fromPath = parse(from);
      GuestPath toPath = parse(to);
      vfs.rename(start(start), fromPath, start(toStart), toPath);
      return "ok";
    });
  }

  @Override
  public String hold(int start, RawPath path, boolean follow, boolean directory, boolean read, boolean write) {
    return outcome(() -> {
      Opened o = open(start, path, follow, new OpenFlags(false, directory, false, false), read, write);
      if (o.file() == null) {
        dirs.add(o.directory());
        return "dir@" + dirs.size();
      }
      handles.add(o.file());
      return "file@" + (handles.size() - 1);
    });
  }

  @Override
  public String handleWrite(int slot, long offset, String data) {
    return withHandle(slot, f -> {
      f.write(ByteBuffer.wrap(data.getBytes(StandardCharsets.ISO_8859_1)), offset);
      return "ok";
    });
  }

  @Override
  public String handleRead(int slot) {
    return withHandle(slot, f -> "file:" + readAll(f));
  }

  @Override
  public String handleSetSize(int slot, long size) {
    return withHandle(slot, f -> {
      f.setSize(size);
      return "ok";
    });
  }

  @Override
  public String handleStat(int slot) {
    return withHandle(slot, f -> {
      FileStat st = f.stat();
      return "size=" + st.size() + " nlink=" + st.nlink();
    });
  }

  @Override
  public String handleClose(int slot) {
    return withHandle(slot, f -> {
      handles.remove(f);
      f.close();
      return "ok";
    });
  }

  // ---------------------------------------------------------------- helpers

  private Opened open(int start, RawPath path, boolean follow, OpenFlags flags, boolean read, boolean write) {
    return vfs.open(start(start), parse(path), follow, flags, read, write);
  }

  private static void close(Opened o) {
    if (o.file() != null) {
      o.file().close();
    }
  }

  private String withHandle(int slot, Function<OpenFile, String> action) {
    if (handles.isEmpty()) {
      return "no handle";
    }
    OpenFile f = handles.get(slot % handles.size());
    return outcome(() -> action.apply(f));
  }

  private DirectoryNode start(int k) {
    return k == 0 || dirs.isEmpty() ? sandbox : dirs.get((k - 1) % dirs.size());
  }

  private GuestPath parse(RawPath p) {
    return vfs.parse(p.bytes());
  }

  /** The whole content of an open file, through the handle (EBADF if it may not read). */
  static String readAll(OpenFile f) {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(f.size(), 1 << 20));
    f.read(buf, 0);
    byte[] bytes = new byte[buf.position()];
    buf.flip();
    buf.get(bytes);
    return FsActions.content(bytes);
  }

  static String letter(FileType t) {
    return switch (t) {
      case DIRECTORY -> "D";
      case REGULAR_FILE -> "R";
      case SYMBOLIC_LINK -> "S";
      default -> "?" + t;
    };
  }

  private static String describe(FileStat st) {
    return switch (st.type()) {
      case DIRECTORY -> "D";
      case REGULAR_FILE -> "R size=" + st.size() + " nlink=" + st.nlink();
      default -> letter(st.type()) + " size=" + st.size();
    };
  }

  private static String outcome(Supplier<String> op) {
    try {
      return op.get();
    } catch (WasiException e) {
      return e.errno().name();
    }
  }
}
