package dev.wasibox.host;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.capabilities.FdNumbering;
import dev.wasibox.capabilities.Right;
import dev.wasibox.capabilities.Rights;
import dev.wasibox.host.env.GuestClock;
import dev.wasibox.host.env.RandomSource;
import dev.wasibox.host.fd.Descriptor;
import dev.wasibox.host.io.GuestInput;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.GuestPath;
import dev.wasibox.vfs.Node;
import dev.wasibox.vfs.OpenFile;
import dev.wasibox.vfs.OpenFlags;
import dev.wasibox.vfs.PathLimits;
import dev.wasibox.vfs.Quota;
import dev.wasibox.vfs.Resolved;
import dev.wasibox.vfs.SymlinkNode;
import dev.wasibox.vfs.Vfs;
import dev.wasibox.vfs.memory.MemoryVolume;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real Chicory {@link Instance} of a minimal module (one exported memory of N pages, nothing
 * else) together with the wasibox host functions of both ABIs, called through their real {@link
 * HostFunction} handles with raw {@code long} arguments: argument decoding, the adapter, {@link
 * GuestMemory} and the syscall body all run as they do for a guest. Host bugs fail the test
 * ({@code failOnHostBug}).
 *
 * <p>The standard fixture, rebuilt for every harness (fd 3 is {@code /sandbox}; {@code outside}
 * shares the sandbox's volume, so a leak would be real, and must stay unreachable):
 *
 * <pre>
 * memory volume (its root is not given to the guest)
 * ├── outside/
 * │   ├── secret.txt = "HOST-SECRET"
 * │   └── dir/
 * └── sandbox/                     fd 3, preopen "/sandbox" (DIRECTORY base rights, ALL inheriting)
 *     ├── file = "hello"
 *     ├── dir/
 *     │   ├── nested/
 *     │   │   └── file = "nested"
 *     │   └── evil -> "../../outside"        escapes two levels up
 *     ├── a/
 *     │   └── b/                            (empty)
 *     ├── empty/                            (empty)
 *     ├── sym_file -> "file"
 *     ├── sym_dir -> "dir"
 *     ├── abs -> "/etc/passwd"               planted absolute target
 *     ├── esc -> "../outside"                planted escaping target
 *     ├── rel_out -> "../outside/secret.txt"
 *     ├── up -> ".."
 *     ├── loop -> "loop"
 *     └── dangling -> "newfile"
 * </pre>
 *
 * <p>Optional extras, added in call order as fds 4, 5, ...: {@link Builder#withOther()} a second
 * memory volume {@code /other} holding {@code x = "other"}; {@link Builder#withReadOnly()} a
 * read-only view {@code /ro} holding {@code r.txt = "readonly"} and {@code rdir/x = "x"}; {@link
 * Builder#preopen} anything else.
 *
 * <p>Scratch memory: {@link #alloc} hands out 8-aligned blocks from 0x100 upwards; {@link #str},
 * {@link #iovecs} and friends write through it. Pointers given to calls are {@code long}s and are
 * passed unchanged, so a test can pass any bit pattern.
 */
public final class HostHarness {
  public static final String SECRET = "HOST-SECRET";
  public static final int SANDBOX_FD = 3;

  /** Base rights of a preopen, as {@link WasiConfig} grants them. */
  public static final long PREOPEN_BASE = Rights.DIRECTORY.bits();

  private final Instance instance;
  private final WasiConfig config;
  private final WasiContext context;
  private final Map<String, HostFunction> functions = new HashMap<>();
  private final List<String> trace = new ArrayList<>();
  private final ByteArrayOutputStream stdout;
  private final ByteArrayOutputStream stderr;
  private final MemoryVolume volume;
  private final DirectoryNode sandbox;
  private final Map<String, DirectoryNode> extraRoots;
  private final Vfs vfs = Vfs.withDefaults();
  private long next = 0x100;

  private HostHarness(Builder b) {
    this.volume = b.volume;
    this.sandbox = b.sandbox;
    this.extraRoots = b.extraRoots;
    this.stdout = b.stdout;
    this.stderr = b.stderr;
    this.instance = newInstance(b.pages);
    WasiConfig.Builder cb =
        WasiConfig.builder()
            .args(b.args)
            .stdin(b.stdin, b.stdinTerminal)
            .stdout(stdout, b.stdoutLimit, false)
            .stderr(stderr, b.stderrLimit, false)
            .outputLimit(b.outputLimit)
            .realtime(b.realtime)
            .monotonic(b.monotonic)
            .cpuTime(b.cpuTime)
            .random(b.random)
            .pathLimits(b.pathLimits)
            .fdNumbering(b.numbering, 7)
            .tracer(new Tracer())
            .failOnHostBug(true);
    b.env.forEach(cb::env);
    cb.preopen("/sandbox", sandbox);
    b.extraRoots.forEach(cb::preopen);
    cb.maxOpenFiles(b.maxOpenFiles);
    b.customizer.accept(cb);
    this.config = cb.build();
    this.context = config.newContext();
    for (HostFunction f : new WasiModule(context, config.failOnHostBug()).functions()) {
      checkState(
          functions.put(f.module() + "." + f.name(), f) == null, "%s registered twice", f.name());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The standard fixture with defaults (1 page of memory). */
  public static HostHarness create() {
    return builder().build();
  }

  // ---------------------------------------------------------------- module

  /** The bytes of {@code (module (memory (export "memory") pages))}, or no memory at all if < 0. */
  public static byte[] moduleBytes(int pages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    if (pages >= 0) {
      byte[] min = leb128(pages);
      out.write(5); // memory section
      out.write(2 + min.length);
      out.write(1); // one memory
      out.write(0); // limits: min only
      out.writeBytes(min);
      out.write(7); // export section
      out.write(10);
      out.write(1); // one export
      out.write(6);
      out.writeBytes("memory".getBytes(StandardCharsets.US_ASCII));
      out.write(2); // memory
      out.write(0); // index 0
    }
    return out.toByteArray();
  }

  private static byte[] leb128(int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int v = value;
    do {
      int b = v & 0x7F;
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return out.toByteArray();
  }

  private static Instance newInstance(int pages) {
    return Instance.builder(Parser.parse(moduleBytes(pages)))
        .withMemoryFactory(ByteArrayMemory::new)
        .withStart(false)
        .build();
  }

  // ---------------------------------------------------------------- calls

  /** The registered function {@code module.name}; fails the test if there is none. */
  public HostFunction function(String module, String name) {
    HostFunction f = functions.get(module + "." + name);
    checkArgument(f != null, "no host function %s.%s", module, name);
    return f;
  }

  /** Every registered function. */
  public List<HostFunction> functions() {
    return List.copyOf(functions.values());
  }

  /** Calls {@code wasi_snapshot_preview1.name} and returns its errno. */
  public Errno call(String name, long... args) {
    return call(Abi.PREVIEW1, name, args);
  }

  /** Calls {@code name} of {@code abi} and returns its errno. */
  public Errno call(Abi abi, String name, long... args) {
    HostFunction f = function(abi.moduleName(), name);
    checkArgument(
        args.length == f.paramTypes().size(),
        "%s takes %s arguments, got %s",
        name,
        f.paramTypes().size(),
        args.length);
    long[] result = f.handle().apply(instance, args);
    checkState(result != null && result.length == 1, "%s returned no errno", name);
    return Errno.fromCode((int) result[0]);
  }

  /** Calls {@code module.name} through its handle and returns the raw result (null for none). */
  public long[] raw(String module, String name, long... args) {
    return function(module, name).handle().apply(instance, args);
  }

  /** Opens {@code path} under {@code dirFd} with the given rights; fails the test on an errno. */
  public int open(int dirFd, String path, int oflags, long rightsBase, long rightsInheriting, int fdflags) {
    long fdPtr = alloc(4);
    Ptr p = str(path);
    Errno e =
        call("path_open", dirFd, 1, p.ptr(), p.len(), oflags, rightsBase, rightsInheriting, fdflags, fdPtr);
    checkState(e == Errno.SUCCESS, "path_open(%s) failed: %s", path, e);
    return (int) u32(fdPtr);
  }

  /** Opens a file of the sandbox for reading (and writing if asked), following symlinks. */
  public int openFile(String path, boolean write) {
    long base =
        rights(Right.FD_READ, Right.FD_SEEK, Right.FD_TELL, Right.FD_FILESTAT_GET)
            | (write ? rights(Right.FD_WRITE) : 0);
    return open(SANDBOX_FD, path, 0, base, 0, 0);
  }

  /** The bitmask of {@code rights}. */
  public static long rights(Right... rights) {
    return Rights.of(rights).bits();
  }

  // ---------------------------------------------------------------- trace

  /** The trace since the last {@link #clearTrace}, one line per event. */
  public List<String> trace() {
    return List.copyOf(trace);
  }

  public void clearTrace() {
    trace.clear();
  }

  /** Formats one call as the tracer does: {@code ==> name(param=value,...)}. */
  private String formatCall(String name, long[] args) {
    String[] params = PARAMS.getOrDefault(name, new String[0]);
    StringBuilder sb = new StringBuilder("==> ").append(name).append('(');
    int a = 0;
    boolean first = true;
    for (String p : params) {
      if (a >= args.length) {
        break;
      }
      boolean pair = p.endsWith("*");
      String label = pair ? p.substring(0, p.length() - 1) : p;
      String value;
      if (pair) {
        value = formatBytes(args[a], a + 1 < args.length ? args[a + 1] : 0);
        a += 2;
      } else {
        long v = args[a++];
        if (label.startsWith("result.")) {
          continue;
        }
        value = label.contains("rights") ? "0x" + Long.toHexString(v) : isI64(name, a - 1) ? Long.toString(v) : Integer.toString((int) v);
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(label).append('=').append(value);
    }
    return sb.append(')').toString();
  }

  private boolean isI64(String name, int index) {
    HostFunction f = functions.get(Abi.PREVIEW1.moduleName() + "." + name);
    if (f == null) {
      f = functions.get(Abi.SNAPSHOT0.moduleName() + "." + name);
    }
    return f != null && index < f.paramTypes().size() && f.paramTypes().get(index).equals(ValType.I64);
  }

  private String formatBytes(long ptr, long len) {
    long p = ptr & 0xFFFF_FFFFL;
    long n = len & 0xFFFF_FFFFL;
    Memory m = instance.memory();
    long size = m == null ? 0 : (long) m.pages() * Memory.PAGE_SIZE;
    if (p + n > size) {
      return "<fault " + p + "+" + n + ">";
    }
    if (n > 64) {
      return "<" + n + " bytes>";
    }
    byte[] b = n == 0 ? new byte[0] : m.readBytes((int) p, (int) n);
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      int c = x & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.toString();
  }

  private final class Tracer implements SyscallTracer {
    @Override
    public void enter(String name, long[] args) {
      trace.add(formatCall(name, args));
    }

    @Override
    public void exit(String name, Errno errno) {
      trace.add("<== errno=" + errno.name());
    }
  }

  private static final Map<String, String[]> PARAMS = new LinkedHashMap<>();

  private static void params(String name, String... names) {
    PARAMS.put(name, names);
  }

  static {
    params("args_get", "argv", "argv_buf");
    params("args_sizes_get", "result.argc", "result.argv_len");
    params("environ_get", "environ", "environ_buf");
    params("environ_sizes_get", "result.environc", "result.environv_len");
    params("clock_res_get", "id", "result.resolution");
    params("clock_time_get", "id", "precision", "result.timestamp");
    params("fd_advise", "fd", "offset", "len", "advice");
    params("fd_allocate", "fd", "offset", "len");
    params("fd_close", "fd");
    params("fd_datasync", "fd");
    params("fd_fdstat_get", "fd", "result.stat");
    params("fd_fdstat_set_flags", "fd", "flags");
    params("fd_fdstat_set_rights", "fd", "fs_rights_base", "fs_rights_inheriting");
    params("fd_filestat_get", "fd", "result.buf");
    params("fd_filestat_set_size", "fd", "size");
    params("fd_filestat_set_times", "fd", "atim", "mtim", "fst_flags");
    params("fd_pread", "fd", "iovs", "iovs_len", "offset", "result.nread");
    params("fd_prestat_get", "fd", "result.prestat");
    params("fd_prestat_dir_name", "fd", "path", "path_len");
    params("fd_pwrite", "fd", "iovs", "iovs_len", "offset", "result.nwritten");
    params("fd_read", "fd", "iovs", "iovs_len", "result.nread");
    params("fd_readdir", "fd", "buf", "buf_len", "cookie", "result.bufused");
    params("fd_renumber", "fd", "to");
    params("fd_seek", "fd", "offset", "whence", "result.newoffset");
    params("fd_sync", "fd");
    params("fd_tell", "fd", "result.offset");
    params("fd_write", "fd", "iovs", "iovs_len", "result.nwritten");
    params("path_create_directory", "fd", "path*");
    params("path_filestat_get", "fd", "flags", "path*", "result.buf");
    params("path_filestat_set_times", "fd", "flags", "path*", "atim", "mtim", "fst_flags");
    params("path_link", "old_fd", "old_flags", "old_path*", "new_fd", "new_path*");
    params(
        "path_open",
        "fd", "dirflags", "path*", "oflags", "fs_rights_base", "fs_rights_inheriting", "fdflags",
        "result.opened_fd");
    params("path_readlink", "fd", "path*", "buf", "buf_len", "result.bufused");
    params("path_remove_directory", "fd", "path*");
    params("path_rename", "fd", "old_path*", "new_fd", "new_path*");
    params("path_symlink", "old_path*", "fd", "new_path*");
    params("path_unlink_file", "fd", "path*");
    params("poll_oneoff", "in", "out", "nsubscriptions", "result.nevents");
    params("proc_exit", "rval");
    params("proc_raise", "sig");
    params("sched_yield");
    params("random_get", "buf", "buf_len");
    params("sock_accept", "fd", "flags", "result.fd");
    params("sock_recv", "fd", "ri_data", "ri_data_len", "ri_flags", "result.ro_datalen", "result.ro_flags");
    params("sock_send", "fd", "si_data", "si_data_len", "si_flags", "result.so_datalen");
    params("sock_shutdown", "fd", "how");
  }

  // ---------------------------------------------------------------- guest memory

  /** A pointer and length in guest memory. */
  public record Ptr(long ptr, long len) {}

  public Instance instance() {
    return instance;
  }

  public Memory memory() {
    return instance.memory();
  }

  /** The size of guest memory in bytes. */
  public long memorySize() {
    Memory m = instance.memory();
    return m == null ? 0 : (long) m.pages() * Memory.PAGE_SIZE;
  }

  /** Reserves {@code n} zeroed scratch bytes, 8-aligned. */
  public long alloc(long n) {
    long p = next;
    next = (next + n + 7) & ~7L;
    checkState(next <= memorySize(), "scratch memory exhausted");
    return p;
  }

  /** Writes {@code bytes} to fresh scratch memory. */
  public Ptr bytes(byte[] bytes) {
    long p = alloc(Math.max(bytes.length, 1));
    write(p, bytes);
    return new Ptr(p, bytes.length);
  }

  /** Writes the UTF-8 bytes of {@code s} (no NUL) to fresh scratch memory. */
  public Ptr str(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes an iovec array of {@code (buf, len)} pairs, given as a flat list, to scratch memory. */
  public long iovecs(long... bufLenPairs) {
    checkArgument(bufLenPairs.length % 2 == 0, "pairs");
    long p = alloc(Math.max(4L * bufLenPairs.length, 8));
    for (int i = 0; i < bufLenPairs.length; i++) {
      putU32(p + 4L * i, bufLenPairs[i]);
    }
    return p;
  }

  public void write(long ptr, byte[] bytes) {
    memory().write((int) ptr, bytes);
  }

  public byte[] read(long ptr, long len) {
    return memory().readBytes((int) ptr, (int) len);
  }

  public String readString(long ptr, long len) {
    return new String(read(ptr, len), StandardCharsets.UTF_8);
  }

  public int u8(long ptr) {
    return memory().read((int) ptr) & 0xFF;
  }

  public int u16(long ptr) {
    return memory().readShort((int) ptr) & 0xFFFF;
  }

  public long u32(long ptr) {
    return memory().readInt((int) ptr) & 0xFFFF_FFFFL;
  }

  public long u64(long ptr) {
    return memory().readLong((int) ptr);
  }

  public void putU8(long ptr, int v) {
    memory().writeByte((int) ptr, (byte) v);
  }

  public void putU16(long ptr, int v) {
    memory().writeShort((int) ptr, (short) v);
  }

  public void putU32(long ptr, long v) {
    memory().writeI32((int) ptr, (int) v);
  }

  public void putU64(long ptr, long v) {
    memory().writeLong((int) ptr, v);
  }

  /** Fills {@code [ptr, ptr + len)} with {@code value}. */
  public void fill(long ptr, long len, int value) {
    byte[] b = new byte[(int) len];
    java.util.Arrays.fill(b, (byte) value);
    write(ptr, b);
  }

  // ---------------------------------------------------------------- run state

  public WasiConfig config() {
    return config;
  }

  public WasiContext context() {
    return context;
  }

  /** The descriptor at {@code fd}, or null. */
  public Descriptor descriptor(int fd) {
    return context.fds().table().find(fd);
  }

  /** How many descriptors are open. */
  public int openFds() {
    return context.fds().table().size();
  }

  public String stdout() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  public String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- fixture

  /** The memory volume of {@code /sandbox} (and {@code outside}). */
  public MemoryVolume volume() {
    return volume;
  }

  /** The directory preopened as {@code /sandbox}. */
  public DirectoryNode sandbox() {
    return sandbox;
  }

  /** The root of the volume holding {@code sandbox/} and {@code outside/}. */
  public DirectoryNode volumeRoot() {
    return volume.root();
  }

  /** The root of an extra preopen such as {@code /other}. */
  public DirectoryNode extra(String guestPath) {
    return checkNotNull(extraRoots.get(guestPath), "no preopen %s", guestPath);
  }

  /** The node at {@code path} under {@code root} (no final follow), or null. */
  public Node node(DirectoryNode root, String path) {
    Resolved r = vfs.resolver().walk(root, vfs.parse(path), false);
    return r.node();
  }

  /** Whether {@code path} names something under the sandbox (no final follow). */
  public boolean exists(String path) {
    return node(sandbox, path) != null;
  }

  /** Whether {@code path} names something under the volume root, e.g. {@code outside/pwned}. */
  public boolean existsInVolume(String path) {
    return node(volume.root(), path) != null;
  }

  /** The content of the file {@code path} under {@code root}. */
  public static String content(DirectoryNode root, String path) {
    Vfs v = Vfs.withDefaults();
    try (OpenFile f = v.open(root, v.parse(path), false, OpenFlags.NONE, true, false).file()) {
      ByteBuffer b = ByteBuffer.allocate((int) f.size());
      f.read(b, 0);
      return new String(b.array(), StandardCharsets.UTF_8);
    }
  }

  /** The content of the sandbox file {@code path}. */
  public String content(String path) {
    return content(sandbox, path);
  }

  /** The target of the sandbox symlink {@code path}. */
  public String linkTarget(String path) {
    Node n = node(sandbox, path);
    checkState(n != null && n.type() == FileType.SYMBOLIC_LINK, "%s is not a symlink", path);
    return ((SymlinkNode) n).target();
  }

  /** Plants a file with {@code content} under {@code root} (parents must exist). */
  public static void plantFile(DirectoryNode root, String path, String content) {
    Vfs v = Vfs.withDefaults();
    try (OpenFile f =
        v.open(root, v.parse(path), false, new OpenFlags(true, false, false, true), false, true)
            .file()) {
      f.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0);
    }
  }

  /** Plants a directory under {@code root}. */
  public static void plantDir(DirectoryNode root, String path) {
    Vfs v = Vfs.withDefaults();
    v.createDirectory(root, v.parse(path));
  }

  /**
   * Plants a symlink through the SPI, so that any target (absolute, escaping, empty) is stored
   * verbatim, as a host-planted link would be.
   */
  public static void plantSymlink(DirectoryNode root, String path, String target) {
    Vfs v = Vfs.withDefaults();
    Resolved r = v.resolver().walk(root, v.parse(path), false);
    checkState(r.node() == null, "%s exists", path);
    r.parent().createSymlink(r.name(), target);
  }

  public void file(String path, String content) {
    plantFile(sandbox, path, content);
  }

  public void dir(String path) {
    plantDir(sandbox, path);
  }

  public void symlink(String path, String target) {
    plantSymlink(sandbox, path, target);
  }

  private static void plantStandard(DirectoryNode volumeRoot) {
    plantDir(volumeRoot, "outside");
    plantFile(volumeRoot, "outside/secret.txt", SECRET);
    plantDir(volumeRoot, "outside/dir");
    plantDir(volumeRoot, "sandbox");
    DirectoryNode s = (DirectoryNode) Vfs.withDefaults().node(volumeRoot, GuestPath.parse("sandbox", PathLimits.DEFAULT), false);
    plantFile(s, "file", "hello");
    plantDir(s, "dir");
    plantDir(s, "dir/nested");
    plantFile(s, "dir/nested/file", "nested");
    plantSymlink(s, "dir/evil", "../../outside");
    plantDir(s, "a");
    plantDir(s, "a/b");
    plantDir(s, "empty");
    plantSymlink(s, "sym_file", "file");
    plantSymlink(s, "sym_dir", "dir");
    plantSymlink(s, "abs", "/etc/passwd");
    plantSymlink(s, "esc", "../outside");
    plantSymlink(s, "rel_out", "../outside/secret.txt");
    plantSymlink(s, "up", "..");
    plantSymlink(s, "loop", "loop");
    plantSymlink(s, "dangling", "newfile");
  }

  // ---------------------------------------------------------------- builder

  /** Options of a harness; each has a default that needs no setting. */
  public static final class Builder {
    private int pages = 1;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private GuestInput stdin = GuestInput.empty();
    private boolean stdinTerminal;
    private long stdoutLimit = Long.MAX_VALUE;
    private long stderrLimit = Long.MAX_VALUE;
    private long outputLimit = Long.MAX_VALUE;
    private GuestClock realtime = GuestClock.virtual(1_700_000_000_000_000_000L, 1_000, 1_000);
    private GuestClock monotonic = GuestClock.virtual(0, 1, 1);
    private GuestClock cpuTime = GuestClock.virtual(0, 1, 1);
    private RandomSource random = RandomSource.seeded(42);
    private PathLimits pathLimits = PathLimits.DEFAULT;
    private int maxOpenFiles = 64;
    private FdNumbering numbering = FdNumbering.LOWEST_FREE;
    private Quota quota = Quota.DEFAULT;
    private final Map<String, DirectoryNode> extraRoots = new LinkedHashMap<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private Consumer<WasiConfig.Builder> customizer = b -> {};
    private MemoryVolume volume;
    private DirectoryNode sandbox;

    private Builder() {}

    /** Pages of guest memory; -1 for a module without memory. */
    public Builder pages(int pages) {
      this.pages = pages;
      return this;
    }

    public Builder args(String... argv) {
      args.clear();
      args.addAll(List.of(argv));
      return this;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder stdin(byte[] bytes) {
      this.stdin = GuestInput.of(bytes);
      return this;
    }

    public Builder stdin(GuestInput input) {
      this.stdin = input;
      return this;
    }

    public Builder stdoutLimit(long limit) {
      this.stdoutLimit = limit;
      return this;
    }

    public Builder stderrLimit(long limit) {
      this.stderrLimit = limit;
      return this;
    }

    public Builder outputLimit(long limit) {
      this.outputLimit = limit;
      return this;
    }

    public Builder realtime(GuestClock c) {
      this.realtime = c;
      return this;
    }

    public Builder monotonic(GuestClock c) {
      this.monotonic = c;
      return this;
    }

    /** The CPU-time clocks; null withholds them. */
    public Builder cpuTime(GuestClock c) {
      this.cpuTime = c;
      return this;
    }

    public Builder random(RandomSource r) {
      this.random = r;
      return this;
    }

    public Builder pathLimits(PathLimits limits) {
      this.pathLimits = limits;
      return this;
    }

    public Builder maxOpenFiles(int max) {
      this.maxOpenFiles = max;
      return this;
    }

    public Builder numbering(FdNumbering numbering) {
      this.numbering = numbering;
      return this;
    }

    /** The quota of the sandbox's memory volume. */
    public Builder quota(Quota quota) {
      this.quota = quota;
      return this;
    }

    /** Adds {@code /other}: a second memory volume with {@code x = "other"}. */
    public Builder withOther() {
      MemoryVolume other = MemoryVolume.create();
      plantFile(other.root(), "x", "other");
      return preopen("/other", other.root());
    }

    /**
     * Adds {@code /ro}: a read-only view of a memory volume holding {@code r.txt = "readonly"},
     * {@code rdir/x = "x"} and {@code rlink -> "r.txt"}.
     */
    public Builder withReadOnly() {
      MemoryVolume backing = MemoryVolume.create();
      plantFile(backing.root(), "r.txt", "readonly");
      plantDir(backing.root(), "rdir");
      plantFile(backing.root(), "rdir/x", "x");
      plantSymlink(backing.root(), "rlink", "r.txt");
      return preopen("/ro", ReadOnlyVolume.view(backing.root()));
    }

    /** Adds a preopen at the next fd. */
    public Builder preopen(String guestPath, DirectoryNode dir) {
      extraRoots.put(guestPath, dir);
      return this;
    }

    /** Last-minute changes to the {@link WasiConfig.Builder}. */
    public Builder configure(Consumer<WasiConfig.Builder> c) {
      this.customizer = c;
      return this;
    }

    public HostHarness build() {
      volume = MemoryVolume.create(quota, () -> 1_600_000_000_000_000_000L);
      plantStandard(volume.root());
      sandbox = (DirectoryNode) Vfs.withDefaults().node(volume.root(), GuestPath.parse("sandbox", PathLimits.DEFAULT), false);
      return new HostHarness(this);
    }
  }
}
