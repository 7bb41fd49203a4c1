package dev.wasibox.vfs.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ChangePath}: a list like any other, sharing its parent's components. */
class ChangePathTest {
  private static ChangePath path(String... names) {
    ChangePath p = null;
    for (String n : names) {
      p = ChangePath.of(p, n);
    }
    return p;
  }

  @Test
  void behavesAsTheListOfItsComponents() {
    ChangePath p = path("a", "b", "c");
    assertEquals(List.of("a", "b", "c"), p);
    assertEquals(List.of("a", "b", "c").hashCode(), p.hashCode());
    assertEquals(3, p.size());
    assertEquals("b", p.get(1));
    assertEquals(List.of("b", "c"), p.subList(1, 3));
    assertEquals("a/b/c", new Change(p, Change.Kind.DELETED, dev.wasibox.vfs.FileType.UNKNOWN, null).path());
    assertEquals(List.of("a", "b", "c"), new ArrayList<>(p));
    assertThrows(IndexOutOfBoundsException.class, () -> p.get(3));
    assertThrows(IndexOutOfBoundsException.class, () -> p.get(-1));
  }

  @Test
  void siblingsShareTheirParent() {
    ChangePath parent = path("a", "b");
    assertEquals(List.of("a", "b", "x"), ChangePath.of(parent, "x"));
    assertEquals(List.of("a", "b", "y"), ChangePath.of(parent, "y"));
    assertEquals(List.of("a", "b"), parent);
  }

  @Test
  void isImmutable() {
    assertThrows(UnsupportedOperationException.class, () -> path("a").add("b"));
  }

  @Test
  void aDeepPathCostsOneObjectPerLevel() {
    ChangePath p = null;
    for (int i = 0; i < 100_000; i++) {
      p = ChangePath.of(p, "d");
    }
    assertEquals(100_000, p.size());
    assertEquals("d", p.get(0));
    int n = 0;
    for (String s : p) {
      n += s.length();
    }
    assertEquals(100_000, n);
  }
}
