package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.explore.OutcomeAccumulator;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OutcomeAccumulator.Partial} as plain serialisable values: what one task found for one
 * strategy over its candidates (a whole scenario's or one slice's).
 *
 * @param strategyId the strategy
 * @param candidates candidates evaluated
 * @param feasible those that fit
 * @param meetingSlo those that fit and meet the SLO
 * @param bestPerDevice the first highest tokens/s/GPU meeting the SLO, or null
 * @param bestSystem the first highest system tokens/s meeting the SLO, or null
 * @param closest the first feasible candidate closest to the SLO among those missing it, or null
 * @param firstInfeasible the first infeasible candidate, or null
 * @param frontier the Pareto frontier rows, by tokens/s/user ascending
 */
public record PartialRecord(
    String strategyId,
    long candidates,
    long feasible,
    long meetingSlo,
    @Nullable ResultRecord bestPerDevice,
    @Nullable ResultRecord bestSystem,
    @Nullable ResultRecord closest,
    @Nullable ResultRecord firstInfeasible,
    List<ResultRecord> frontier)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the frontier. */
  public PartialRecord {
    requireNonNull(strategyId, "strategyId");
    frontier = List.copyOf(frontier);
  }

  /** {@return the record of a partial} */
  public static PartialRecord of(OutcomeAccumulator.Partial partial) {
    return new PartialRecord(
        partial.strategyId(),
        partial.candidates(),
        partial.feasible(),
        partial.meetingSlo(),
        partial.bestPerDevice().map(ResultRecord::of).orElse(null),
        partial.bestSystem().map(ResultRecord::of).orElse(null),
        partial.closest().map(ResultRecord::of).orElse(null),
        partial.firstInfeasible().map(ResultRecord::of).orElse(null),
        partial.frontier().stream().map(ResultRecord::of).toList());
  }

  /** {@return the partial this record was made of} */
  public OutcomeAccumulator.Partial toPartial() {
    return new OutcomeAccumulator.Partial(
        strategyId,
        candidates,
        feasible,
        meetingSlo,
        frontier.stream().map(ResultRecord::toResult).toList(),
        Optional.ofNullable(bestPerDevice).map(ResultRecord::toResult),
        Optional.ofNullable(bestSystem).map(ResultRecord::toResult),
        Optional.ofNullable(closest).map(ResultRecord::toResult),
        Optional.ofNullable(firstInfeasible).map(ResultRecord::toResult));
  }
}
