package dev.wasibox.fuzz.module;

import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.Verdict;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Templates for control flow and module structure, each with the verdicts the spec and wasibox
 * allow: loops (counted, very long, endless; under the compiler and the interpreter, whose 1.7.5
 * {@code br_if} loops cannot be interrupted), deep or endless recursion, {@code call_indirect}
 * with random indices and types, data segments at random offsets, a start function that traps,
 * an {@code _start} of the wrong kind or type, deeply nested blocks, and functions with very
 * many locals.
 *
 * @param name what it is, with its parameters
 * @param module the binary
 * @param engine the engine to run it on
 * @param allowed the verdicts a correct sandbox may give; empty when it must refuse the module at
 *     load (an {@code _start} that cannot be a WASI command)
 * @param exitCode the exit code when the verdict is OK, or null if any
 */
record ControlTemplate(String name, byte[] module, Engine engine, Set<Verdict> allowed, Integer exitCode) {
  private static final byte[] NONE = new byte[0];
  private static final byte[] ONE_I32 = {WasmWriter.I32};

  @Override
  public String toString() {
    return name + " on " + engine + ", allowed " + allowed + (exitCode == null ? "" : " exit " + exitCode);
  }

  static Arbitrary<ControlTemplate> templates() {
    return Arbitraries.<ControlTemplate>frequencyOf(
            Tuple.of(4, Combinators.combine(Arbitraries.of(0, 1, 1000, 1 << 20), Arbitraries.of(Engine.values())).as(ControlTemplate::countedLoop)),
            Tuple.of(1, Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(Engine.values())).as(ControlTemplate::endlessLoop)),
            Tuple.of(4, Arbitraries.of(0, 10, 1000, 100_000, 10_000_000, -1).map(ControlTemplate::recursion)),
            Tuple.of(5, Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(-1, 6), Arbitraries.of(0, 1)).as(ControlTemplate::callIndirect)),
            Tuple.of(3, Combinators.combine(Arbitraries.of(0, 1, 2), Arbitraries.of(0, 100, 65530, 65536, 0x7FFFFFF0, -1), Arbitraries.of(0, 1, 10)).as(ControlTemplate::dataSegment)),
            Tuple.of(2, Arbitraries.of(true, false).map(ControlTemplate::startFunction)),
            Tuple.of(2, Arbitraries.of("memory", "params", "results", "global-less import").map(ControlTemplate::oddStart)),
            Tuple.of(2, Arbitraries.of(1, 100, 1000, 10_000, 100_000).map(ControlTemplate::nestedBlocks)),
            Tuple.of(1, Arbitraries.of(10, 1000, 50_000).map(ControlTemplate::manyLocals)))
        .withoutEdgeCases();
  }

  /** A module with {@code proc_exit} imported as function 0 and {@code _start} exported. */
  private static WasmWriter command(Code start, byte[] locals) {
    WasmWriter w = new WasmWriter();
    int exitType = w.type(ONE_I32, NONE);
    int startType = w.type(NONE, NONE);
    w.importFunction("wasi_snapshot_preview1", "proc_exit", exitType);
    w.exportFunction("_start", w.function(startType, locals, start));
    return w;
  }

  /**
   * {@code do { i++ } while (i < n)} then exit(i): OK with max(n, 1) (unsigned compare). A
   * million iterations under the interpreter may also meet the wall limit on a loaded machine,
   * so that one allows TLE too (no property asserts a timing).
   */
  static ControlTemplate countedLoop(int n, Engine engine) {
    Code c = new Code()
        .block(0x03)
        .localGet(0).i32Const(1).op(0x6A).localSet(0)
        .localGet(0).i32Const(n).op(0x49).brIf(0)
        .end()
        .localGet(0).call(0);
    Set<Verdict> allowed = n > 1000 && engine == Engine.INTERPRETER ? EnumSet.of(Verdict.OK, Verdict.TLE) : EnumSet.of(Verdict.OK);
    return new ControlTemplate("counted loop to " + n, command(c, ONE_I32).toBytes(), engine, allowed, Math.max(n, 1));
  }

  /** An endless loop, with {@code br} or {@code br_if} as the back edge: TLE. */
  static ControlTemplate endlessLoop(boolean brIf, Engine engine) {
    Code c = new Code().block(0x03);
    if (brIf) {
      c.i32Const(1).brIf(0);
    } else {
      c.br(0);
    }
    c.end();
    return new ControlTemplate("endless loop with " + (brIf ? "br_if" : "br"), command(c, NONE).toBytes(), engine, EnumSet.of(Verdict.TLE), null);
  }

  /**
   * {@code f(n) = n == 0 ? 0 : f(n - 1) + 1}, exit(f(depth)); depth -1 recurses until the stack
   * ends. Shallow: OK with the depth; deep: OK or TRAP (call stack exhausted), never anything
   * else.
   */
  static ControlTemplate recursion(int depth) {
    WasmWriter w = new WasmWriter();
    int exitType = w.type(ONE_I32, NONE);
    int startType = w.type(NONE, NONE);
    int fType = w.type(ONE_I32, ONE_I32);
    w.importFunction("wasi_snapshot_preview1", "proc_exit", exitType);
    int f = 1;
    Code body = new Code()
        .localGet(0).op(0x45)
        .block(0x04).i32Const(0).op(0x0F).end()
        .localGet(0).i32Const(1).op(0x6B).call(f).i32Const(1).op(0x6A);
    w.function(fType, NONE, body);
    w.exportFunction("_start", w.function(startType, NONE, new Code().i32Const(depth).call(f).call(0)));
    Set<Verdict> allowed = depth >= 0 && depth <= 1000 ? EnumSet.of(Verdict.OK) : depth == -1 ? EnumSet.of(Verdict.TRAP) : EnumSet.of(Verdict.OK, Verdict.TRAP);
    return new ControlTemplate("recursion to depth " + depth, w.toBytes(), Engine.COMPILER, allowed, depth >= 0 ? depth : null);
  }

  /**
   * A table of 4 slots holding, from slot 1, {@code size} functions alternately of type
   * {@code () -> i32} (returning 40 + slot) and {@code (i32) -> i32}; {@code call_indirect}
   * through slot {@code index} with type {@code typeChoice} (0: no params, 1: one i32). The spec
   * traps on an index past the table, an empty slot and a type mismatch.
   */
  static ControlTemplate callIndirect(int size, int index, int typeChoice) {
    WasmWriter w = new WasmWriter();
    int exitType = w.type(ONE_I32, NONE);
    int startType = w.type(NONE, NONE);
    int noParams = w.type(NONE, ONE_I32);
    int oneParam = w.type(ONE_I32, ONE_I32);
    w.importFunction("wasi_snapshot_preview1", "proc_exit", exitType);
    w.table(4, 4);
    int[] funcs = new int[size];
    for (int k = 0; k < size && k < 3; k++) {
      int slot = k + 1;
      funcs[k] = k % 2 == 0
          ? w.function(noParams, NONE, new Code().i32Const(40 + slot))
          : w.function(oneParam, NONE, new Code().localGet(0).i32Const(40 + slot).op(0x6A));
    }
    int placed = Math.min(size, 3);
    if (placed > 0) {
      w.elem(1, java.util.Arrays.copyOf(funcs, placed));
    }
    Code c = new Code();
    if (typeChoice == 1) {
      c.i32Const(0);
    }
    c.i32Const(index).callIndirect(typeChoice == 0 ? noParams : oneParam).call(0);
    w.exportFunction("_start", w.function(startType, NONE, c));
    boolean filled = index >= 1 && index <= placed;
    boolean typeOk = filled && ((index - 1) % 2 == typeChoice);
    return new ControlTemplate(
        "call_indirect slot " + index + " of " + placed + " filled, type " + typeChoice,
        w.toBytes(), Engine.COMPILER,
        EnumSet.of(typeOk ? Verdict.OK : Verdict.TRAP), typeOk ? 40 + index : null);
  }

  /** A data segment of {@code length} bytes at {@code offset} in {@code pages} pages. */
  static ControlTemplate dataSegment(int pages, int offset, int length) {
    WasmWriter w = command(new Code().i32Const(0).call(0), NONE);
    w.memory(pages, -1).data(offset, new byte[length]);
    boolean fits = Integer.toUnsignedLong(offset) + length <= pages * 65536L;
    return new ControlTemplate("data segment of " + length + " at " + Integer.toUnsignedString(offset) + " in " + pages + " pages",
        w.toBytes(), Engine.COMPILER, EnumSet.of(fits ? Verdict.OK : Verdict.TRAP), fits ? 0 : null);
  }

  /** A start section whose function traps ({@code unreachable}) or not; {@code _start} exits 7. */
  static ControlTemplate startFunction(boolean traps) {
    WasmWriter w = new WasmWriter();
    int exitType = w.type(ONE_I32, NONE);
    int startType = w.type(NONE, NONE);
    w.importFunction("wasi_snapshot_preview1", "proc_exit", exitType);
    int init = w.function(startType, NONE, traps ? new Code().op(0x00) : new Code().op(0x01));
    w.start(init);
    w.exportFunction("_start", w.function(startType, NONE, new Code().i32Const(7).call(0)));
    return new ControlTemplate("start function " + (traps ? "traps" : "returns"), w.toBytes(), Engine.COMPILER,
        EnumSet.of(traps ? Verdict.TRAP : Verdict.OK), traps ? null : 7);
  }

  /** An {@code _start} that is a memory, takes a parameter, or returns a value. */
  static ControlTemplate oddStart(String kind) {
    WasmWriter w = new WasmWriter();
    int exitType = w.type(ONE_I32, NONE);
    w.importFunction("wasi_snapshot_preview1", "proc_exit", exitType);
    switch (kind) {
      case "memory" -> w.memory(1, -1).exportMemory("_start");
      case "params" -> w.exportFunction("_start", w.function(w.type(ONE_I32, NONE), NONE, new Code().localGet(0).call(0)));
      case "results" -> w.exportFunction("_start", w.function(w.type(NONE, ONE_I32), NONE, new Code().i32Const(5)));
      default -> w.exportFunction("_start", w.function(w.type(NONE, NONE), NONE, new Code().op(0x00)));
    }
    // Only the plain () -> () _start is a command; the others are refused when loaded.
    Set<Verdict> allowed = kind.equals("memory") || kind.equals("params") || kind.equals("results")
        ? EnumSet.noneOf(Verdict.class)
        : EnumSet.allOf(Verdict.class);
    return new ControlTemplate("_start that is " + kind, w.toBytes(), Engine.COMPILER, allowed, null);
  }

  /** {@code depth} nested blocks around {@code exit(3)}. */
  static ControlTemplate nestedBlocks(int depth) {
    Code c = new Code();
    for (int k = 0; k < depth; k++) {
      c.block(0x02);
    }
    c.i32Const(3).call(0);
    for (int k = 0; k < depth; k++) {
      c.end();
    }
    return new ControlTemplate(depth + " nested blocks", command(c, NONE).toBytes(), Engine.COMPILER, EnumSet.of(Verdict.OK, Verdict.TRAP), 3);
  }

  /** A function with {@code n} i64 locals that sums two of them and exits. */
  static ControlTemplate manyLocals(int n) {
    byte[] locals = new byte[n];
    java.util.Arrays.fill(locals, WasmWriter.I64);
    Code c = new Code().i64Const(9).localSet(n - 1).localGet(0).localGet(n - 1).op(0x7C).op(0xA7).call(0);
    return new ControlTemplate(n + " locals", command(c, locals).toBytes(), Engine.COMPILER, EnumSet.of(Verdict.OK), 9);
  }
}
