package dev.wasibox.capabilities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvPolicyTest {
  @Test
  void empty_byDefault_grantsNothing() {
    EnvPolicy env = EnvPolicy.builder().build();
    assertEquals(EnvPolicy.empty(), env);
    assertTrue(env.vars().isEmpty());
    assertTrue(env.inherit().isEmpty());
    assertEquals(Map.of(), env.grantedFrom(Map.of("PATH", "/bin", "HOME", "/root")));
  }

  @Test
  void resolve_varsAndInherited_explicitFirstThenPresentHostVariables() {
    EnvPolicy env =
        EnvPolicy.builder()
            .vars(ImmutableMap.of("LANG", "C.UTF-8", "HOME", "/home"))
            .inherit(List.of("TERM", "MISSING"))
            .build();
    assertEquals(
        List.of(Map.entry("LANG", "C.UTF-8"), Map.entry("HOME", "/home"), Map.entry("TERM", "xterm")),
        List.copyOf(env.grantedFrom(Map.of("TERM", "xterm", "PATH", "/bin")).entrySet()));
  }

  @Test
  void build_inputsMutatedAfterwards_policyUnchanged() {
    Map<String, String> vars = new LinkedHashMap<>(Map.of("A", "1"));
    List<String> inherit = new ArrayList<>(List.of("TERM"));
    EnvPolicy.Builder b = EnvPolicy.builder().vars(vars).inherit(inherit);
    EnvPolicy env = b.build();
    vars.put("B", "2");
    inherit.add("PATH");
    b.put("C", "3");
    assertEquals(ImmutableMap.of("A", "1"), env.vars());
    assertEquals(ImmutableList.of("TERM"), env.inherit());
  }

  @Test
  void put_nameInherited_replacesPassThrough() {
    EnvPolicy env = EnvPolicy.builder().inherit(List.of("TERM", "LANG")).build();
    EnvPolicy changed = env.toBuilder().put("TERM", "dumb").build();
    assertEquals(ImmutableMap.of("TERM", "dumb"), changed.vars());
    assertEquals(ImmutableList.of("LANG"), changed.inherit());
  }

  @Test
  void passThrough_nameExplicit_replacesValue() {
    EnvPolicy env = EnvPolicy.builder().put("TERM", "dumb").put("A", "1").build();
    EnvPolicy changed = env.toBuilder().passThrough("TERM").passThrough("TERM").build();
    assertEquals(ImmutableMap.of("A", "1"), changed.vars());
    assertEquals(ImmutableList.of("TERM"), changed.inherit());
  }

  @Test
  void remove_explicitAndInherited_removesBoth() {
    EnvPolicy env = EnvPolicy.builder().put("A", "1").passThrough("B").build();
    EnvPolicy changed = env.toBuilder().remove("A").remove("B").build();
    assertEquals(EnvPolicy.empty(), changed);
  }

  @Test
  void toBuilder_unchanged_buildsEqualPolicy() {
    EnvPolicy env = EnvPolicy.builder().put("A", "1").passThrough("B").build();
    assertEquals(env, env.toBuilder().build());
    assertEquals(env.hashCode(), env.toBuilder().build().hashCode());
    assertEquals("EnvPolicy{vars={A=1}, inherit=[B]}", env.toString());
  }

  @Test
  void put_emptyValue_isAllowed() {
    assertEquals("", EnvPolicy.builder().put("EMPTY", "").build().vars().get("EMPTY"));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            EnvPolicy.builder().put("", "x"), "key 'env.vars.\"\"': variable name is empty"),
        Arguments.of(
            EnvPolicy.builder().put("A=B", "x"),
            "key 'env.vars.\"A=B\"': variable name \"A=B\" contains '=' or a NUL byte"),
        Arguments.of(
            EnvPolicy.builder().put("A\0", "x"),
            "key 'env.vars.\"A\\u0000\"': variable name \"A\0\" contains '=' or a NUL byte"),
        Arguments.of(
            EnvPolicy.builder().put("A", "x\0y"), "key 'env.vars.A': value contains a NUL byte"),
        Arguments.of(
            EnvPolicy.builder().inherit(List.of("TERM", "")),
            "key 'env.inherit[1]': variable name is empty"),
        Arguments.of(
            EnvPolicy.builder().inherit(List.of("A=1")),
            "key 'env.inherit[0]': variable name \"A=1\" contains '=' or a NUL byte"),
        Arguments.of(
            EnvPolicy.builder().inherit(List.of("TERM", "LANG", "TERM")),
            "key 'env.inherit[2]': 'TERM' is listed twice"),
        Arguments.of(
            EnvPolicy.builder().vars(Map.of("TERM", "x")).inherit(List.of("TERM")),
            "key 'env.inherit[0]': 'TERM' also has an explicit value in env.vars; keep one"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalid")
  void build_invalidEnv_throwsNamingKey(EnvPolicy.Builder b, String message) {
    PolicyKeyException e = assertThrows(PolicyKeyException.class, b::build);
    assertEquals(message, e.getMessage());
  }
}
