package dev.wasibox.bench;

import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.WasmProgram;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Memory held per concurrent run beyond the guest's linear memory. K runs of one compiled module
 * (hello by default) are held in flight at once: each blocks in its first {@code fd_write} (the
 * stdout sink waits on a latch), i.e. after instantiation, with its instance, memory, descriptors
 * and threads alive. Then, after a full GC, it compares with the idle state:
 *
 * <ul>
 *   <li>Java heap retained (MemoryMXBean, after System.gc()), per run;
 *   <li>thread stacks actually committed (Native Memory Tracking, which measures stack pages with
 *       mincore), per run: the guest thread and the thread that waits for it;
 *   <li>the guest's linear memory (its pages x 64 KiB), which is subtracted.
 * </ul>
 *
 * <pre>java -XX:NativeMemoryTracking=summary -cp bench.jar dev.wasibox.bench.MemoryPerRun [K] [GUEST]</pre>
 *
 * Prints one line of {@code key=value} pairs (bytes) for bench/run.sh.
 */
public final class MemoryPerRun {
  private MemoryPerRun() {}

  public static void main(String[] argv) throws Exception {
    int k = argv.length > 0 ? Integer.parseInt(argv[0]) : 100;
    String guest = argv.length > 1 ? argv[1] : "hello";
    WasmProgram program = WasmProgram.load(Guests.bytes(guest));
    RunLimits limits = RunLimits.DEFAULT;
    long linear = 0;
    for (int i = 0; i < 20; i++) {
      RunResult r = program.run(config(guest, OutputStream.nullOutputStream()), limits);
      linear = r.peakMemoryBytes();
    }
    Snapshot idle = Snapshot.take();

    CountDownLatch blocked = new CountDownLatch(k);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      OutputStream sink = new BlockingSink(blocked, release);
      Thread t = new Thread(() -> program.run(config(guest, sink), limits), "caller-" + i);
      t.start();
      callers.add(t);
    }
    blocked.await();
    Snapshot busy = Snapshot.take();
    release.countDown();
    for (Thread t : callers) {
      t.join();
    }
    long heap = (busy.heap - idle.heap) / k;
    long stacks = (busy.stacks - idle.stacks) / k;
    long overhead = heap - linear + stacks;
    System.out.printf(
        "guest=%s runs=%d heap_per_run=%d linear_per_run=%d stacks_per_run=%d overhead_per_run=%d threads_per_run=%.1f nmt=%s%n",
        guest, k, heap, linear, stacks, overhead, (busy.threads - idle.threads) / (double) k, busy.stacks >= 0);
  }

  private static WasiConfig config(String guest, OutputStream out) {
    List<String> argv = new ArrayList<>();
    argv.add(guest);
    argv.addAll(Guests.args(guest));
    return WasiConfig.builder().args(argv).stdout(out, Long.MAX_VALUE, false).build();
  }

  /** A stdout that signals on its first write and then waits to be released. */
  private static final class BlockingSink extends OutputStream {
    private final CountDownLatch blocked;
    private final CountDownLatch release;
    private boolean signalled;

    BlockingSink(CountDownLatch blocked, CountDownLatch release) {
      this.blocked = blocked;
      this.release = release;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (!signalled) {
        signalled = true;
        blocked.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private record Snapshot(long heap, long stacks, int threads) {
    static Snapshot take() throws Exception {
      MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
      long heap = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(50);
        heap = Math.min(heap, mem.getHeapMemoryUsage().getUsed());
      }
      return new Snapshot(heap, threadStacksCommitted(), Thread.activeCount());
    }
  }

  /** Committed thread-stack bytes from NMT, or -1 without -XX:NativeMemoryTracking. */
  static long threadStacksCommitted() throws Exception {
    Object out;
    try {
      out = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"),
          "vmNativeMemory",
          new Object[] {new String[] {"summary"}},
          new String[] {String[].class.getName()});
    } catch (Exception e) {
      return -1;
    }
    // "-  Thread (reserved=...KB, committed=...KB)" then "(stack: reserved=...KB, committed=...KB)"
    Matcher m = Pattern.compile("\\(stack: reserved=(\\d+)KB, committed=(\\d+)KB\\)").matcher(String.valueOf(out));
    return m.find() ? Long.parseLong(m.group(2)) * 1024 : -1;
  }

  static long rss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return -1;
  }
}
