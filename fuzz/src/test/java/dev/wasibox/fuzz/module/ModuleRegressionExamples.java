package dev.wasibox.fuzz.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasibox.host.run.Engine;
import dev.wasibox.host.run.ModuleException;
import dev.wasibox.host.run.RunResult;
import dev.wasibox.host.run.Verdict;
import dev.wasibox.host.run.WasmProgram;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Example;

/** Shrunk failures of the module properties, kept as examples (STYLE.md section 6). */
class ModuleRegressionExamples {
  private static RunResult run(byte[] module) {
    return ModuleHarness.loadAndRun(module, Engine.COMPILER).result();
  }

  /**
   * Asserts that loading {@code hex} is refused with a ModuleException. Catches everything itself:
   * JUnit's assertThrows rethrows an OutOfMemoryError, and an OutOfMemoryError that reaches
   * Surefire ends the whole test JVM (seen with the 2 GiB case below).
   */
  private static void assertRefused(String hex) {
    byte[] module = HexFormat.of().parseHex(hex);
    try {
      WasmProgram.load(module, Engine.COMPILER);
      fail("loaded " + hex);
    } catch (ModuleException expected) {
      // refused cleanly
    } catch (Throwable t) {
      fail("load of " + hex + " threw " + t + " instead of ModuleException");
    }
  }

  @Example
  void memoryGrow_refusedByOwnMaximum_isNotMle() {
    MemoryProgram p = new MemoryProgram(1, 1, List.of(new MemoryProgram.Op("memory.grow", 1, 0, 0)), 0);
    RunResult r = run(p.module());
    assertEquals(Verdict.OK, r.verdict(), r.message());
    assertEquals(-1, r.exitCode());
  }

  @Example
  void load_bodyEndEndEnd_isModuleException() {
    assertRefused("0061736d0100000001040160000003020100070a01065f737461727400000a060104000b0b0b");
  }

  @Example
  void load_nameLengthMinusOne_isModuleException() {
    assertRefused("0061736d010000000005ffffffff0f");
  }

  @Example
  void load_nameClaiming2GiB_isModuleException() {
    assertRefused("0061736d010000000005f0ffffff07");
  }

  @Example
  void load_typeClaiming2GParameters_isModuleException() {
    assertRefused("0061736d01000000010701" + "60ffffffff07");
  }

  /** Shrunk from the mutation property (writes.wasm with 3 bytes deleted): refused or, known bug, NPE. */
  @Example
  void mutant_writesWithThreeBytesDeleted_endsCleanly() {
    ModuleHarness.loadAndRun(new Mutant(2, List.of(new Mutant.Mutation(3, 31042, 2)), Engine.COMPILER).bytes(), Engine.COMPILER);
  }

  @Example
  void load_importWithUnknownType_isModuleException() {
    assertRefused("0061736d0100000001050160017f0002240116776173695f736e617073686f745f70726576696577310970726f635f657869740005");
  }

  /**
   * Shrunk by the campaign (random bytes): a custom section whose name claims 0x3FFFFFFF bytes,
   * 1 GiB allocated before the bytes are read.
   */
  @Example
  void load_nameClaiming1GiB_isModuleException() {
    assertRefused("0061736d010000000005ffffffff03");
  }

  /** Shrunk by the campaign (mutated memfill_huge.wasm): refused, or (known bug) an OOM, never worse. */
  @Example
  void mutant_memfillWithMaximalLeb_endsCleanly() {
    ModuleHarness.loadAndRun(new Mutant(1, List.of(new Mutant.Mutation(6, 18462, 2)), Engine.COMPILER).bytes(), Engine.COMPILER);
  }

  /** {@code unreachable else end}: Chicory's internal assert under -ea; a clean refusal without. */
  @Example
  void load_elseAfterUnreachable_isModuleException() {
    assertRefused("0061736d0100000001040160000003020100070a01065f737461727400000a0601040000050b");
  }

  /**
   * A {@code _start} of type {@code (i32) -> ()} is not a WASI command ({@code _start} is
   * {@code () -> ()}): today the compiler traps with a raw ArrayIndexOutOfBoundsException (Chicory
   * calls it without its argument) while the interpreter runs it with a made-up 0 and exits 0,
   * so the verdict depends on the engine. It should be refused at load, as a missing {@code
   * _start} is.
   */
  @Example
  void load_startWithAParameter_isModuleException() {
    byte[] module = ControlTemplate.oddStart("params").module();
    try {
      WasmProgram p = WasmProgram.load(module, Engine.COMPILER);
      p.run(ModuleHarness.config(), ModuleHarness.LIMITS);
      fail("a _start of type (i32) -> () was run");
    } catch (ModuleException expected) {
      // refused as not a command
    }
  }

  /** The same program with a request over the cap is MLE, as documented (the right MLE). */
  @Example
  void memoryGrow_overTheCap_thenExit_isMle() {
    MemoryProgram p = new MemoryProgram(1, -1, List.of(new MemoryProgram.Op("memory.grow", 300, 0, 0)), 0);
    RunResult r = run(p.module());
    assertEquals(Verdict.MLE, r.verdict(), r.message());
    assertEquals(-1, r.exitCode());
  }
}
