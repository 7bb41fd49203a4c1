package dev.wasibox.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the bytes, {@link WasmProgram#load} either loads or throws {@link ModuleException}
 * with a one-line message: the minimal modules the fuzz module shrank each failure to.
 */
class WasmProgramLoadTest {
  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("empty", "", "no \\0asm header"),
        Arguments.of("text, not wasm", "68656c6c6f2c20776f726c64", "no \\0asm header"),
        Arguments.of("section longer than the module", "0061736d0100000001ff01", "section 1 claims 255 bytes"),
        Arguments.of("custom name claiming 2 GiB", "0061736d010000000005f0ffffff07", "custom section name claims 2147483632 bytes"),
        Arguments.of("custom name length -1", "0061736d010000000005ffffffff0f", "custom section name claims 4294967295 bytes"),
        Arguments.of("type with 2^31 parameters", "0061736d0100000001070160ffffffff07", "a function type claims 2147483647 parameters"),
        Arguments.of("type count beyond the section", "0061736d010000000102ff01", "type section claims 255 types"),
        Arguments.of("size not a u32", "0061736d0100000001ffffffffff7f", "section size is not a u32"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void load_malformed_isModuleExceptionNamingWhy(String name, String hex, String why) {
    ModuleException e =
        assertThrows(ModuleException.class, () -> WasmProgram.load(HexFormat.of().parseHex(hex), Engine.INTERPRETER));
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
  }

  @Test
  void load_bodyEndEndEnd_isModuleExceptionNotNullPointer() {
    // (func) whose body is "end end end": Chicory's control tree used to throw a raw NPE.
    byte[] module =
        HexFormat.of()
            .parseHex("0061736d01000000010401600000030201000a070105000b0b0b");
    assertThrows(ModuleException.class, () -> WasmProgram.load(module, Engine.INTERPRETER));
  }

  static Stream<Arguments> badEntryPoints() {
    return Stream.of(
        // (module (func (param i32)) (export "_start" (func 0)))
        Arguments.of("a parameter", "0061736d0100000001050160017f0003020100070a01065f737461727400000a040102000b",
            "_start must take no arguments and return nothing"),
        // (module (func (result i32) i32.const 5) (export "_start" (func 0)))
        Arguments.of("a result", "0061736d010000000105016000017f03020100070a01065f737461727400000a0601040041050b",
            "_start must take no arguments and return nothing"),
        // (module (memory 1) (export "_start" (memory 0)))
        Arguments.of("a memory", "0061736d010000000503010001070a01065f73746172740200",
            "_start is exported but is not a function"));
  }

  @ParameterizedTest(name = "_start with {0}")
  @MethodSource("badEntryPoints")
  void load_startThatIsNotACommand_isRefused(String name, String hex, String message) {
    ModuleException e =
        assertThrows(ModuleException.class, () -> WasmProgram.load(HexFormat.of().parseHex(hex), Engine.COMPILER));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void load_plainStart_isACommand() {
    // (module (func) (export "_start" (func 0)))
    byte[] module = HexFormat.of().parseHex("0061736d0100000001040160000003020100070a01065f737461727400000a040102000b");
    assertTrue(WasmProgram.load(module, Engine.COMPILER).isCommand());
  }

  @Test
  void load_committedGuest_loads() {
    assertTrue(Guests.program("hello").isCommand());
  }
}
