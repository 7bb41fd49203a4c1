package dev.wasibox.fuzz.module;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Template: a {@code _start} that runs a random straight-line sequence of numeric instructions
 * ({@link Instr}: i32, i64 and f64 arithmetic, division and truncation that trap, saturating
 * conversions, {@code select}, {@code drop}) and exits with the value left on top, through the
 * imported {@code proc_exit}. The program is derived from a list of choices (so that jqwik
 * shrinks it instruction by instruction), always type-correct, and evaluated here by the
 * reference semantics: the run must trap exactly where the spec traps, and otherwise exit with
 * the same value.
 */
final class ArithProgram {
  private static final int[] I32 = {0, 1, -1, 2, 7, 31, 32, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7FFFFFF0, 12345, -7};
  private static final long[] I64 = {0, 1, -1, 63, 64, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, -123456789L, 3};
  private static final double[] F64 = {
    0.0, -0.0, 1.5, -1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
    2147483647.5, 2147483648.0, -2147483648.9, -2147483649.0, 4294967295.9, 9.3e18, 1e300, -0.5, 2.5
  };

  /** One step: its text, its operand and result types, how to emit and evaluate it. */
  private record Step(String text, String in, char out, Consumer<Code> emit, Function<Object[], Object> eval) {}

  private final List<Integer> choices;
  private final List<Step> steps = new ArrayList<>();

  private ArithProgram(List<Integer> choices) {
    this.choices = choices;
    List<Character> stack = new ArrayList<>();
    for (int c : choices) {
      Step s = choose(c, stack);
      for (int k = 0; k < s.in().length(); k++) {
        stack.remove(stack.size() - 1);
      }
      if (s.out() != 'v') {
        stack.add(s.out());
      }
      steps.add(s);
    }
  }

  static ArithProgram of(Integer... choices) {
    return new ArithProgram(List.of(choices));
  }

  static Arbitrary<ArithProgram> programs() {
    return Arbitraries.integers().between(0, 99_999).list().ofMaxSize(40).map(ArithProgram::new);
  }

  /** Operands for fused steps: the values where integer and float operations have edges. */
  private static final int[] EDGE_I32 = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 32};
  private static final long[] EDGE_I64 = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 64};

  private static Step choose(int c, List<Character> stack) {
    int kind = c % 10;
    int pick = c / 10;
    if (kind == 7) {
      return fused(pick);
    }
    if (kind == 9 && !stack.isEmpty()) {
      char t = stack.get(stack.size() - 1);
      return new Step("drop", String.valueOf(t), 'v', code -> code.op(0x1A), a -> null);
    }
    if (kind == 8 && stack.size() >= 3 && stack.get(stack.size() - 1) == 'i'
        && stack.get(stack.size() - 2) == stack.get(stack.size() - 3)) {
      char t = stack.get(stack.size() - 2);
      return new Step("select", "" + t + t + 'i', t, code -> code.op(0x1B), a -> (Integer) a[2] != 0 ? a[0] : a[1]);
    }
    if (kind >= 3) {
      List<Instr> fit = new ArrayList<>();
      for (Instr in : Instr.ALL) {
        if (fits(in.in(), stack)) {
          fit.add(in);
        }
      }
      if (!fit.isEmpty()) {
        Instr in = fit.get(pick % fit.size());
        return new Step(in.name(), in.in(), in.out(), in.emit(), in.eval());
      }
    }
    switch (pick % 3) {
      case 0: {
        int v = pick % 5 == 4 ? pick * 40503 : I32[pick / 3 % I32.length];
        return new Step("i32.const " + v, "", 'i', code -> code.i32Const(v), a -> v);
      }
      case 1: {
        long v = pick % 5 == 4 ? pick * 0x9E3779B97F4A7C15L : I64[pick / 3 % I64.length];
        return new Step("i64.const " + v, "", 'l', code -> code.i64Const(v), a -> v);
      }
      default: {
        double v = F64[pick / 3 % F64.length];
        return new Step("f64.const " + v, "", 'd', code -> code.f64Const(v), a -> v);
      }
    }
  }

  /**
   * One step made of three instructions, {@code const x; const y; op} (or {@code const x; op}
   * for a unary op), with x and y from the edge values, so that {@code MIN / -1}, shifts by 32
   * or 64 and truncation of out-of-range floats happen often rather than by luck.
   */
  private static Step fused(int pick) {
    List<Instr> ops = new ArrayList<>();
    for (Instr in : Instr.ALL) {
      if (in.in().equals("ii") || in.in().equals("ll") || in.in().equals("d") || in.in().equals("i") || in.in().equals("l")) {
        ops.add(in);
      }
    }
    Instr op = ops.get(pick % ops.size());
    int k = pick / ops.size();
    Object[] args = new Object[op.in().length()];
    StringBuilder text = new StringBuilder();
    List<Consumer<Code>> emits = new ArrayList<>();
    for (int j = 0; j < args.length; j++) {
      char t = op.in().charAt(j);
      int idx = (j == 0 ? k : k / 7) % 6;
      if (t == 'i') {
        int v = EDGE_I32[idx];
        args[j] = v;
        emits.add(code -> code.i32Const(v));
        text.append("i32.const ").append(v).append("; ");
      } else if (t == 'l') {
        long v = EDGE_I64[idx];
        args[j] = v;
        emits.add(code -> code.i64Const(v));
        text.append("i64.const ").append(v).append("; ");
      } else {
        double v = F64[k % F64.length];
        args[j] = v;
        emits.add(code -> code.f64Const(v));
        text.append("f64.const ").append(v).append("; ");
      }
    }
    return new Step(text + op.name(), "", op.out(), code -> {
      emits.forEach(e -> e.accept(code));
      op.emit().accept(code);
    }, a -> op.eval().apply(args));
  }

  private static boolean fits(String in, List<Character> stack) {
    if (in.length() > stack.size()) {
      return false;
    }
    for (int k = 0; k < in.length(); k++) {
      if (stack.get(stack.size() - in.length() + k) != in.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The module: {@code _start} runs the steps, keeps the top value (0 if none) in a local of its
   * type, drops the rest, converts it to i32 (wrap, or saturating truncation) and exits with it.
   */
  byte[] module() {
    WasmWriter w = new WasmWriter();
    int exitType = w.type(new byte[] {WasmWriter.I32}, new byte[0]);
    int startType = w.type(new byte[0], new byte[0]);
    int procExit = w.importFunction("wasi_snapshot_preview1", "proc_exit", exitType);
    Code c = new Code();
    List<Character> stack = new ArrayList<>();
    for (Step s : steps) {
      s.emit().accept(c);
      for (int k = 0; k < s.in().length(); k++) {
        stack.remove(stack.size() - 1);
      }
      if (s.out() != 'v') {
        stack.add(s.out());
      }
    }
    if (stack.isEmpty()) {
      c.i32Const(0);
      stack.add('i');
    }
    char top = stack.remove(stack.size() - 1);
    int local = top == 'i' ? 0 : top == 'l' ? 1 : 2;
    c.localSet(local);
    for (int k = 0; k < stack.size(); k++) {
      c.op(0x1A);
    }
    c.localGet(local);
    if (top == 'l') {
      c.op(0xA7);
    } else if (top == 'd') {
      c.truncSat(2);
    }
    c.call(procExit);
    int start = w.function(startType, new byte[] {WasmWriter.I32, WasmWriter.I64, WasmWriter.F64}, c);
    w.exportFunction("_start", start);
    return w.toBytes();
  }

  /** What the spec says the module does. */
  Expected expected() {
    List<Object> stack = new ArrayList<>();
    for (Step s : steps) {
      Object[] args = new Object[s.in().length()];
      for (int k = args.length - 1; k >= 0; k--) {
        args[k] = stack.remove(stack.size() - 1);
      }
      try {
        Object r = s.eval().apply(args);
        if (s.out() != 'v') {
          stack.add(r);
        }
      } catch (Trap t) {
        return Expected.trap(t.getMessage());
      }
    }
    Object top = stack.isEmpty() ? 0 : stack.get(stack.size() - 1);
    int code = top instanceof Integer i ? i : top instanceof Long l ? (int) (long) l : (int) (double) (Double) top;
    return Expected.exit(code);
  }

  /** The instructions, one per line, as in the text format. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (Step s : steps) {
      sb.append("\n      ").append(s.text());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ArithProgram.of(");
    for (int i = 0; i < choices.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(choices.get(i));
    }
    return sb.append(")  /* ").append(text()).append("\n   */").toString();
  }
}
