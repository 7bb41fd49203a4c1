package dev.wasibox.vfs.overlay;

import dev.wasibox.capabilities.WasiException;
import dev.wasibox.vfs.DirEntry;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileNode;
import dev.wasibox.vfs.FileStat;
import dev.wasibox.vfs.GuestPath;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.Opened;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.Vfs;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The overlay of attack-corpus section E over a fresh memory lower layer, and guest-like
 * operations through {@link Vfs} (as the host runs them) that describe their result as a short
 * string: an errno name, {@code ok}, {@code file:<content>}, {@code [names]} or {@code
 * link:<target>}.
 *
 * <pre>
 * (lower volume root)
 *   outside/
 *     secret.txt = "HOST-SECRET"      never reachable from the overlay
 *   sandbox/                          the overlay's lower root
 *     lfile = "lower"
 *     ldir/
 *       lchild = "lc"
 *     lsym -> "lfile"
 *     lup -> ".."
 *     lesc -> "../../outside/secret.txt"
 * </pre>
 */
final class OverlayFixture {
  static final String SECRET = "HOST-SECRET";
  static final OpenFlags NONE = OpenFlags.NONE;
  static final OpenFlags CREATE = new OpenFlags(true, false, false, false);
  static final OpenFlags TRUNC = new OpenFlags(false, false, false, true);

  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  final Vfs vfs = Vfs.withDefaults();
  final MemoryVolume lowerVolume = MemoryVolume.create(Quota.DEFAULT, this::tick);
  final DirectoryNode lower;
  final OverlayVolume overlay;
  final DirectoryNode root;
  /** What the lower layer must still look like after the test. */
  Map<String, String> lowerBaseline;

  OverlayFixture() {
    this(Quota.DEFAULT);
  }

  OverlayFixture(Quota upperQuota) {
    DirectoryNode top = lowerVolume.root();
    DirectoryNode outside = top.createDirectory("outside");
    write(outside.createFile("secret.txt"), SECRET);
    lower = top.createDirectory("sandbox");
    write(lower.createFile("lfile"), "lower");
    DirectoryNode ldir = lower.createDirectory("ldir");
    write(ldir.createFile("lchild"), "lc");
    lower.createSymlink("lsym", "lfile");
    lower.createSymlink("lup", "..");
    lower.createSymlink("lesc", "../../outside/secret.txt");
    overlay = OverlayVolume.create(lower, upperQuota, this::tick);
    root = overlay.root();
    lowerBaseline = LowerSnapshot.of(top);
  }

  /** For a test that changes the lower layer on purpose (a host swapping files underneath). */
  void lowerChangedOnPurpose() {
    lowerBaseline = LowerSnapshot.of(lowerVolume.root());
  }

  long tick() {
    return clock.addAndGet(1_000);
  }

  static void write(FileNode file, String content) {
    try (OpenFile f = file.open(false, true)) {
      f.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), f.size());
    }
  }

  static String content(OpenFile f) {
    ByteBuffer buf = ByteBuffer.allocate((int) f.size());
    f.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  /** Runs {@code op} and returns its description, or the errno it failed with. */
  static String outcome(Supplier<String> op) {
    try {
      return op.get();
    } catch (WasiException e) {
      return e.errno().name();
    }
  }

  static String ok(Runnable op) {
    return outcome(
        () -> {
          op.run();
          return "ok";
        });
  }

  GuestPath p(String path) {
    return vfs.parse(path);
  }

  // ---- guest-like operations, each one syscall ----

  /** {@code path_open} without follow, then reads the whole file (or lists a directory). */
  String read(String path) {
    return read(path, false);
  }

  String readFollow(String path) {
    return read(path, true);
  }

  private String read(String path, boolean follow) {
    return outcome(
        () -> {
          Opened o = vfs.open(root, p(path), follow, NONE, true, false);
          if (o.file() == null) {
            return names(o.directory().list());
          }
          try (OpenFile f = o.file()) {
            return "file:" + content(f);
          }
        });
  }

  /** Opens for writing ({@code flags} as given) and writes {@code text} at {@code offset}. */
  String write(String path, OpenFlags flags, long offset, String text) {
    return ok(
        () -> {
          try (OpenFile f = vfs.open(root, p(path), false, flags, true, true).file()) {
            f.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), offset);
          }
        });
  }

  String write(String path, String text) {
    return write(path, NONE, 0, text);
  }

  String append(String path, String text) {
    return ok(
        () -> {
          try (OpenFile f = vfs.open(root, p(path), false, NONE, true, true).file()) {
            f.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), f.size());
          }
        });
  }

  String create(String path, String text) {
    return write(path, CREATE, 0, text);
  }

  String truncate(String path) {
    return ok(() -> vfs.open(root, p(path), false, TRUNC, false, true).file().close());
  }

  String unlink(String path) {
    return ok(() -> vfs.unlinkFile(root, p(path)));
  }

  String rmdir(String path) {
    return ok(() -> vfs.removeDirectory(root, p(path)));
  }

  String mkdir(String path) {
    return ok(() -> vfs.createDirectory(root, p(path)));
  }

  String rename(String from, String to) {
    return ok(() -> vfs.rename(root, p(from), root, p(to)));
  }

  String link(String from, String to) {
    return ok(() -> vfs.link(root, p(from), false, root, p(to)));
  }

  String symlink(String target, String path) {
    return ok(() -> vfs.symlink(target, root, p(path)));
  }

  String readlink(String path) {
    return outcome(() -> "link:" + vfs.readlink(root, p(path)));
  }

  /** {@code fd_readdir} on a directory: its names without {@code .} and {@code ..}. */
  String ls(String path) {
    return outcome(() -> names(dir(path).list()));
  }

  FileStat stat(String path) {
    return vfs.stat(root, p(path), false);
  }

  /**
   * The node at a plain path (names only, no symlink followed), found with single-name lookups as
   * the resolver would; null if missing.
   */
  Node node(String path) {
    Node node = root;
    if (path.equals(".")) {
      return root;
    }
    for (String name : path.split("/")) {
      if (!(node instanceof DirectoryNode)) {
        return null;
      }
      node = ((DirectoryNode) node).lookup(name);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  DirectoryNode dir(String path) {
    return vfs.open(root, p(path), false, new OpenFlags(false, true, false, false), true, false)
        .directory();
  }

  static String names(List<DirEntry> entries) {
    return entries.stream().map(DirEntry::name).collect(Collectors.joining(",", "[", "]"));
  }
}
