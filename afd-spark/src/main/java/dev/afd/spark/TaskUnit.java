package dev.afd.spark;

import java.io.Serializable;

/**
 * One task's share of a study: a whole scenario (every strategy, every candidate), or one
 * contiguous slice of one strategy's candidate enumeration in a scenario too large for one task.
 *
 * @param scenarioIndex the scenario's position in study order
 * @param strategyIndex the strategy's position in the study, or {@link #ALL_STRATEGIES}
 * @param from the first candidate's position in the strategy's enumeration (0 for a whole scenario)
 * @param to the position after the last ({@link Long#MAX_VALUE} for a whole scenario)
 * @param weight candidates to evaluate, for balancing partitions (1 when not counted)
 */
record TaskUnit(int scenarioIndex, int strategyIndex, long from, long to, long weight)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The strategy index of a unit covering the whole scenario. */
  static final int ALL_STRATEGIES = -1;

  /** {@return a unit covering a whole scenario} */
  static TaskUnit scenario(int scenarioIndex, long weight) {
    return new TaskUnit(scenarioIndex, ALL_STRATEGIES, 0, Long.MAX_VALUE, weight);
  }

  /** {@return whether this unit covers the whole scenario} */
  boolean whole() {
    return strategyIndex == ALL_STRATEGIES;
  }
}
