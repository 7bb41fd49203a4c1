package dev.wasibox.capabilities.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Immutable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment of a guest ({@code [env]}): explicit variables, and host variables passed
 * through by name. Nothing else: the host environment is never passed whole.
 *
 * <p>Names must be non-empty and hold neither {@code =} nor NUL; values must not hold NUL. A name
 * may not be both explicit and passed through.
 */
@Immutable
public final class EnvPolicy {
  private static final KeyPath VARS = KeyPath.of("env", "vars");
  private static final KeyPath INHERIT = KeyPath.of("env", "inherit");
  private static final EnvPolicy EMPTY = builder().build();

  private final ImmutableMap<String, String> vars;
  private final ImmutableList<String> inherit;

  private EnvPolicy(Builder b) {
    this.vars = ImmutableMap.copyOf(b.vars);
    this.inherit = ImmutableList.copyOf(b.inherit);
  }

  /** No variables at all: the default. */
  public static EnvPolicy empty() {
    return EMPTY;
  }

  /** A builder of an empty environment. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this environment. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.vars.putAll(vars);
    b.inherit.addAll(inherit);
    return b;
  }

  /** {@code env.vars}: explicit variables, in the order given. */
  public ImmutableMap<String, String> vars() {
    return vars;
  }

  /** {@code env.inherit}: names of host variables passed through if the host has them. */
  public ImmutableList<String> inherit() {
    return inherit;
  }

  /**
   * The guest's environment given the host's: the explicit variables, then each inherited name
   * that {@code hostEnv} holds, in the order given.
   */
  public ImmutableMap<String, String> grantedFrom(Map<String, String> hostEnv) {
    ImmutableMap.Builder<String, String> out = ImmutableMap.builder();
    out.putAll(vars);
    for (String name : inherit) {
      String value = hostEnv.get(name);
      if (value != null) {
        out.put(name, value);
      }
    }
    return out.buildOrThrow();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvPolicy
        && ((EnvPolicy) o).vars.equals(vars)
        && ((EnvPolicy) o).inherit.equals(inherit);
  }

  @Override
  public int hashCode() {
    return vars.hashCode() * 31 + inherit.hashCode();
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper(this).add("vars", vars).add("inherit", inherit).toString();
  }

  /** Builds an {@link EnvPolicy}; {@link #build} checks names and values. */
  public static final class Builder {
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final List<String> inherit = new ArrayList<>();

    private Builder() {}

    /** Replaces all explicit variables with {@code vars} (a name also inherited is an error). */
    @CanIgnoreReturnValue
    public Builder vars(Map<String, String> vars) {
      this.vars.clear();
      vars.forEach((k, v) -> this.vars.put(checkNotNull(k), checkNotNull(v)));
      return this;
    }

    /** Replaces the inherited names with {@code names} (a name also explicit is an error). */
    @CanIgnoreReturnValue
    public Builder inherit(List<String> names) {
      this.inherit.clear();
      names.forEach(n -> this.inherit.add(checkNotNull(n)));
      return this;
    }

    /**
     * Sets {@code name} to {@code value}, replacing an earlier value or pass-through of that name
     * (the override a CLI {@code --env K=V} needs).
     */
    @CanIgnoreReturnValue
    public Builder put(String name, String value) {
      inherit.remove(checkNotNull(name));
      vars.put(name, checkNotNull(value));
      return this;
    }

    /** Passes host variable {@code name} through, replacing an explicit value of that name. */
    @CanIgnoreReturnValue
    public Builder passThrough(String name) {
      vars.remove(checkNotNull(name));
      if (!inherit.contains(name)) {
        inherit.add(name);
      }
      return this;
    }

    /** Removes {@code name}, explicit or inherited. */
    @CanIgnoreReturnValue
    public Builder remove(String name) {
      vars.remove(name);
      inherit.remove(name);
      return this;
    }

    /**
     * The environment.
     *
     * @throws PolicyKeyException for an invalid name or value, a name listed twice in {@code
     *     inherit}, or a name both explicit and inherited
     */
    public EnvPolicy build() {
      for (Map.Entry<String, String> var : vars.entrySet()) {
        KeyPath key = VARS.key(var.getKey());
        checkName(key, var.getKey());
        if (var.getValue().indexOf('\0') >= 0) {
          throw new PolicyKeyException(key, "value contains a NUL byte");
        }
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < inherit.size(); i++) {
        String name = inherit.get(i);
        KeyPath key = INHERIT.index(i);
        checkName(key, name);
        if (!seen.add(name)) {
          throw new PolicyKeyException(key, "'" + name + "' is listed twice");
        }
        if (vars.containsKey(name)) {
          throw new PolicyKeyException(
              key, "'" + name + "' also has an explicit value in env.vars; keep one");
        }
      }
      return new EnvPolicy(this);
    }

    private static void checkName(KeyPath key, String name) {
      if (name.isEmpty()) {
        throw new PolicyKeyException(key, "variable name is empty");
      }
      if (name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new PolicyKeyException(
            key, "variable name \"" + name + "\" contains '=' or a NUL byte");
      }
    }
  }
}
