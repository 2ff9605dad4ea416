package dev.afd.engine.explore;

import dev.afd.api.strategy.ServingResult;
import java.util.List;
import java.util.Optional;

/**
 * What the search found for one strategy in one scenario.
 *
 * @param strategyId the strategy
 * @param candidates candidates evaluated
 * @param feasible candidates that fit (memory, structure)
 * @param meetingSlo feasible candidates that also meet the SLO
 * @param bestPerDevice the highest tokens/s/GPU meeting the SLO, if any
 * @param bestSystem the highest system tokens/s meeting the SLO, if any
 * @param frontier the Pareto frontier of tokens/s/GPU vs tokens/s/user over feasible candidates
 * @param closest when nothing meets the SLO: the candidate closest to it
 * @param whyNone when nothing meets the SLO: which constraint the closest candidate misses, by how
 *     much; empty otherwise
 */
public record StrategyOutcome(
    String strategyId,
    long candidates,
    long feasible,
    long meetingSlo,
    Optional<ServingResult> bestPerDevice,
    Optional<ServingResult> bestSystem,
    List<ServingResult> frontier,
    Optional<ServingResult> closest,
    String whyNone) {

  /** Copies the frontier. */
  public StrategyOutcome {
    frontier = List.copyOf(frontier);
  }
}
