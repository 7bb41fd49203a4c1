package dev.wasibox.fuzz.hostabi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasibox.capabilities.Errno;
import dev.wasibox.host.HostHarness;
import dev.wasibox.host.LimitExceededException;
import dev.wasibox.host.ProcExitException;
import dev.wasibox.vfs.FixtureTree;
import dev.wasibox.vfs.host.HostReadOnlyVolume;
import dev.wasibox.vfs.host.HostTreeSnapshot;
import dev.wasibox.vfs.overlay.OverlayVolume;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Calls every host function of both import modules directly, through the real handles, with
 * random arguments: pointers anywhere (inside, at the edge of and far beyond a two-page memory),
 * lengths up to 2^32-1 and beyond, counts, random fds (stdio, the preopens of a memory volume, a
 * read-only host directory and an overlay of another, closed and wild ones), random rights,
 * flags and whence values. Memory is pre-filled with small numbers so that iovecs, subscriptions
 * and paths point somewhere interesting. Properties, per call:
 *
 * <ul>
 *   <li>only an errno leaves the host, or {@link ProcExitException}/{@link LimitExceededException}
 *       (which end a run); with {@code failOnHostBug} any host bug fails the property;
 *   <li>a call that returns an error leaves guest memory exactly as it was;
 *   <li>no call allocates more than {@link #MAX_ALLOCATION} bytes of host heap;
 *   <li>after the whole sequence, the host directories are byte-for-byte, link-for-link and
 *       mtime-for-mtime what they were.
 * </ul>
 */
class HostAbiProperties {
  /** The most host heap one call may allocate: a few 64 KiB transfer chunks and bookkeeping. */
  static final long MAX_ALLOCATION = 8L << 20;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static Path base;
  private static Path sandbox;
  private static HostTreeSnapshot before;

  @BeforeContainer
  static void plant() throws Exception {
    base = Files.createTempDirectory("wasibox-hostabi");
    sandbox = FixtureTree.plantOnHost(base);
    before = HostTreeSnapshot.of(base);
  }

  @AfterContainer
  static void hostUnchanged() throws Exception {
    before.assertSameAs(HostTreeSnapshot.of(base));
  }

  @Provide
  Arbitrary<List<Call>> calls() {
    Arbitrary<Long> edges =
        Arbitraries.of(
            0L, 1L, 3L, 4L, 8L, 24L, 0x100L, 0xFFF8L, 0xFFFFL, 0x10000L, 0x1FFF8L, 0x1FFFFL, 0x20000L,
            0x20001L, 0x7FFF_FFF0L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFF0L, 0xFFFF_FFFFL,
            0x1_0000_0000L, -1L, Long.MIN_VALUE, Long.MAX_VALUE);
    Arbitrary<Long> paths = Arbitraries.of(PATHS).map(p -> PATH_AREA + 64L * java.util.Arrays.asList(PATHS).indexOf(p));
    Arbitrary<Long> arg =
        Arbitraries.frequencyOf(
            Tuple.of(3, edges),
            // fds: stdio, the four preopens (3 to 6) and what path_open hands out next
            Tuple.of(8, Arbitraries.longs().between(0, 9)),
            Tuple.of(4, Arbitraries.longs().between(0, 32)),
            Tuple.of(3, paths),
            Tuple.of(3, Arbitraries.longs().between(0, 0x20000)),
            Tuple.of(1, Arbitraries.longs()));
    Arbitrary<Call> call =
        Combinators.combine(
                Arbitraries.integers().between(0, 1 << 16),
                arg.list().ofSize(9).map(l -> l.stream().mapToLong(Long::longValue).toArray()))
            .as(Call::new);
    return call.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 150)
  void hostFunctions_randomCalls_errnoOnlyNoMemoryChangeOnErrorBoundedAllocation(
      @ForAll("calls") List<Call> calls, @ForAll long fillSeed) throws Exception {
    try (HostReadOnlyVolume hostRo = HostReadOnlyVolume.mount(sandbox);
        HostReadOnlyVolume lower = HostReadOnlyVolume.mount(sandbox)) {
      HostHarness h =
          HostHarness.builder()
              .pages(2)
              .withOther()
              .preopen("/host", hostRo.root())
              .preopen("/ov", OverlayVolume.create(lower.root()).root())
              .stdoutLimit(1 << 16)
              .maxOpenFiles(32)
              .build();
      List<HostFunction> fns =
          h.functions().stream().sorted(Comparator.comparing(f -> f.module() + "." + f.name())).toList();
      fill(h, fillSeed);
      for (Call c : calls) {
        HostFunction f = fns.get(c.function() % fns.size());
        long[] args = Arrays.copyOf(c.args(), f.paramTypes().size());
        for (int i = 0; i < args.length; i++) {
          if (f.paramTypes().get(i).equals(ValType.I32)) {
            args[i] &= 0xFFFF_FFFFL;
          }
        }
        if (!invoke(h, f, args)) {
          break;
        }
      }
    }
  }

  /** Makes one call and checks it; returns false once the run has ended. */
  private static boolean invoke(HostHarness h, HostFunction f, long[] args) {
    String what = f.module() + "." + f.name() + Arrays.toString(args);
    byte[] memoryBefore = h.read(0, h.memorySize());
    long thread = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
    long[] result;
    try {
      result = f.handle().apply(h.instance(), args);
    } catch (ProcExitException | LimitExceededException ended) {
      Statistics.collect(f.name(), ended.getClass().getSimpleName());
      return false;
    }
    long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
    assertTrue(allocated <= MAX_ALLOCATION, what + " allocated " + allocated + " bytes");
    assertTrue(result != null && result.length == 1 && result[0] >= 0 && result[0] <= 76, what + " returned " + Arrays.toString(result));
    Errno errno = Errno.fromCode((int) result[0]);
    Statistics.collect(f.name(), errno.name());
    if (errno != Errno.SUCCESS) {
      assertArrayEquals(memoryBefore, h.read(0, h.memorySize()), what + " failed with " + errno + " but changed guest memory");
    }
    return true;
  }

  /** Where the path strings sit in guest memory, one every 64 bytes. */
  static final long PATH_AREA = 0x1000;

  /** Paths that reach into the fixture, escape it, loop, or are malformed. */
  static final String[] PATHS = {
    "file", "dir", "dir/nested/file", ".", "..", "../outside/secret.txt", "esc/secret.txt", "rel_out",
    "abs", "loop", "s0", "dir/link1/secret.txt", "new", "dir/new", "a/b/e", "sym_dir/", "file/", "x\0y",
    "dangling", "dangling_out", "up/x", "k0/file", "to_dir_slash", "a/up/file"
  };

  /**
   * Small numbers that look like fds, lengths and pointers, so structures point somewhere; then
   * the path strings at {@link #PATH_AREA} (a length argument picks how much of one is read).
   */
  private static void fill(HostHarness h, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (long p = 0; p + 4 <= h.memorySize(); p += 4) {
      h.putU32(p, r.nextInt(8) == 0 ? r.nextInt() & 0xFFFF_FFFFL : r.nextInt(64));
    }
    for (int i = 0; i < PATHS.length; i++) {
      h.write(PATH_AREA + 64L * i, PATHS[i].replace("\\0", "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
