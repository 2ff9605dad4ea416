package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.explore.StrategyOutcome;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StrategyOutcome} as plain serialisable values: the counts, best results, closest miss
 * and the frontier rows one executor found for one strategy in one scenario.
 *
 * @param strategyId the strategy
 * @param candidates candidates evaluated
 * @param feasible candidates that fit
 * @param meetingSlo feasible candidates that meet the SLO
 * @param bestPerDevice the highest tokens/s/GPU meeting the SLO, or null
 * @param bestSystem the highest system tokens/s meeting the SLO, or null
 * @param frontier the Pareto frontier rows, by tokens/s/user ascending
 * @param closest when nothing meets the SLO: the closest candidate, or null
 * @param whyNone why nothing meets the SLO, empty otherwise
 */
public record OutcomeRecord(
    String strategyId,
    long candidates,
    long feasible,
    long meetingSlo,
    @Nullable ResultRecord bestPerDevice,
    @Nullable ResultRecord bestSystem,
    List<ResultRecord> frontier,
    @Nullable ResultRecord closest,
    String whyNone)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the frontier. */
  public OutcomeRecord {
    requireNonNull(strategyId, "strategyId");
    frontier = List.copyOf(frontier);
    requireNonNull(whyNone, "whyNone");
  }

  /** {@return the record of an outcome} */
  public static OutcomeRecord of(StrategyOutcome outcome) {
    return new OutcomeRecord(
        outcome.strategyId(),
        outcome.candidates(),
        outcome.feasible(),
        outcome.meetingSlo(),
        outcome.bestPerDevice().map(ResultRecord::of).orElse(null),
        outcome.bestSystem().map(ResultRecord::of).orElse(null),
        outcome.frontier().stream().map(ResultRecord::of).toList(),
        outcome.closest().map(ResultRecord::of).orElse(null),
        outcome.whyNone());
  }

  /** {@return the outcome this record was made of} */
  public StrategyOutcome toOutcome() {
    return new StrategyOutcome(
        strategyId,
        candidates,
        feasible,
        meetingSlo,
        Optional.ofNullable(bestPerDevice).map(ResultRecord::toResult),
        Optional.ofNullable(bestSystem).map(ResultRecord::toResult),
        frontier.stream().map(ResultRecord::toResult).toList(),
        Optional.ofNullable(closest).map(ResultRecord::toResult),
        whyNone);
  }
}
