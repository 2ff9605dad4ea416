package dev.afd.engine.explore;

import java.util.List;

/**
 * The result of a study: one result per scenario, in study order.
 *
 * @param study the study
 * @param scenarios per model × system × workload
 * @param elapsedSeconds wall time of the search
 */
public record StudyResult(StudySpec study, List<ScenarioResult> scenarios, double elapsedSeconds) {

  /** Copies the scenarios. */
  public StudyResult {
    scenarios = List.copyOf(scenarios);
  }

  /** {@return candidates evaluated over the whole study} */
  public long candidates() {
    return scenarios.stream().mapToLong(ScenarioResult::candidates).sum();
  }
}
