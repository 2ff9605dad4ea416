package dev.afd.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one task returns for one scenario: its outcomes per strategy and, when asked, every
 * evaluated candidate in enumeration order.
 *
 * @param scenarioIndex the scenario's position in the study's order
 * @param outcomes per strategy, in the study's order
 * @param results every evaluated candidate in enumeration order, or empty when not asked for
 * @param evaluationSeconds the executor's wall time for this scenario
 */
public record ScenarioRecord(
    int scenarioIndex,
    List<OutcomeRecord> outcomes,
    List<ResultRecord> results,
    double evaluationSeconds)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the lists. */
  public ScenarioRecord {
    outcomes = List.copyOf(outcomes);
    results = List.copyOf(results);
  }
}
