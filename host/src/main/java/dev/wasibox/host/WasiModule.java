package dev.wasibox.host;

import static com.google.common.base.Preconditions.checkNotNull;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasibox.host.syscalls.ArgsSyscalls;
import dev.wasibox.host.syscalls.ClockSyscalls;
import dev.wasibox.host.syscalls.FdIoSyscalls;
import dev.wasibox.host.syscalls.FdReaddir;
import dev.wasibox.host.syscalls.FdSyscalls;
import dev.wasibox.host.syscalls.PathOpen;
import dev.wasibox.host.syscalls.PathSyscalls;
import dev.wasibox.host.syscalls.PollSyscalls;
import dev.wasibox.host.syscalls.ProcSyscalls;
import dev.wasibox.host.syscalls.RandomSyscalls;
import dev.wasibox.host.syscalls.SchedSyscalls;
import dev.wasibox.host.syscalls.SockSyscalls;
import java.util.ArrayList;
import java.util.List;

/**
 * Registration only: the host functions of {@code wasi_snapshot_preview1} and {@code
 * wasi_unstable}, in spec order, each decoding its raw arguments (unsigned where the spec says so)
 * and calling one method of a syscall family. Every body runs inside {@link SyscallAdapter}.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/v0.2.1/legacy/preview1/docs.md">preview1</a>
 */
public final class WasiModule {
  private static final ValType I32 = ValType.I32;
  private static final ValType I64 = ValType.I64;

  private final WasiContext context;
  private final SyscallAdapter adapter;
  private final ArgsSyscalls args;
  private final ClockSyscalls clocks;
  private final FdSyscalls fd;
  private final FdIoSyscalls io;
  private final FdReaddir readdir;
  private final PathSyscalls path;
  private final PathOpen open;
  private final PollSyscalls poll;
  private final ProcSyscalls proc;
  private final RandomSyscalls random;
  private final SchedSyscalls sched;
  private final SockSyscalls sock;

  /**
   * @param failOnHostBug rethrow unexpected host exceptions instead of returning {@code EIO}
   *     (tests)
   */
  public WasiModule(WasiContext context, boolean failOnHostBug) {
    this.context = checkNotNull(context);
    this.adapter = new SyscallAdapter(context, failOnHostBug);
    this.args = new ArgsSyscalls(context);
    this.clocks = new ClockSyscalls(context);
    this.fd = new FdSyscalls(context);
    this.io = new FdIoSyscalls(context);
    this.readdir = new FdReaddir(context);
    this.path = new PathSyscalls(context);
    this.open = new PathOpen(context);
    this.poll = new PollSyscalls(context);
    this.proc = new ProcSyscalls();
    this.random = new RandomSyscalls(context);
    this.sched = new SchedSyscalls();
    this.sock = new SockSyscalls(context);
  }

  public WasiContext context() {
    return context;
  }

  /** The host functions of both modules, to add to Chicory's {@code ImportValues}. */
  public List<HostFunction> functions() {
    List<HostFunction> out = new ArrayList<>();
    register(out, Abi.PREVIEW1);
    register(out, Abi.SNAPSHOT0);
    return out;
  }

  private static int s32(long v) {
    return (int) v;
  }

  private static long u32(long v) {
    return v & 0xFFFF_FFFFL;
  }

  private void register(List<HostFunction> out, Abi abi) {
    String m = abi.moduleName();
    out.add(fn(m, "args_get", List.of(I32, I32), (g, a) -> args.argsGet(g, u32(a[0]), u32(a[1]))));
    out.add(fn(m, "args_sizes_get", List.of(I32, I32), (g, a) -> args.argsSizesGet(g, u32(a[0]), u32(a[1]))));
    out.add(fn(m, "environ_get", List.of(I32, I32), (g, a) -> args.environGet(g, u32(a[0]), u32(a[1]))));
    out.add(fn(m, "environ_sizes_get", List.of(I32, I32), (g, a) -> args.environSizesGet(g, u32(a[0]), u32(a[1]))));
    out.add(fn(m, "clock_res_get", List.of(I32, I32), (g, a) -> clocks.clockResGet(g, s32(a[0]), u32(a[1]))));
    out.add(fn(m, "clock_time_get", List.of(I32, I64, I32), (g, a) -> clocks.clockTimeGet(g, s32(a[0]), a[1], u32(a[2]))));
    out.add(fn(m, "fd_advise", List.of(I32, I64, I64, I32), (g, a) -> fd.fdAdvise(s32(a[0]), a[1], a[2], s32(a[3]))));
    out.add(fn(m, "fd_allocate", List.of(I32, I64, I64), (g, a) -> fd.fdAllocate(s32(a[0]), a[1], a[2])));
    out.add(fn(m, "fd_close", List.of(I32), (g, a) -> fd.fdClose(s32(a[0]))));
    out.add(fn(m, "fd_datasync", List.of(I32), (g, a) -> fd.fdDatasync(s32(a[0]))));
    out.add(fn(m, "fd_fdstat_get", List.of(I32, I32), (g, a) -> fd.fdFdstatGet(g, s32(a[0]), u32(a[1]))));
    out.add(fn(m, "fd_fdstat_set_flags", List.of(I32, I32), (g, a) -> fd.fdFdstatSetFlags(s32(a[0]), s32(a[1]))));
    out.add(fn(m, "fd_fdstat_set_rights", List.of(I32, I64, I64), (g, a) -> fd.fdFdstatSetRights(s32(a[0]), a[1], a[2])));
    out.add(fn(m, "fd_filestat_get", List.of(I32, I32), (g, a) -> fd.fdFilestatGet(g, s32(a[0]), u32(a[1]), abi)));
    out.add(fn(m, "fd_filestat_set_size", List.of(I32, I64), (g, a) -> fd.fdFilestatSetSize(s32(a[0]), a[1])));
    out.add(fn(m, "fd_filestat_set_times", List.of(I32, I64, I64, I32), (g, a) -> fd.fdFilestatSetTimes(s32(a[0]), a[1], a[2], s32(a[3]))));
    out.add(fn(m, "fd_pread", List.of(I32, I32, I32, I64, I32), (g, a) -> io.fdPread(g, s32(a[0]), u32(a[1]), u32(a[2]), a[3], u32(a[4]))));
    out.add(fn(m, "fd_prestat_get", List.of(I32, I32), (g, a) -> fd.fdPrestatGet(g, s32(a[0]), u32(a[1]))));
    out.add(fn(m, "fd_prestat_dir_name", List.of(I32, I32, I32), (g, a) -> fd.fdPrestatDirName(g, s32(a[0]), u32(a[1]), u32(a[2]))));
    out.add(fn(m, "fd_pwrite", List.of(I32, I32, I32, I64, I32), (g, a) -> io.fdPwrite(g, s32(a[0]), u32(a[1]), u32(a[2]), a[3], u32(a[4]))));
    out.add(fn(m, "fd_read", List.of(I32, I32, I32, I32), (g, a) -> io.fdRead(g, s32(a[0]), u32(a[1]), u32(a[2]), u32(a[3]))));
    out.add(fn(m, "fd_readdir", List.of(I32, I32, I32, I64, I32), (g, a) -> readdir.fdReaddir(g, s32(a[0]), u32(a[1]), u32(a[2]), a[3], u32(a[4]))));
    out.add(fn(m, "fd_renumber", List.of(I32, I32), (g, a) -> fd.fdRenumber(s32(a[0]), s32(a[1]))));
    out.add(fn(m, "fd_seek", List.of(I32, I64, I32, I32), (g, a) -> io.fdSeek(g, s32(a[0]), a[1], abi.whence(s32(a[2]) & 0xFF), u32(a[3]))));
    out.add(fn(m, "fd_sync", List.of(I32), (g, a) -> fd.fdSync(s32(a[0]))));
    out.add(fn(m, "fd_tell", List.of(I32, I32), (g, a) -> io.fdTell(g, s32(a[0]), u32(a[1]))));
    out.add(fn(m, "fd_write", List.of(I32, I32, I32, I32), (g, a) -> io.fdWrite(g, s32(a[0]), u32(a[1]), u32(a[2]), u32(a[3]))));
    out.add(fn(m, "path_create_directory", List.of(I32, I32, I32), (g, a) -> path.pathCreateDirectory(g, s32(a[0]), u32(a[1]), u32(a[2]))));
    out.add(fn(m, "path_filestat_get", List.of(I32, I32, I32, I32, I32), (g, a) -> path.pathFilestatGet(g, s32(a[0]), s32(a[1]), u32(a[2]), u32(a[3]), u32(a[4]), abi)));
    out.add(fn(m, "path_filestat_set_times", List.of(I32, I32, I32, I32, I64, I64, I32), (g, a) -> path.pathFilestatSetTimes(g, s32(a[0]), s32(a[1]), u32(a[2]), u32(a[3]), a[4], a[5], s32(a[6]))));
    out.add(fn(m, "path_link", List.of(I32, I32, I32, I32, I32, I32, I32), (g, a) -> path.pathLink(g, s32(a[0]), s32(a[1]), u32(a[2]), u32(a[3]), s32(a[4]), u32(a[5]), u32(a[6]))));
    out.add(fn(m, "path_open", List.of(I32, I32, I32, I32, I32, I64, I64, I32, I32), (g, a) -> open.pathOpen(g, s32(a[0]), s32(a[1]), u32(a[2]), u32(a[3]), s32(a[4]), a[5], a[6], s32(a[7]), u32(a[8]))));
    out.add(fn(m, "path_readlink", List.of(I32, I32, I32, I32, I32, I32), (g, a) -> path.pathReadlink(g, s32(a[0]), u32(a[1]), u32(a[2]), u32(a[3]), u32(a[4]), u32(a[5]))));
    out.add(fn(m, "path_remove_directory", List.of(I32, I32, I32), (g, a) -> path.pathRemoveDirectory(g, s32(a[0]), u32(a[1]), u32(a[2]))));
    out.add(fn(m, "path_rename", List.of(I32, I32, I32, I32, I32, I32), (g, a) -> path.pathRename(g, s32(a[0]), u32(a[1]), u32(a[2]), s32(a[3]), u32(a[4]), u32(a[5]))));
    out.add(fn(m, "path_symlink", List.of(I32, I32, I32, I32, I32), (g, a) -> path.pathSymlink(g, u32(a[0]), u32(a[1]), s32(a[2]), u32(a[3]), u32(a[4]))));
    out.add(fn(m, "path_unlink_file", List.of(I32, I32, I32), (g, a) -> path.pathUnlinkFile(g, s32(a[0]), u32(a[1]), u32(a[2]))));
    out.add(fn(m, "poll_oneoff", List.of(I32, I32, I32, I32), (g, a) -> poll.pollOneoff(g, u32(a[0]), u32(a[1]), u32(a[2]), u32(a[3]), abi)));
    out.add(new HostFunction(m, "proc_exit", FunctionType.of(List.of(I32), List.of()), (inst, a) -> procExit(a)));
    out.add(fn(m, "proc_raise", List.of(I32), (g, a) -> proc.procRaise(s32(a[0]))));
    out.add(fn(m, "sched_yield", List.of(), (g, a) -> sched.schedYield()));
    out.add(fn(m, "random_get", List.of(I32, I32), (g, a) -> random.randomGet(g, u32(a[0]), u32(a[1]))));
    if (abi == Abi.PREVIEW1) {
      out.add(fn(m, "sock_accept", List.of(I32, I32, I32), (g, a) -> sock.sockAccept(g, s32(a[0]), s32(a[1]), u32(a[2]))));
    }
    out.add(fn(m, "sock_recv", List.of(I32, I32, I32, I32, I32, I32), (g, a) -> sock.sockRecv(g, s32(a[0]), u32(a[1]), u32(a[2]), s32(a[3]), u32(a[4]), u32(a[5]))));
    out.add(fn(m, "sock_send", List.of(I32, I32, I32, I32, I32), (g, a) -> sock.sockSend(g, s32(a[0]), u32(a[1]), u32(a[2]), s32(a[3]), u32(a[4]))));
    out.add(fn(m, "sock_shutdown", List.of(I32, I32), (g, a) -> sock.sockShutdown(s32(a[0]), s32(a[1]))));
  }

  /** {@code proc_exit} returns no errno, so it bypasses the adapter; it is still traced. */
  private long[] procExit(long[] a) {
    SyscallTracer tracer = context.tracer();
    if (tracer != null) {
      tracer.enter("proc_exit", a);
    }
    return proc.procExit(s32(a[0]));
  }

  private HostFunction fn(String module, String name, List<ValType> params, Syscall body) {
    return adapter.function(module, name, params, body);
  }
}
