package dev.wasibox.fuzz;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * How long every property of this module runs, registered globally (META-INF/services): in CI
 * each property runs the tries its {@code @Property(tries = ...)} states; a long campaign
 * overrides them all from the command line.
 *
 * <ul>
 *   <li>{@code -Dwasibox.fuzz.tries=N}: every property runs {@code N} tries instead;
 *   <li>{@code -Dwasibox.fuzz.minutes=M}: every property runs for {@code M} minutes (fractions
 *       allowed), then stops as if its tries were used up; without {@code wasibox.fuzz.tries} the
 *       tries are then unbounded.
 * </ul>
 *
 * <p>Example-based {@code @Example} tests are not touched.
 */
public final class FuzzBudget implements AroundPropertyHook, AroundTryHook {
  /** System property: tries per property, overriding the annotations. */
  public static final String TRIES = "wasibox.fuzz.tries";

  /** System property: minutes per property. */
  public static final String MINUTES = "wasibox.fuzz.minutes";

  /** The deadline of the property running on this thread (jqwik runs its tries on it too). */
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    boolean example = context.attributes().tries().map(t -> t == 1).orElse(false)
        && context.optionalElement().map(e -> e.isAnnotationPresent(net.jqwik.api.Example.class)).orElse(false);
    if (example) {
      return property.execute();
    }
    Optional<Integer> tries = Optional.ofNullable(Integer.getInteger(TRIES));
    Optional<Duration> time = minutes();
    if (tries.isPresent()) {
      context.attributes().setTries(tries.get());
    } else if (time.isPresent()) {
      context.attributes().setTries(Integer.MAX_VALUE);
    }
    time.ifPresent(d -> DEADLINE.set(System.nanoTime() + d.toNanos()));
    try {
      return property.execute();
    } finally {
      DEADLINE.remove();
    }
  }

  @Override
  public TryExecutionResult aroundTry(
      TryLifecycleContext context, TryExecutor aTry, java.util.List<Object> parameters) {
    TryExecutionResult result = aTry.execute(parameters);
    Long deadline = DEADLINE.get();
    if (deadline != null && result.isSatisfied() && System.nanoTime() - deadline > 0) {
      return TryExecutionResult.satisfied(true);
    }
    return result;
  }

  /** The per-property time budget, if one was asked for. */
  static Optional<Duration> minutes() {
    String m = System.getProperty(MINUTES);
    if (m == null || m.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) (Double.parseDouble(m) * 60_000)));
  }
}
