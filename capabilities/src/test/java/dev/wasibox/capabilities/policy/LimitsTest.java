package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasibox.capabilities.FdNumbering;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LimitsTest {
  @Test
  void defaults_areFiniteAndDocumented() {
    Limits l = Limits.builder().build();
    assertEquals(Limits.defaults(), l);
    assertEquals(256L << 20, l.memory());
    assertEquals(4096, l.memoryPages());
    assertEquals(Duration.ofSeconds(10), l.wallTime());
    assertEquals(Duration.ofSeconds(10), l.cpuTime());
    assertEquals(32L << 20, l.output());
    assertEquals(1024, l.openFiles());
    assertEquals(4096, l.pathLength());
    assertEquals(255, l.nameLength());
    assertEquals(FdNumbering.LOWEST_FREE, l.fdNumbering());
    assertEquals(
        "Limits{memory=256MiB, wallTime=10s, cpuTime=10s, output=32MiB, openFiles=1024,"
            + " pathLength=4096, nameLength=255, fdNumbering=lowest}",
        l.toString());
  }

  @ParameterizedTest(name = "[{index}] {0} bytes -> {1} pages")
  @CsvSource({
    "65536, 1",
    "131071, 1",
    "131072, 2",
    "1000000, 15",
    "268435456, 4096",
    "4294967296, 65536",
  })
  void memoryPages_anyMemory_roundsDownToWholePages(long bytes, int pages) {
    assertEquals(pages, Limits.builder().memory(bytes).build().memoryPages());
  }

  @Test
  void toBuilder_everyField_roundTrips() {
    Limits l =
        Limits.builder()
            .memory(1L << 20)
            .wallTime(Duration.ofMillis(1500))
            .cpuTime(Duration.ofSeconds(1))
            .output(0)
            .openFiles(3)
            .pathLength(1 << 20)
            .nameLength(1 << 20)
            .fdNumbering(FdNumbering.RANDOM)
            .build();
    assertEquals(l, l.toBuilder().build());
    assertEquals(l.hashCode(), l.toBuilder().build().hashCode());
    assertEquals(1 << 20, l.nameLength());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        row(b -> b.memory(65535),
            "key 'limits.memory': must be at least 64KiB (one wasm page), got 65535"),
        row(b -> b.memory((4L << 30) + 1),
            "key 'limits.memory': must be at most 4GiB (wasm32), got 4294967297"),
        row(b -> b.wallTime(Duration.ZERO), "key 'limits.wall-time': must be positive"),
        row(b -> b.cpuTime(Duration.ofSeconds(-1)), "key 'limits.cpu-time': must be positive"),
        row(b -> b.wallTime(Duration.ofDays(200_000)),
            "key 'limits.wall-time': too large: more than 9223372036854775807ns"),
        row(b -> b.output(-1), "key 'limits.output': must be at least 0, got -1"),
        row(b -> b.openFiles(2),
            "key 'limits.open-files': must be at least 3 (stdin, stdout, stderr), got 2"),
        row(b -> b.openFiles((1 << 20) + 1),
            "key 'limits.open-files': must be at most 1048576, got 1048577"),
        row(b -> b.pathLength(0), "key 'limits.path-length': must be at least 1, got 0"),
        row(b -> b.pathLength(1L << 40),
            "key 'limits.path-length': must be at most 1048576, got 1099511627776"),
        row(b -> b.nameLength(0), "key 'limits.name-length': must be at least 1, got 0"),
        row(b -> b.pathLength(100).nameLength(101),
            "key 'limits.name-length': must be at most path-length (100), got 101"));
  }

  private static Arguments row(UnaryOperator<Limits.Builder> edit, String message) {
    return Arguments.of(edit.apply(Limits.builder()), message);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalid")
  void build_outOfRange_throwsNamingKey(Limits.Builder b, String message) {
    PolicyKeyException e = assertThrows(PolicyKeyException.class, b::build);
    assertEquals(message, e.getMessage());
  }
}
