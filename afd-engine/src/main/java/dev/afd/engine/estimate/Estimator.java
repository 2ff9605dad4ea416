package dev.afd.engine.estimate;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one fully specified configuration: the strategy's options, narrowed by the user, must
 * leave exactly one candidate.
 */
public final class Estimator {
  private Estimator() {}

  /** The estimate: the result and the per-operator breakdown of its steps. */
  public record Estimate(Scenario scenario, ServingResult result, List<OperatorRow> operators) {}

  /**
   * Estimates one configuration.
   *
   * @throws AfdConfigurationException when the options leave no candidate or several (naming the
   *     knobs that still vary)
   */
  public static Estimate estimate(
      Explorer explorer,
      Scenario scenario,
      StrategyRun run,
      KernelCostModel costModel,
      NetworkModel network) {
    ServingStrategy strategy = explorer.strategy(scenario, run);
    Candidate candidate = onlyCandidate(strategy, scenario, run);
    // Through the explorer: a throwing or untrustworthy result is reported against the plugin.
    ServingResult result = explorer.evaluate(scenario, run.strategyId(), strategy, candidate);
    List<OperatorRow> rows =
        OperatorBreakdown.of(
            explorer.servedModel(scenario),
            scenario.cluster(),
            costModel,
            network,
            strategy.describe(candidate));
    return new Estimate(scenario, result, rows);
  }

  /**
   * {@return the one candidate the run's options leave}
   *
   * @throws AfdConfigurationException when the options leave no candidate or several (naming the
   *     knobs that still vary)
   */
  public static Candidate onlyCandidate(
      ServingStrategy strategy, Scenario scenario, StrategyRun run) {
    List<Candidate> candidates = new ArrayList<>();
    strategy.enumerate(candidates::add);
    if (candidates.isEmpty()) {
      throw new AfdConfigurationException(
          "Strategy '"
              + run.strategyId()
              + "' has no candidate with options "
              + run.options()
              + " within "
              + scenario.deviceBudget()
              + " GPUs; widen the options or the GPU budget");
    }
    if (candidates.size() > 1) {
      throw new AfdConfigurationException(
          "Options of strategy '"
              + run.strategyId()
              + "' leave "
              + candidates.size()
              + " candidates; fix the knobs that vary with --set "
              + run.strategyId()
              + ".KEY=VALUE: "
              + varying(candidates));
    }
    return candidates.get(0);
  }

  private static String varying(List<Candidate> candidates) {
    Map<String, Set<String>> values = new LinkedHashMap<>();
    for (Candidate candidate : candidates) {
      candidate
          .knobs()
          .forEach(
              (key, value) -> values.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(value));
    }
    List<String> parts = new ArrayList<>();
    values.forEach(
        (key, seen) -> {
          if (seen.size() > 1) {
            parts.add(key + " " + seen);
          }
        });
    return String.join(", ", parts);
  }
}
