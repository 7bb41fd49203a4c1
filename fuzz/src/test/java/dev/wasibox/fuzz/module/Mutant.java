package dev.wasibox.fuzz.module;

import dev.wasibox.host.run.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A seed module with a list of byte-level mutations applied in order: flip a bit, set a byte to
 * an interesting value, insert or delete bytes, duplicate a range, truncate, or overwrite five
 * bytes with a maximal LEB128 (so that a count or a size field claims 2^32-1 or 2^31). Seeds are
 * the real guests in {@code resources/seeds/} and a few modules built by the templates.
 *
 * @param seed index into {@link #SEEDS}
 * @param mutations the mutations
 * @param engine the engine the result runs on
 */
record Mutant(int seed, List<Mutant.Mutation> mutations, Engine engine) {
  static final List<String> SEED_NAMES = List.of("unstable_hello.wasm", "memfill_huge.wasm", "writes.wasm", "arith", "memory", "call_indirect", "start");
  static final List<byte[]> SEEDS = seeds();

  /**
   * One mutation.
   *
   * @param kind what to do (see {@link #apply})
   * @param where the position, in millionths of the current length
   * @param value the byte, length or choice it uses
   */
  record Mutation(int kind, int where, int value) {
    @Override
    public String toString() {
      return "new Mutant.Mutation(" + kind + ", " + where + ", " + value + ")";
    }
  }

  private static final int[] INTERESTING = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x0B, 0x60, 0x41, 0xFC};

  static Arbitrary<Mutant> mutants() {
    // Mostly in-place changes, which keep the section structure and so reach the validator,
    // the compiler and the run; the rest shift or cut bytes.
    Arbitrary<Integer> kind = Arbitraries.frequency(
        Tuple.of(30, 0), Tuple.of(30, 1), Tuple.of(5, 2), Tuple.of(5, 3), Tuple.of(4, 4), Tuple.of(3, 5), Tuple.of(15, 6));
    Arbitrary<Mutation> m =
        Combinators.combine(kind, Arbitraries.integers().between(0, 999_999), Arbitraries.integers().between(0, 255))
            .as(Mutation::new);
    return Combinators.combine(
            Arbitraries.integers().between(0, SEEDS.size() - 1),
            m.list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.of(Engine.COMPILER, Engine.COMPILER, Engine.COMPILER, Engine.INTERPRETER))
        .as(Mutant::new)
        .withoutEdgeCases();
  }

  byte[] bytes() {
    byte[] b = SEEDS.get(seed).clone();
    for (Mutation m : mutations) {
      b = apply(b, m);
    }
    return b;
  }

  private static byte[] apply(byte[] b, Mutation m) {
    if (b.length == 0) {
      return b;
    }
    int at = (int) ((long) m.where() * b.length / 1_000_000);
    switch (m.kind()) {
      case 0: { // flip one bit
        byte[] out = b.clone();
        out[at] ^= (byte) (1 << (m.value() & 7));
        return out;
      }
      case 1: { // an interesting byte
        byte[] out = b.clone();
        out[at] = (byte) INTERESTING[m.value() % INTERESTING.length];
        return out;
      }
      case 2: { // insert a byte
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = (byte) m.value();
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
      }
      case 3: { // delete 1..16 bytes
        int n = Math.min(1 + m.value() % 16, b.length - at);
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + n, out, at, b.length - at - n);
        return out;
      }
      case 4: { // duplicate 1..64 bytes in place
        int n = Math.min(1 + m.value() % 64, b.length - at);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at + n);
        out.write(b, at, b.length - at);
        return out.toByteArray();
      }
      case 5: // truncate
        return Arrays.copyOf(b, at);
      default: { // a maximal LEB128 over five bytes: 0xFFFFFFFF, 0x80000000 or 0x7FFFFFFF
        byte[] leb = m.value() % 3 == 0 ? new byte[] {-1, -1, -1, -1, 0x0F}
            : m.value() % 3 == 1 ? new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}
            : new byte[] {-1, -1, -1, -1, 0x07};
        byte[] out = b.clone();
        System.arraycopy(leb, 0, out, at, Math.min(leb.length, out.length - at));
        return out;
      }
    }
  }

  private static List<byte[]> seeds() {
    List<byte[]> out = new ArrayList<>();
    for (String name : SEED_NAMES.subList(0, 3)) {
      try (InputStream in = Mutant.class.getResourceAsStream("/seeds/" + name)) {
        out.add(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    out.add(ArithProgram.of(10, 21, 33, 1, 4, 15, 7).module());
    out.add(new MemoryProgram(1, 2, List.of(new MemoryProgram.Op("memory.grow", 1, 0, 0), new MemoryProgram.Op("memory.fill", 0x100, 7, 100)), 0x100).module());
    out.add(ControlTemplate.callIndirect(3, 1, 0).module());
    out.add(ControlTemplate.startFunction(false).module());
    return out;
  }

  @Override
  public String toString() {
    return "new Mutant(" + seed + " /* " + SEED_NAMES.get(seed) + " */, List.of(" + mutations.stream().map(Object::toString).reduce((x, y) -> x + ", " + y).orElse("") + "), Engine." + engine + ")";
  }
}
