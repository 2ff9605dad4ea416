package dev.afd.engine.explore;

import java.util.List;
import java.util.Optional;

/**
 * The search result of one scenario: one outcome per strategy, and the recommendation.
 *
 * @param scenario the scenario
 * @param outcomes per strategy, in the order requested
 */
public record ScenarioResult(Scenario scenario, List<StrategyOutcome> outcomes) {

  /** Copies the outcomes. */
  public ScenarioResult {
    outcomes = List.copyOf(outcomes);
  }

  /** {@return the strategy with the highest tokens/s/GPU under the SLO; first wins ties} */
  public Optional<StrategyOutcome> recommendation() {
    StrategyOutcome best = null;
    for (StrategyOutcome outcome : outcomes) {
      if (outcome.bestPerDevice().isEmpty()) {
        continue;
      }
      if (best == null
          || outcome.bestPerDevice().get().tokensPerSecondPerDevice()
              > best.bestPerDevice().get().tokensPerSecondPerDevice()) {
        best = outcome;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@return candidates evaluated over all strategies} */
  public long candidates() {
    return outcomes.stream().mapToLong(StrategyOutcome::candidates).sum();
  }
}
