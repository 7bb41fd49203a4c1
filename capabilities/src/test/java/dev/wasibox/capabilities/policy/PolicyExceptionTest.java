package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyExceptionTest {
  @Test
  void getMessage_withLineAndKey_isFileLineKeyProblem() {
    PolicyException e =
        new PolicyException("p.toml", 7, KeyPath.of("stdio", "stdout-limit"), "must not be negative: -1");
    assertEquals("p.toml:7: key 'stdio.stdout-limit': must not be negative: -1", e.getMessage());
    assertEquals("p.toml", e.file());
    assertEquals(7, e.line());
    assertEquals(Optional.of(KeyPath.of("stdio", "stdout-limit")), e.key());
    assertEquals("must not be negative: -1", e.problem());
  }

  @Test
  void getMessage_noLineNoKey_omitsThem() {
    PolicyException e = new PolicyException("p.toml", 0, null, "cannot read: no such file");
    assertEquals("p.toml: cannot read: no such file", e.getMessage());
    assertEquals(Optional.empty(), e.key());
  }

  @Test
  void getMessage_controlCharacters_stayOnOneLine() {
    PolicyException e = new PolicyException("p.toml", 2, null, "a\nb\r\tc");
    assertEquals("p.toml:2: a\\u000Ab\\u000D\\u0009c", e.getMessage());
  }
}
