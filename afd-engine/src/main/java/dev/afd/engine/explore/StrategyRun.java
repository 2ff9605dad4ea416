package dev.afd.engine.explore;

import static java.util.Objects.requireNonNull;

import dev.afd.api.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A strategy to run, with the raw option values the user set (parsed against its declared options).
 *
 * @param strategyId the strategy id
 * @param options raw option values, sorted by key
 */
public record StrategyRun(String strategyId, Map<String, String> options) {

  /** Validates and copies. */
  public StrategyRun {
    Checks.id(strategyId, "strategy id");
    requireNonNull(options, "options");
    options = Collections.unmodifiableMap(new TreeMap<>(options));
  }

  /** {@return a run with default options} */
  public static StrategyRun of(String strategyId) {
    return new StrategyRun(strategyId, Map.of());
  }
}
