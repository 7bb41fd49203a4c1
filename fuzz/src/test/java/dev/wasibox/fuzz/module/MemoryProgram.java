package dev.wasibox.fuzz.module;

import dev.wasibox.host.run.Verdict;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Template: a memory with random limits, then a random sequence of loads, stores, {@code
 * memory.grow}, {@code memory.size}, {@code memory.fill} and {@code memory.copy} with addresses,
 * offsets and lengths around page boundaries and at the ends of the u32 range (0x7FFFFFF0,
 * 0xFFFFFFFF: Chicory 1.7.5 overflows on these, notes/chicory-1.7.5.md 3.4), then {@code
 * proc_exit} with the i32 at a final address. A reference keeps the memory's size and bytes and
 * says where the spec traps, what each grow returns, and the exit value.
 *
 * <p>The run's cap is {@link ModuleHarness#LIMITS} (16 MiB, 256 pages): an initial size above it
 * is {@code MLE}; a grow above it is refused ({@code -1}), as one above the module's own maximum.
 *
 * @param minPages the declared initial size
 * @param maxPages the declared maximum, or -1 for none
 * @param ops the steps
 * @param finalAddress where the exit value is loaded from
 */
record MemoryProgram(int minPages, long maxPages, List<MemoryProgram.Op> ops, int finalAddress) {
  static final long PAGE = 65536;
  static final int CAP_PAGES = 256;

  /** One memory instruction with constant operands (u32 values held in ints). */
  record Op(String name, int a, int b, int c) {
    @Override
    public String toString() {
      return "new MemoryProgram.Op(\"" + name + "\", " + hex(a) + ", " + hex(b) + ", " + hex(c) + ")";
    }
  }

  private static String hex(int v) {
    return v >= 0 && v < 10 ? String.valueOf(v) : "0x" + Integer.toHexString(v);
  }

  private static final int[] ADDRESSES = {0, 1, 0x100, 65532, 65535, 65536, 131068, 131072, 16 * 65536 - 4, 0x7FFFFFF0, -1, -4};
  private static final int[] OFFSETS = {0, 1, 4, 65535, 65536, 0x7FFFFFFF, -1};
  private static final int[] LENGTHS = {0, 1, 4, 100, 65536, 0x7FFFFFF0, -1, 0x80000000};
  private static final int[] DELTAS = {0, 1, 2, 100, 255, 256, 300, 65536, -1};

  static Arbitrary<MemoryProgram> programs() {
    // Addresses right at the page boundaries (k pages, give or take a few bytes), and the
    // special ones; small lengths around the same edges, and the huge ones.
    Arbitrary<Integer> boundary =
        Combinators.combine(Arbitraries.of(0, 1, 2, 3), Arbitraries.of(-8, -4, -2, -1, 0, 1))
            .as((k, d) -> k * 65536 + d);
    Arbitrary<Integer> addr =
        Arbitraries.frequencyOf(Tuple.of(2, boundary), Tuple.of(1, Arbitraries.of(Arrays.stream(ADDRESSES).boxed().toList())));
    Arbitrary<Integer> off = Arbitraries.of(Arrays.stream(OFFSETS).boxed().toList());
    Arbitrary<Integer> len =
        Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(0, 1, 2, 4, 8)), Tuple.of(1, Arbitraries.of(Arrays.stream(LENGTHS).boxed().toList())));
    Arbitrary<Integer> delta = Arbitraries.of(Arrays.stream(DELTAS).boxed().toList());
    Arbitrary<Integer> value = Arbitraries.of(0, 0x5A, -1, 0x12345678);
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            Tuple.of(4, Combinators.combine(Arbitraries.of("i32.store", "i64.store", "i32.store8"), addr, off, value).as((n, a, o, v) -> new Op(n, a, o, v))),
            Tuple.of(3, Combinators.combine(Arbitraries.of("i32.load", "i64.load", "i32.load8_u"), addr, off).as((n, a, o) -> new Op(n, a, o, 0))),
            Tuple.of(2, delta.map(d -> new Op("memory.grow", d, 0, 0))),
            Tuple.of(1, Arbitraries.just(new Op("memory.size", 0, 0, 0))),
            Tuple.of(3, Combinators.combine(addr, value, len).as((d, v, n) -> new Op("memory.fill", d, v, n))),
            Tuple.of(3, Combinators.combine(addr, addr, len).as((d, s, n) -> new Op("memory.copy", d, s, n))));
    Arbitrary<Integer> min = Arbitraries.frequency(Tuple.of(5, 1), Tuple.of(2, 0), Tuple.of(2, 2), Tuple.of(1, 256), Tuple.of(1, 257));
    Arbitrary<Long> max = Arbitraries.of(-1L, 0L, 1L, 3L, 256L, 300L, 65536L);
    // Few steps, and mostly an in-bounds final load: a trap must come from the step under test,
    // not from whatever followed it, for the reference to be checked at that step.
    Arbitrary<Integer> last = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(0, 4, 0x100)), Tuple.of(1, addr));
    return Combinators.combine(min, max, op.list().ofMaxSize(6), last)
        .as((lo, hi, ops, fin) -> new MemoryProgram(lo, hi < 0 ? -1 : Math.max(hi, lo), ops, fin))
        .withoutEdgeCases();
  }

  byte[] module() {
    WasmWriter w = new WasmWriter();
    int exitType = w.type(new byte[] {WasmWriter.I32}, new byte[0]);
    int startType = w.type(new byte[0], new byte[0]);
    int procExit = w.importFunction("wasi_snapshot_preview1", "proc_exit", exitType);
    w.memory(minPages, maxPages);
    Code c = new Code();
    for (Op op : ops) {
      switch (op.name()) {
        case "i32.store" -> c.i32Const(op.a()).i32Const(op.c()).memory(0x36, 2, Integer.toUnsignedLong(op.b()));
        case "i64.store" -> c.i32Const(op.a()).i64Const(op.c()).memory(0x37, 3, Integer.toUnsignedLong(op.b()));
        case "i32.store8" -> c.i32Const(op.a()).i32Const(op.c()).memory(0x3A, 0, Integer.toUnsignedLong(op.b()));
        case "i32.load" -> c.i32Const(op.a()).memory(0x28, 2, Integer.toUnsignedLong(op.b())).op(0x1A);
        case "i64.load" -> c.i32Const(op.a()).memory(0x29, 3, Integer.toUnsignedLong(op.b())).op(0x1A);
        case "i32.load8_u" -> c.i32Const(op.a()).memory(0x2D, 0, Integer.toUnsignedLong(op.b())).op(0x1A);
        case "memory.grow" -> c.i32Const(0).i32Const(op.a()).memoryGrow().memory(0x36, 2, 0);
        case "memory.size" -> c.memorySize().op(0x1A);
        case "memory.fill" -> c.i32Const(op.a()).i32Const(op.b()).i32Const(op.c()).memoryFill();
        case "memory.copy" -> c.i32Const(op.a()).i32Const(op.b()).i32Const(op.c()).memoryCopy();
        default -> throw new IllegalStateException(op.name());
      }
    }
    c.i32Const(finalAddress).memory(0x28, 2, 0).call(procExit);
    int start = w.function(startType, new byte[0], c);
    w.exportFunction("_start", start);
    return w.toBytes();
  }

  /**
   * What the spec says: a store to {@code memory.grow}'s result is folded in (each grow writes
   * what it returned to address 0, so that its result is observable, and traps if the memory is
   * empty). The verdict rules are wasibox's (Verdict: MLE is "needed more memory than its cap"):
   * an initial size over the cap is MLE; so is a trap or a non-zero exit after a grow that asked
   * for more pages in all than the cap, unless a maximum the module declares (below 65536 pages)
   * refused it too: then the run ends as it would anywhere else.
   */
  Expected expected() {
    if (minPages > CAP_PAGES) {
      return new Expected(Verdict.MLE, -1, "initial " + minPages + " pages over the cap");
    }
    long limit = Math.min(maxPages < 0 ? 65536 : maxPages, CAP_PAGES);
    byte[] mem = new byte[(int) (minPages * PAGE)];
    boolean capRefused = false;
    try {
      for (Op op : ops) {
        long a = Integer.toUnsignedLong(op.a());
        long b = Integer.toUnsignedLong(op.b());
        long n = Integer.toUnsignedLong(op.c());
        switch (op.name()) {
          case "i32.store" -> store(mem, a + b, op.c(), 4);
          case "i64.store" -> store(mem, a + b, op.c(), 8);
          case "i32.store8" -> store(mem, a + b, op.c(), 1);
          case "i32.load" -> check(mem, a + b, 4);
          case "i64.load" -> check(mem, a + b, 8);
          case "i32.load8_u" -> check(mem, a + b, 1);
          case "memory.grow" -> {
            long pages = mem.length / PAGE;
            long wanted = pages + a;
            int result;
            if (wanted <= limit) {
              mem = Arrays.copyOf(mem, (int) (wanted * PAGE));
              result = (int) pages;
            } else {
              result = -1;
              boolean ownMaximumRefused = maxPages >= 0 && maxPages < 65536 && wanted > maxPages;
              capRefused |= wanted > CAP_PAGES && !ownMaximumRefused;
            }
            store(mem, 0, result, 4);
          }
          case "memory.size" -> { }
          case "memory.fill" -> {
            if (a + n > mem.length) {
              throw new Trap("memory.fill out of bounds");
            }
            Arrays.fill(mem, (int) a, (int) (a + n), (byte) op.b());
          }
          case "memory.copy" -> {
            if (a + n > mem.length || b + n > mem.length) {
              throw new Trap("memory.copy out of bounds");
            }
            System.arraycopy(mem, (int) b, mem, (int) a, (int) n);
          }
          default -> throw new IllegalStateException(op.name());
        }
      }
      long at = Integer.toUnsignedLong(finalAddress);
      check(mem, at, 4);
      int code = (mem[(int) at] & 0xFF) | (mem[(int) at + 1] & 0xFF) << 8 | (mem[(int) at + 2] & 0xFF) << 16 | (mem[(int) at + 3] & 0xFF) << 24;
      if (code != 0 && capRefused) {
        return new Expected(Verdict.MLE, code, "exit " + code + " after the cap refused a grow");
      }
      return Expected.exit(code);
    } catch (Trap t) {
      return capRefused ? new Expected(Verdict.MLE, -1, t.getMessage() + " after the cap refused a grow") : Expected.trap(t.getMessage());
    }
  }

  private static void check(byte[] mem, long at, int size) {
    if (at + size > mem.length) {
      throw new Trap("out of bounds access at " + at);
    }
  }

  private static void store(byte[] mem, long at, long value, int size) {
    check(mem, at, size);
    for (int k = 0; k < size; k++) {
      mem[(int) at + k] = (byte) (value >>> (8 * k));
    }
  }
}
