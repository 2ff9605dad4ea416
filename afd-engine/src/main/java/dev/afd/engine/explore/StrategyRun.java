package dev.afd.engine.explore;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
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

  /**
   * Validates and copies.
   *
   * @throws AfdConfigurationException if the id is not lower-case kebab-case: it comes from the
   *     user ({@code --strategies}, a study file), so it is bad input, not a programming error
   */
  public StrategyRun {
    requireNonNull(strategyId, "strategyId");
    if (!Checks.isValidId(strategyId)) {
      throw new AfdConfigurationException(
          "Unknown strategy '"
              + strategyId
              + "': strategy ids are lower-case kebab-case, for example agg-afd (see 'afd"
              + " plugins')");
    }
    requireNonNull(options, "options");
    options = Collections.unmodifiableMap(new TreeMap<>(options));
  }

  /** {@return a run with default options} */
  public static StrategyRun of(String strategyId) {
    return new StrategyRun(strategyId, Map.of());
  }
}
