package dev.wasibox.host.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.io.GuestInput;
import dev.wasibox.host.run.RunHarness;
import dev.wasibox.host.run.RunLimits;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.vfs.DirectoryNode;
import dev.wasibox.vfs.host.HostReadOnlyVolume;
import dev.wasibox.vfs.host.HostTreeSnapshot;
import dev.wasibox.vfs.memory.MemoryVolume;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that share the JVM, the compiled programs and even a host directory cannot see or disturb
 * each other. Rounds of six runs start together (a barrier), hostile and well-behaved mixed:
 * fs_attack, abi_attack, memfill_huge, mem_bomb, mem_catch, output_bomb and infinite loops next to
 * fsutil and files4k writers on their own memory volumes and on overlays of one shared host
 * directory, plus a reader of that directory mounted read-only. Every well-behaved run must print
 * and leave exactly what the same run printed and left when it ran alone; every hostile run must
 * end with its own verdict; the shared host directory must not change.
 *
 * <pre>
 * shared/                       lower layer of every overlay writer, and the read-only reader's mount
 *   seed.txt = "seed"
 *   dir/
 *     inner.txt = "inner"
 * </pre>
 */
class ParallelIsolationTest {
  private static final int THREADS = 6;
  private static final Tree SHARED =
      Tree.of(Tree.file("seed.txt", "seed"), Tree.dir("dir"), Tree.file("dir/inner.txt", "inner"));
  private static final RunLimits CALM =
      RunLimits.DEFAULT.withWallTime(Duration.ofSeconds(60)).withCpuTime(Duration.ofSeconds(60));
  private static final RunLimits TIGHT =
      new RunLimits(16L << 20, Duration.ofMillis(1500), Duration.ofMillis(1500), 64L << 20);

  /** What a run printed and left in its mount. */
  record Seen(RunResult result, String stdout, String stderr, String tree) {
    /** Everything but times: what "the same as alone" compares. */
    String observable() {
      return "verdict=" + result.verdict() + " exit=" + result.exitCode() + "\n--stdout\n" + stdout
          + "--stderr\n" + stderr + "--tree\n" + tree;
    }
  }

  /** A well-behaved writer: the mount it gets and the guest and arguments it runs. */
  private record Writer(String name, boolean overlay, String guest, List<String> args) {}

  private Path shared;

  private List<Writer> writers() {
    List<Writer> out = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      String dir = "/work/w" + k;
      String cmd =
          "mkdir-p " + dir + "/sub ; write " + dir + "/sub/f.txt data-" + k + " ; append " + dir
              + "/sub/f.txt +more ; cp " + dir + "/sub/f.txt " + dir + "/copy.txt ; mv " + dir
              + "/copy.txt " + dir + "/moved.txt ; ln-s sub/f.txt " + dir + "/link ; cat " + dir
              + "/link ; seek-test " + dir + "/seek.bin ; rm " + dir + "/seek.bin ; tree /work";
      out.add(new Writer("fsutil-memory-" + k, false, "fsutil", List.of(cmd.split(" "))));
      out.add(new Writer("fsutil-overlay-" + k, true, "fsutil", List.of(cmd.split(" "))));
    }
    out.add(new Writer("files4k-memory", false, "files4k", List.of("/work", "300")));
    out.add(new Writer("files4k-overlay", true, "files4k", List.of("/work", "300")));
    return out;
  }

  /** Runs {@code w} on a fresh mount of its own. */
  private Seen runWriter(Writer w) throws Exception {
    try (HostReadOnlyVolume lower = w.overlay() ? HostReadOnlyVolume.mount(shared) : null) {
      DirectoryNode root =
          w.overlay() ? OverlayVolume.create(lower.root()).root() : MemoryVolume.create().root();
      RunHarness.Run run = RunHarness.run(w.guest(), CALM, w.args(), b -> b.preopen("/work", root));
      return new Seen(run.result(), run.stdout(), run.stderr(), VfsTree.dump(root));
    }
  }

  /** A hostile run and the check of its own ending (null: it ended as it must). */
  private interface Hostile {
    String runAndCheck(Path scratch) throws Exception;
  }

  private static Hostile guest(String guest, RunLimits limits, List<String> args, Verdict verdict, Consumer<WasiConfig.Builder> c) {
    return scratch -> {
      RunHarness.Run run = RunHarness.run(guest, limits, args, c);
      return run.result().verdict() == verdict ? null : guest + " " + args + " ended " + run.result();
    };
  }

  private static Hostile fsAttack() {
    return scratch -> {
      FsAttackTest.Attack a = FsAttackTest.runFsAttack(scratch, List.of());
      List<String> bad = new ArrayList<>(a.problems());
      bad.addAll(a.outsideChanges());
      for (ExpectLine l : a.lines()) {
        if (!l.passes()) {
          bad.add(l.id() + " " + l.result());
        }
      }
      String out = a.run().stdout();
      return bad.isEmpty() && out.endsWith("END leaks=0 expect=leaks=0\n") ? null : "fs_attack: " + bad + " " + a.run().result();
    };
  }

  private static Hostile abiAttack() {
    return scratch -> {
      MemoryVolume v = MemoryVolume.create();
      RunHarness.Run run =
          RunHarness.run("abi_attack", CALM, List.of("all"), b -> b.preopen("/work", v.root())
              .stdin(GuestInput.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".getBytes(StandardCharsets.US_ASCII)), false));
      boolean ok = run.result().verdict() == Verdict.OK && run.result().exitCode() == 0 && run.stderr().isEmpty()
          && run.stdout().contains("\noverlap ok nread=32 iov=4142434445464748494a4b4c4d4e4f50 target=5152535455565758595a303132333435\n")
          && run.stdout().endsWith("edge.args_sizes_over errno=21\n");
      return ok ? null : "abi_attack ended " + run.result() + "\n" + run.stdout();
    };
  }

  private static Hostile readOnlyReader(Path shared) {
    return scratch -> {
      try (HostReadOnlyVolume ro = HostReadOnlyVolume.mount(shared)) {
        RunHarness.Run run =
            RunHarness.run("fsutil", CALM, List.of("tree /work ; cat /work/seed.txt ; write /work/x y".split(" ")),
                b -> b.preopen("/work", ro.root()));
        String want = "d dir\nf dir/inner.txt 5\nf seed.txt 4\nseed";
        String wantErr = "fsutil: write /work/x: Read-only file system (errno 69)\n";
        return want.equals(run.stdout()) && wantErr.equals(run.stderr()) ? null
            : "host-ro reader saw " + run.stdout() + " / " + run.stderr();
      }
    };
  }

  @Test
  void run_hostileAndWellBehavedGuestsAtOnce_eachWellBehavedRunIsAsIfAlone(@TempDir Path base)
      throws Exception {
    shared = Files.createDirectory(base.resolve("shared"));
    SHARED.plantOnHost(shared);
    HostTreeSnapshot sharedBefore = HostTreeSnapshot.of(shared);

    List<Writer> writers = writers();
    List<String> alone = new ArrayList<>();
    for (Writer w : writers) {
      Seen s = runWriter(w);
      assertEquals(Verdict.OK, s.result().verdict(), w.name() + " alone: " + s.result());
      assertEquals(0, s.result().exitCode(), w.name() + " alone: " + s.observable());
      alone.add(s.observable());
    }

    List<Hostile> hostile =
        List.of(
            fsAttack(),
            abiAttack(),
            guest("memfill_huge", CALM, List.of("fill"), Verdict.TRAP, b -> {}),
            guest("mem_bomb", TIGHT, List.of(), Verdict.MLE, b -> {}),
            guest("loop_br_if", TIGHT, List.of(), Verdict.TLE, b -> {}),
            readOnlyReader(shared),
            guest("memfill_huge", CALM, List.of("copy"), Verdict.TRAP, b -> {}),
            guest("mem_catch", TIGHT, List.of(), Verdict.MLE, b -> {}),
            guest("output_bomb", TIGHT, List.of(), Verdict.OLE, b -> b.outputLimit(1 << 16)),
            fsAttack(),
            guest("loop_br", TIGHT, List.of(), Verdict.TLE, b -> {}),
            guest("trap", CALM, List.of("stack"), Verdict.TRAP, b -> {}));

    // Rounds of THREADS tasks that start together: half writers, half hostile.
    List<Task> tasks = new ArrayList<>();
    int h = 0;
    for (int i = 0; i < writers.size(); i++) {
      int index = i;
      tasks.add(() -> {
        Seen s = runWriter(writers.get(index));
        return s.observable().equals(alone.get(index)) ? null
            : writers.get(index).name() + " differs from its run alone:\n" + s.observable() + "\n--- alone:\n" + alone.get(index);
      });
      if (h < hostile.size()) {
        Hostile x = hostile.get(h);
        Path scratch = Files.createDirectory(base.resolve("scratch" + h++));
        tasks.add(() -> x.runAndCheck(scratch));
      }
    }
    while (h < hostile.size()) {
      Hostile x = hostile.get(h);
      Path scratch = Files.createDirectory(base.resolve("scratch" + h++));
      tasks.add(() -> x.runAndCheck(scratch));
    }

    List<String> failures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int from = 0; from < tasks.size(); from += THREADS) {
        List<Task> round = tasks.subList(from, Math.min(tasks.size(), from + THREADS));
        CyclicBarrier start = new CyclicBarrier(round.size());
        List<Future<String>> futures = new ArrayList<>();
        for (Task t : round) {
          futures.add(pool.submit(() -> {
            start.await();
            return t.call();
          }));
        }
        for (Future<String> f : futures) {
          String failure = f.get();
          if (failure != null) {
            failures.add(failure);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), failures);
    sharedBefore.assertUnchanged();
  }

  /** One run and its check: null when it went as it must, else what went wrong. */
  private interface Task {
    String call() throws Exception;
  }
}
