package dev.wasibox.host;

import static org.junit.jupiter.api.Assertions.fail;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random garbage arguments to every host function of both modules, through the real handles: a
 * host function may return any errno, or end the run with {@link ProcExitException} or {@link
 * LimitExceededException}, and nothing else (with {@code failOnHostBug} a host bug surfaces as
 * {@link IllegalStateException}). A small deterministic loop; {@code fuzz/} runs the big one.
 */
class HostFunctionGarbageTest {
  private static final int ROUNDS = 150;

  /** Values that sit on the edges a host function must survive. */
  private static long interesting(SplittableRandom r, long memSize, boolean i64) {
    long[] edges = {
      0, 1, 2, 3, 4, 7, 8, 0x100, memSize - 1, memSize, memSize - 8, memSize + 1, 0x7FFF_FFF0L, 0x7FFF_FFFFL,
      0x8000_0000L, 0xFFFF_FFF0L, 0xFFFF_FFFFL, -1L, Integer.MIN_VALUE, Integer.MAX_VALUE
    };
    return switch (r.nextInt(4)) {
      case 0 -> edges[r.nextInt(edges.length)];
      case 1 -> r.nextLong(Math.max(1, memSize));
      case 2 -> i64 ? r.nextLong() : r.nextInt();
      default -> i64 ? (r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : (r.nextInt() & 0xFFFF_FFFFL);
    };
  }

  private static void hammer(HostHarness.Builder builder, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    HostHarness h = builder.build();
    List<HostFunction> fns =
        h.functions().stream().sorted(Comparator.comparing(f -> f.module() + "." + f.name())).toList();
    // Fill memory with plausible structures: small numbers that look like fds, lengths and
    // pointers, so that iovecs and subscriptions point somewhere interesting.
    long size = h.memorySize();
    for (long p = 0; p + 4 <= size; p += 4) {
      h.putU32(p, r.nextInt(8) == 0 ? r.nextInt() : r.nextInt(64));
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (HostFunction f : fns) {
        long[] args = new long[f.paramTypes().size()];
        for (int i = 0; i < args.length; i++) {
          args[i] = interesting(r, size, f.paramTypes().get(i).equals(ValType.I64));
        }
        try {
          long[] result = f.handle().apply(h.instance(), args);
          if (!f.name().equals("proc_exit") && (result == null || result.length != 1 || result[0] < 0 || result[0] > 76)) {
            fail(f.module() + "." + f.name() + " returned " + java.util.Arrays.toString(result));
          }
        } catch (ProcExitException | LimitExceededException expected) {
          // Ends a run; the host survives.
        } catch (RuntimeException | Error e) {
          throw new AssertionError(
              f.module() + "." + f.name() + java.util.Arrays.toString(args) + " (seed " + seed + ", round " + round + ")", e);
        }
      }
    }
  }

  @Test
  void everyFunction_garbageArguments_onlyErrnoOrRunEndingExceptions() {
    for (long seed = 1; seed <= 4; seed++) {
      hammer(HostHarness.builder().pages(1).withOther().withReadOnly().stdoutLimit(1 << 16).maxOpenFiles(32), seed);
    }
  }

  @Test
  void everyFunction_garbageArguments_moduleWithoutMemory() {
    hammer(HostHarness.builder().pages(-1), 99);
  }

  @Test
  void everyFunction_garbageArguments_zeroPageMemory() {
    hammer(HostHarness.builder().pages(0), 7);
  }
}
