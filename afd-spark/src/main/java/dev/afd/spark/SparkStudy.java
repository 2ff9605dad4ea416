package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StudyResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a study on Spark: one task input per scenario, spread over partitions, each partition
 * building the engine once ({@link ExplorePartition}); the driver puts the returned records back in
 * study order and rebuilds the {@link StudyResult} the local explorer would have produced, so the
 * summary, frontier and recommendations written from it are the same.
 *
 * <p>Thread-safe for one run at a time per Spark context.
 */
public final class SparkStudy {
  private SparkStudy() {}

  /**
   * What a Spark run gives the driver.
   *
   * @param study the study result, scenarios in study order
   * @param results per scenario (study order), every evaluated candidate in enumeration order;
   *     empty lists when the job did not keep results
   * @param partitions the partitions the scenarios were spread over
   */
  public record Outcome(StudyResult study, List<List<ServingResult>> results, int partitions) {
    /** Copies the lists. */
    public Outcome {
      requireNonNull(study, "study");
      results = results.stream().map(List::copyOf).toList();
    }
  }

  /**
   * Runs a study with two partitions per default-parallelism slot (enough to even out scenarios of
   * unequal size without building the engine far more often than there are cores).
   *
   * @param spark the Spark context
   * @param job the study
   * @return the merged result
   */
  public static Outcome run(JavaSparkContext spark, StudyJob job) {
    return run(spark, job, 2 * spark.defaultParallelism());
  }

  /**
   * Runs a study over at most {@code partitions} partitions.
   *
   * @param spark the Spark context
   * @param job the study
   * @param partitions the most partitions; fewer when there are fewer scenarios
   * @return the merged result
   */
  public static Outcome run(JavaSparkContext spark, StudyJob job, int partitions) {
    requireNonNull(spark, "spark");
    requireNonNull(job, "job");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got '" + partitions + "'");
    }
    long start = System.nanoTime();
    // The driver checks the study (ids, options) before any task starts, and keeps the scenarios
    // the records are merged back into.
    StudySession driver = StudySession.open(job);
    List<Scenario> scenarios = driver.scenarios();
    if (scenarios.isEmpty()) {
      return new Outcome(
          new StudyResult(driver.study(), List.of(), (System.nanoTime() - start) / 1e9),
          List.of(),
          0);
    }
    int slices = Math.min(partitions, scenarios.size());
    List<Integer> indices = IntStream.range(0, scenarios.size()).boxed().toList();
    List<ScenarioRecord> records =
        new ArrayList<>(
            spark.parallelize(indices, slices).mapPartitions(new ExplorePartition(job)).collect());
    records.sort(Comparator.comparingInt(ScenarioRecord::scenarioIndex));
    if (records.size() != scenarios.size()) {
      throw new IllegalStateException(
          "expected one record per scenario ("
              + scenarios.size()
              + "), got '"
              + records.size()
              + "'");
    }
    List<ScenarioResult> scenarioResults = new ArrayList<>();
    List<List<ServingResult>> results = new ArrayList<>();
    for (ScenarioRecord record : records) {
      List<StrategyOutcome> outcomes =
          record.outcomes().stream().map(OutcomeRecord::toOutcome).toList();
      scenarioResults.add(new ScenarioResult(scenarios.get(record.scenarioIndex()), outcomes));
      results.add(record.results().stream().map(ResultRecord::toResult).toList());
    }
    return new Outcome(
        new StudyResult(driver.study(), scenarioResults, (System.nanoTime() - start) / 1e9),
        results,
        slices);
  }
}
