package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The executor's side: builds the study's engine and explorer once for the partition, explores each
 * scenario whose index the partition holds exactly as the local explorer does, and returns plain
 * records. Serialisable (it carries only the {@link StudyJob}).
 */
final class ExplorePartition implements FlatMapFunction<Iterator<Integer>, ScenarioRecord> {
  private static final long serialVersionUID = 1L;

  private final StudyJob job;

  ExplorePartition(StudyJob job) {
    this.job = requireNonNull(job, "job");
  }

  @Override
  public Iterator<ScenarioRecord> call(Iterator<Integer> scenarioIndices) {
    if (!scenarioIndices.hasNext()) {
      return List.<ScenarioRecord>of().iterator();
    }
    StudySession session = StudySession.open(job);
    List<ScenarioRecord> records = new ArrayList<>();
    while (scenarioIndices.hasNext()) {
      int index = scenarioIndices.next();
      Scenario scenario = session.scenarios().get(index);
      List<ResultRecord> results = new ArrayList<>();
      long start = System.nanoTime();
      ScenarioResult result =
          session
              .explorer()
              .explore(
                  scenario,
                  session.study().strategies(),
                  job.keepResults()
                      ? candidate -> results.add(ResultRecord.of(candidate))
                      : candidate -> {});
      List<OutcomeRecord> outcomes = new ArrayList<>();
      for (StrategyOutcome outcome : result.outcomes()) {
        outcomes.add(OutcomeRecord.of(outcome));
      }
      records.add(new ScenarioRecord(index, outcomes, results, (System.nanoTime() - start) / 1e9));
    }
    return records.iterator();
  }
}
