package dev.wasibox.fuzz.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.RunResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Module fuzzing: every module, however made, loads and runs cleanly ({@link ModuleHarness});
 * modules built from templates also compute what the WebAssembly spec says.
 */
class ModuleFuzzProperties {
  @Provide
  Arbitrary<ArithProgram> arithmetic() {
    return ArithProgram.programs();
  }

  @Provide
  Arbitrary<MemoryProgram> memory() {
    return MemoryProgram.programs();
  }

  /**
   * Random memory instructions (bounds at page edges and at the end of the u32 range, bulk
   * operations of up to 4 GiB) trap exactly where the spec traps, grow as the limits allow, and
   * leave the bytes the spec says; a Chicory failure inside (a raw exception) must be a TRAP.
   */
  @Property(tries = 300)
  void memory_matchesTheSpec(@ForAll("memory") MemoryProgram p) {
    Expected expected = p.expected();
    Statistics.label("expected").collect(expected.verdict().name() + " " + expected.why().replaceAll("[0-9]+", "N"));
    RunResult r = ModuleHarness.loadAndRun(p.module(), Engine.COMPILER).result();
    assertNotNull(r, "a valid template module was rejected or not run");
    assertEquals(expected.verdict(), r.verdict(), () -> "verdict of " + p + " (" + expected.why() + "): " + r.message());
    assertEquals(expected.exitCode(), r.exitCode(), () -> "exit code of " + p);
  }

  @Provide
  Arbitrary<ControlTemplate> control() {
    return ControlTemplate.templates();
  }

  /**
   * Loops, recursion, call_indirect, data and start segments, odd {@code _start} exports, deep
   * nesting and many locals end with a verdict the spec and wasibox allow, within the limits.
   */
  @Property(tries = 80)
  void controlTemplates_endAsAllowed(@ForAll("control") ControlTemplate t) {
    ModuleHarness.Outcome o = ModuleHarness.loadAndRun(t.module(), t.engine());
    Statistics.label("template").collect(t.name().replaceAll("[0-9]+", "N") + " -> " + o.kind());
    if (t.allowed().isEmpty()) {
      assertTrue(o.rejection() != null, () -> t + " should have been refused at load, ended " + o.kind());
      return;
    }
    if (o.rejection() != null) {
      // Every other template is a valid WASI command: it must load.
      throw new AssertionError(t + " was rejected: " + o.rejection().getMessage(), o.rejection());
    }
    RunResult r = o.result();
    assertTrue(t.allowed().contains(r.verdict()), () -> t + " ended " + r.verdict() + ": " + r.message());
    if (r.verdict() == dev.wasibox.host.run.Verdict.OK && t.exitCode() != null) {
      assertEquals(t.exitCode().intValue(), r.exitCode(), () -> "exit code of " + t);
    }
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    return Mutant.mutants();
  }

  /** Mutated real and template modules load (or are refused) and run cleanly. */
  @Property(tries = 1000)
  void mutants_loadAndRunCleanly(@ForAll("mutants") Mutant m) {
    ModuleHarness.Outcome o = ModuleHarness.loadAndRun(m.bytes(), m.engine());
    Statistics.label("outcome").collect(Mutant.SEED_NAMES.get(m.seed()) + " -> " + o.kind());
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    return Arbitraries.frequencyOf(
            Tuple.of(1, body),
            Tuple.of(3, body.map(b -> {
              byte[] out = new byte[8 + b.length];
              System.arraycopy(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}, 0, out, 0, 8);
              System.arraycopy(b, 0, out, 8, b.length);
              return out;
            })))
        .withoutEdgeCases();
  }

  /** Random bytes, with or without the wasm header, are refused (or run) cleanly. */
  @Property(tries = 3000)
  void randomBytes_areRefusedCleanly(@ForAll("randomBytes") byte[] bytes) {
    ModuleHarness.Outcome o = ModuleHarness.loadAndRun(bytes, Engine.COMPILER);
    Statistics.label("outcome").collect(o.kind());
  }

  /** Random arithmetic traps exactly where the spec traps, and otherwise exits with its value. */
  @Property(tries = 600)
  void arithmetic_matchesTheSpec(@ForAll("arithmetic") ArithProgram p) {
    Expected expected = p.expected();
    Statistics.label("expected").collect(expected.verdict().name());
    RunResult r = ModuleHarness.loadAndRun(p.module(), Engine.COMPILER).result();
    assertNotNull(r, "a valid template module was rejected or not run");
    assertEquals(expected.verdict(), r.verdict(), () -> "verdict of " + p + " (" + expected.why() + "): " + r.message());
    assertEquals(expected.exitCode(), r.exitCode(), () -> "exit code of " + p);
  }
}
