package dev.wasibox.fuzz.module;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The numeric instructions the arithmetic template draws from: how each is encoded, its operand
 * and result types ({@code i} i32, {@code l} i64, {@code d} f64), and what the WebAssembly spec
 * says it computes, in plain Java (which shares two's complement and IEEE 754 with wasm, so most
 * are one operator; the traps are spelled out).
 *
 * @param name the text-format name, for reports
 * @param in operand types, deepest first
 * @param out result type
 * @param emit writes the instruction
 * @param eval computes the result from the operands, or throws {@link Trap}
 */
record Instr(String name, String in, char out, Consumer<Code> emit, Function<Object[], Object> eval) {
  static final List<Instr> ALL = new ArrayList<>();

  private static void add(String name, String in, char out, int opcode, Function<Object[], Object> eval) {
    ALL.add(new Instr(name, in, out, c -> c.op(opcode), eval));
  }

  private static void sat(String name, String in, char out, int sub, Function<Object[], Object> eval) {
    ALL.add(new Instr(name, in, out, c -> c.truncSat(sub), eval));
  }

  private static int i(Object[] a, int k) {
    return (Integer) a[k];
  }

  private static long l(Object[] a, int k) {
    return (Long) a[k];
  }

  private static double d(Object[] a, int k) {
    return (Double) a[k];
  }

  static {
    add("i32.add", "ii", 'i', 0x6A, a -> i(a, 0) + i(a, 1));
    add("i32.sub", "ii", 'i', 0x6B, a -> i(a, 0) - i(a, 1));
    add("i32.mul", "ii", 'i', 0x6C, a -> i(a, 0) * i(a, 1));
    add("i32.div_s", "ii", 'i', 0x6D, a -> {
      if (i(a, 1) == 0 || (i(a, 0) == Integer.MIN_VALUE && i(a, 1) == -1)) {
        throw new Trap("i32.div_s");
      }
      return i(a, 0) / i(a, 1);
    });
    add("i32.div_u", "ii", 'i', 0x6E, a -> {
      if (i(a, 1) == 0) {
        throw new Trap("i32.div_u");
      }
      return Integer.divideUnsigned(i(a, 0), i(a, 1));
    });
    add("i32.rem_s", "ii", 'i', 0x6F, a -> {
      if (i(a, 1) == 0) {
        throw new Trap("i32.rem_s");
      }
      return i(a, 0) % i(a, 1);
    });
    add("i32.rem_u", "ii", 'i', 0x70, a -> {
      if (i(a, 1) == 0) {
        throw new Trap("i32.rem_u");
      }
      return Integer.remainderUnsigned(i(a, 0), i(a, 1));
    });
    add("i32.and", "ii", 'i', 0x71, a -> i(a, 0) & i(a, 1));
    add("i32.or", "ii", 'i', 0x72, a -> i(a, 0) | i(a, 1));
    add("i32.xor", "ii", 'i', 0x73, a -> i(a, 0) ^ i(a, 1));
    add("i32.shl", "ii", 'i', 0x74, a -> i(a, 0) << i(a, 1));
    add("i32.shr_s", "ii", 'i', 0x75, a -> i(a, 0) >> i(a, 1));
    add("i32.shr_u", "ii", 'i', 0x76, a -> i(a, 0) >>> i(a, 1));
    add("i32.rotl", "ii", 'i', 0x77, a -> Integer.rotateLeft(i(a, 0), i(a, 1)));
    add("i32.rotr", "ii", 'i', 0x78, a -> Integer.rotateRight(i(a, 0), i(a, 1)));
    add("i32.clz", "i", 'i', 0x67, a -> Integer.numberOfLeadingZeros(i(a, 0)));
    add("i32.ctz", "i", 'i', 0x68, a -> Integer.numberOfTrailingZeros(i(a, 0)));
    add("i32.popcnt", "i", 'i', 0x69, a -> Integer.bitCount(i(a, 0)));
    add("i32.eqz", "i", 'i', 0x45, a -> i(a, 0) == 0 ? 1 : 0);
    add("i32.lt_s", "ii", 'i', 0x48, a -> i(a, 0) < i(a, 1) ? 1 : 0);
    add("i32.lt_u", "ii", 'i', 0x49, a -> Integer.compareUnsigned(i(a, 0), i(a, 1)) < 0 ? 1 : 0);
    add("i32.ge_u", "ii", 'i', 0x4F, a -> Integer.compareUnsigned(i(a, 0), i(a, 1)) >= 0 ? 1 : 0);
    add("i64.add", "ll", 'l', 0x7C, a -> l(a, 0) + l(a, 1));
    add("i64.sub", "ll", 'l', 0x7D, a -> l(a, 0) - l(a, 1));
    add("i64.mul", "ll", 'l', 0x7E, a -> l(a, 0) * l(a, 1));
    add("i64.div_s", "ll", 'l', 0x7F, a -> {
      if (l(a, 1) == 0 || (l(a, 0) == Long.MIN_VALUE && l(a, 1) == -1)) {
        throw new Trap("i64.div_s");
      }
      return l(a, 0) / l(a, 1);
    });
    add("i64.div_u", "ll", 'l', 0x80, a -> {
      if (l(a, 1) == 0) {
        throw new Trap("i64.div_u");
      }
      return Long.divideUnsigned(l(a, 0), l(a, 1));
    });
    add("i64.rem_s", "ll", 'l', 0x81, a -> {
      if (l(a, 1) == 0) {
        throw new Trap("i64.rem_s");
      }
      return l(a, 0) % l(a, 1);
    });
    add("i64.rem_u", "ll", 'l', 0x82, a -> {
      if (l(a, 1) == 0) {
        throw new Trap("i64.rem_u");
      }
      return Long.remainderUnsigned(l(a, 0), l(a, 1));
    });
    add("i64.xor", "ll", 'l', 0x85, a -> l(a, 0) ^ l(a, 1));
    add("i64.shl", "ll", 'l', 0x86, a -> l(a, 0) << l(a, 1));
    add("i64.shr_s", "ll", 'l', 0x87, a -> l(a, 0) >> l(a, 1));
    add("i64.shr_u", "ll", 'l', 0x88, a -> l(a, 0) >>> l(a, 1));
    add("i64.rotl", "ll", 'l', 0x89, a -> Long.rotateLeft(l(a, 0), (int) l(a, 1)));
    add("i64.rotr", "ll", 'l', 0x8A, a -> Long.rotateRight(l(a, 0), (int) l(a, 1)));
    add("i64.clz", "l", 'l', 0x79, a -> (long) Long.numberOfLeadingZeros(l(a, 0)));
    add("i64.ctz", "l", 'l', 0x7A, a -> (long) Long.numberOfTrailingZeros(l(a, 0)));
    add("i64.popcnt", "l", 'l', 0x7B, a -> (long) Long.bitCount(l(a, 0)));
    add("i64.eqz", "l", 'i', 0x50, a -> l(a, 0) == 0 ? 1 : 0);
    add("i64.lt_u", "ll", 'i', 0x54, a -> Long.compareUnsigned(l(a, 0), l(a, 1)) < 0 ? 1 : 0);
    add("i32.wrap_i64", "l", 'i', 0xA7, a -> (int) l(a, 0));
    add("i64.extend_i32_s", "i", 'l', 0xAC, a -> (long) i(a, 0));
    add("i64.extend_i32_u", "i", 'l', 0xAD, a -> Integer.toUnsignedLong(i(a, 0)));
    add("i32.trunc_f64_s", "d", 'i', 0xAA, a -> {
      double v = d(a, 0);
      if (!(v > -2147483649.0 && v < 2147483648.0)) {
        throw new Trap("i32.trunc_f64_s");
      }
      return (int) v;
    });
    add("i32.trunc_f64_u", "d", 'i', 0xAB, a -> {
      double v = d(a, 0);
      if (!(v > -1.0 && v < 4294967296.0)) {
        throw new Trap("i32.trunc_f64_u");
      }
      return (int) (long) v;
    });
    add("i64.trunc_f64_s", "d", 'l', 0xB0, a -> {
      double v = d(a, 0);
      if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) {
        throw new Trap("i64.trunc_f64_s");
      }
      return (long) v;
    });
    sat("i32.trunc_sat_f64_s", "d", 'i', 2, a -> (int) d(a, 0));
    sat("i64.trunc_sat_f64_u", "d", 'l', 7, a -> {
      double v = d(a, 0);
      if (Double.isNaN(v) || v <= 0) {
        return 0L;
      }
      if (v >= 18446744073709551616.0) {
        return -1L;
      }
      return v < 9223372036854775808.0 ? (long) v : (long) (v - 9223372036854775808.0) + Long.MIN_VALUE;
    });
    add("f64.convert_i32_s", "i", 'd', 0xB7, a -> (double) i(a, 0));
    add("f64.convert_i64_s", "l", 'd', 0xB9, a -> (double) l(a, 0));
    add("f64.add", "dd", 'd', 0xA0, a -> d(a, 0) + d(a, 1));
    add("f64.sub", "dd", 'd', 0xA1, a -> d(a, 0) - d(a, 1));
    add("f64.mul", "dd", 'd', 0xA2, a -> d(a, 0) * d(a, 1));
    add("f64.div", "dd", 'd', 0xA3, a -> d(a, 0) / d(a, 1));
    add("f64.min", "dd", 'd', 0xA4, a -> Math.min(d(a, 0), d(a, 1)));
    add("f64.max", "dd", 'd', 0xA5, a -> Math.max(d(a, 0), d(a, 1)));
    add("f64.sqrt", "d", 'd', 0x9F, a -> Math.sqrt(d(a, 0)));
    add("f64.neg", "d", 'd', 0x9A, a -> -d(a, 0));
    add("f64.ceil", "d", 'd', 0x9B, a -> Math.ceil(d(a, 0)));
    add("f64.floor", "d", 'd', 0x9C, a -> Math.floor(d(a, 0)));
    add("f64.trunc", "d", 'd', 0x9D, a -> d(a, 0) < 0 ? Math.ceil(d(a, 0)) : Math.floor(d(a, 0)));
    add("f64.nearest", "d", 'd', 0x9E, a -> Math.rint(d(a, 0)));
    add("f64.lt", "dd", 'i', 0x63, a -> d(a, 0) < d(a, 1) ? 1 : 0);
    add("f64.eq", "dd", 'i', 0x61, a -> d(a, 0) == d(a, 1) ? 1 : 0);
  }
}
