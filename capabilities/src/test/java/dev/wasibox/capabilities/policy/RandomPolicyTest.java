package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RandomPolicyTest {
  @Test
  void defaults_realSourceWithoutSeed() {
    RandomPolicy r = RandomPolicy.builder().build();
    assertEquals(RandomPolicy.real(), r);
    assertEquals(RandomSource.REAL, r.source());
    assertEquals(OptionalLong.empty(), r.seed());
  }

  @Test
  void seeded_anyLong_isKept() {
    assertEquals(OptionalLong.of(-7), RandomPolicy.seeded(-7).seed());
    RandomPolicy r = RandomPolicy.builder().source(RandomSource.SEEDED).seed(42L).build();
    assertEquals(RandomPolicy.seeded(42), r);
    assertEquals(r, r.toBuilder().build());
    assertEquals(r.hashCode(), RandomPolicy.seeded(42).hashCode());
    assertEquals("RandomPolicy{source=seeded, seed=42}", r.toString());
  }

  @Test
  void build_seededWithoutSeed_throws() {
    PolicyKeyException e =
        assertThrows(
            PolicyKeyException.class,
            () -> RandomPolicy.builder().source(RandomSource.SEEDED).build());
    assertEquals("key 'random.seed': required when source = \"seeded\"", e.getMessage());
  }

  @Test
  void build_realWithSeed_throws() {
    PolicyKeyException e =
        assertThrows(PolicyKeyException.class, () -> RandomPolicy.builder().seed(1L).build());
    assertEquals(
        "key 'random.seed': only allowed when source = \"seeded\" (source is \"real\")",
        e.getMessage());
  }
}
