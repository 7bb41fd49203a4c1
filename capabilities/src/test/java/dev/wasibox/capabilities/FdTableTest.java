package dev.wasibox.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FdTableTest {
  private static Errno errnoOf(Runnable r) {
    return assertThrows(WasiException.class, r::run).errno();
  }

  private static FdTable<String> withStdio() {
    FdTable<String> t = new FdTable<>(16);
    t.put(0, "stdin");
    t.put(1, "stdout");
    t.put(2, "stderr");
    t.put(3, "preopen");
    return t;
  }

  @Test
  void add_lowestFree_reusesClosedNumbers() {
    FdTable<String> t = withStdio();
    assertEquals(4, t.add("a"));
    assertEquals(5, t.add("b"));
    t.remove(4);
    assertEquals(4, t.add("c"));
    assertEquals(6, t.add("d"));
  }

  @Test
  void add_full_throwsEmfile() {
    FdTable<String> t = new FdTable<>(5);
    for (int i = 0; i < 5; i++) {
      t.add("x" + i);
    }
    assertEquals(Errno.EMFILE, errnoOf(() -> t.add("overflow")));
    t.remove(2);
    assertEquals(2, t.add("again"));
  }

  @Test
  void get_closedOrWild_throwsEbadf() {
    FdTable<String> t = withStdio();
    assertEquals(Errno.EBADF, errnoOf(() -> t.get(4)));
    assertEquals(Errno.EBADF, errnoOf(() -> t.get(-1)));
    assertEquals(Errno.EBADF, errnoOf(() -> t.get(Integer.MAX_VALUE)));
    assertEquals(Errno.EBADF, errnoOf(() -> t.remove(99)));
  }

  @Test
  void renumber_overPreopen_closesTargetAndMoves() {
    FdTable<String> t = withStdio();
    int f = t.add("file");
    assertEquals("preopen", t.renumber(f, 3));
    assertEquals("file", t.get(3));
    assertNull(t.find(f));
    assertEquals(4, t.size());
  }

  @Test
  void renumber_toItself_isNoOp() {
    FdTable<String> t = withStdio();
    assertNull(t.renumber(3, 3));
    assertEquals("preopen", t.get(3));
  }

  @Test
  void renumber_toClosedOrFromClosed_throwsEbadf() {
    FdTable<String> t = withStdio();
    assertEquals(Errno.EBADF, errnoOf(() -> t.renumber(3, 100)));
    assertEquals(Errno.EBADF, errnoOf(() -> t.renumber(100, 3)));
    assertEquals(Errno.EBADF, errnoOf(() -> t.renumber(3, -1)));
    assertEquals("preopen", t.get(3));
  }

  @Test
  void renumber_stress_keepsTableConsistent() {
    // wasmtime 0c935308: guest-chosen renumbers once corrupted the free list.
    FdTable<String> t = withStdio();
    int cur = t.add("cur");
    for (int i = 0; i < 2000; i++) {
      int fresh = t.add("n" + i);
      t.renumber(cur, fresh);
      cur = fresh;
    }
    assertEquals(5, t.size());
    assertEquals("cur", t.get(cur));
    assertEquals(t.size(), t.entries().size());
  }

  @Test
  void random_numbering_isSeededAndDistinct() {
    FdTable<String> a = new FdTable<>(64, FdNumbering.RANDOM, 42);
    FdTable<String> b = new FdTable<>(64, FdNumbering.RANDOM, 42);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 64; i++) {
      int fa = a.add("x");
      assertEquals(fa, b.add("x"));
      assertTrue(fa >= 3);
      assertTrue(seen.add(fa));
    }
    assertEquals(Errno.EMFILE, errnoOf(() -> a.add("full")));
  }

  @Test
  void clear_returnsHandlesInFdOrder() {
    FdTable<String> t = withStdio();
    assertEquals(List.of("stdin", "stdout", "stderr", "preopen"), t.clear());
    assertEquals(0, t.size());
  }

  @Test
  void put_taken_isRejected() {
    FdTable<String> t = withStdio();
    assertThrows(IllegalStateException.class, () -> t.put(3, "again"));
  }
}
