package dev.wasibox.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which refused {@code memory.grow} counts towards MLE: one the run's cap refused, unless a maximum
 * the module declares itself refuses it too. A module that declares a maximum and reaches it is
 * behaving as WebAssembly says, under any cap; a module without one (65536 pages) that asks for
 * more than 4 GiB needed more memory than any cap gives.
 */
class MeteredMemoryTest {

  @ParameterizedTest(name = "own max {0}, cap {1}, grow {2} from 1 page -> {3}, MLE {4}")
  @CsvSource({
    // own maximum, cap, pages asked (as the i32 operand), result, counts as refused by the cap
    "65536, 4, 1, 1, false",
    "65536, 4, 3, 1, false",
    "65536, 4, 4, -1, true",
    "8, 4, 4, -1, true",
    "8, 4, 7, -1, true",
    "8, 4, 8, -1, false",
    "1, 256, 1, -1, false",
    "2, 256, 2, -1, false",
    "65536, 4, 65535, -1, true",
    "65536, 4, 65536, -1, true",
    "65536, 4, -1, -1, true",
    "65536, 4, -2147483648, -1, true",
    "65535, 4, 65535, -1, false",
  })
  void grow_countsOnlyWhatTheCapRefused(
      int ownMaximum, int cap, int pages, int expectedResult, boolean expectedRefused) {
    MeteredMemory memory =
        new MeteredMemory(
            new ByteArrayMemory(new MemoryLimits(1, Math.min(ownMaximum, cap))), ownMaximum);

    assertEquals(expectedResult, memory.grow(pages));
    assertEquals(expectedRefused, memory.refusedGrow());
  }

  @ParameterizedTest(name = "after a refused grow of {0}, a later successful grow keeps the flag {1}")
  @CsvSource({"4, true", "8, false"})
  void refusal_isRemembered(int firstAsk, boolean expectedRefused) {
    MeteredMemory memory = new MeteredMemory(new ByteArrayMemory(new MemoryLimits(1, 4)), 8);

    memory.grow(firstAsk);
    assertEquals(1, memory.grow(1));
    assertEquals(expectedRefused, memory.refusedGrow());
  }
}
