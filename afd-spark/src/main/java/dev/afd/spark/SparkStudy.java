package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.OutcomeAccumulator;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.explore.StudyResult;
import dev.afd.simulate.Refinement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.jspecify.annotations.Nullable;

/**
 * Runs a study on Spark and merges what the tasks return into the {@link StudyResult} the local
 * explorer would have produced, so the summary, frontier and recommendations written from it are
 * the same.
 *
 * <p>The work is cut into {@link TaskUnit}s: a whole scenario, or — for a scenario with more
 * candidates than {@link Settings#maxCandidatesPerTask} — contiguous slices of each strategy's
 * candidate enumeration ({@link dev.afd.engine.explore.Explorer#exploreRange}). Splitting needs the
 * counts, so a first, cheap stage enumerates every scenario's candidates on the executors. The
 * units are balanced over the partitions by candidate count; each partition evaluates its units
 * with a pooled engine. The driver adds the slices' partial outcomes in enumeration order ({@link
 * OutcomeAccumulator#add}), which gives exactly the local explorer's outcome whatever the cut.
 *
 * <p>Thread-safe for one run at a time per Spark context.
 */
public final class SparkStudy {
  private SparkStudy() {}

  /** {@link Settings#maxCandidatesPerTask}: cut at the total divided by the partitions. */
  public static final long AUTO = -1;

  /** {@link Settings#maxCandidatesPerTask}: one unit per scenario, no counting stage. */
  public static final long NO_SPLIT = 0;

  /** Which rows the Parquet output holds. */
  public enum Rows {
    /** Every evaluated candidate. */
    ALL,
    /** Only feasible candidates. */
    FEASIBLE,
    /** Only the merged Pareto frontier rows of each scenario and strategy. */
    FRONTIER;

    /** {@return the rows named {@code all}, {@code feasible} or {@code frontier}} */
    public static Rows parse(String name) {
      for (Rows rows : values()) {
        if (rows.name().toLowerCase(Locale.ROOT).equals(name)) {
          return rows;
        }
      }
      throw new IllegalArgumentException(
          "rows '" + name + "' is not one of all, feasible, frontier");
    }
  }

  /**
   * How a run splits the study and where its rows go.
   *
   * @param partitions the most partitions
   * @param maxCandidatesPerTask the most candidates one unit evaluates; {@link #AUTO} or {@link
   *     #NO_SPLIT}
   * @param parquet where Spark's Parquet writer stores the rows (any path Spark can write: a local
   *     directory, {@code hdfs://}, {@code s3a://}); null for none
   * @param rows which rows go to Parquet
   */
  public record Settings(
      int partitions, long maxCandidatesPerTask, @Nullable String parquet, Rows rows) {
    /** Validates. */
    public Settings {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be >= 1, got '" + partitions + "'");
      }
      if (maxCandidatesPerTask < AUTO) {
        throw new IllegalArgumentException(
            "maxCandidatesPerTask must be >= 1, AUTO or NO_SPLIT, got '"
                + maxCandidatesPerTask
                + "'");
      }
      requireNonNull(rows, "rows");
    }

    /** {@return settings with {@code partitions}, automatic splitting and no Parquet} */
    public static Settings of(int partitions) {
      return new Settings(partitions, AUTO, null, Rows.ALL);
    }

    /** {@return these settings with another cut} */
    public Settings withMaxCandidatesPerTask(long max) {
      return new Settings(partitions, max, parquet, rows);
    }

    /** {@return these settings writing {@code rows} to Parquet at {@code path}} */
    public Settings withParquet(String path, Rows which) {
      return new Settings(partitions, maxCandidatesPerTask, path, which);
    }
  }

  /**
   * What a Spark run gives the driver.
   *
   * @param study the study result, scenarios in study order
   * @param results per scenario (study order), every evaluated candidate in enumeration order;
   *     empty lists when the job did not keep results
   * @param partitions the partitions the units were spread over
   * @param units the task units
   * @param splitScenarios scenarios cut into candidate ranges
   * @param parquetRows rows written to Parquet, or -1 when none were asked for
   * @param refined with refinement: per scenario (study order) and strategy, the simulated best
   *     candidates re-ranked, as {@code afd explore --refine} reports them; empty otherwise
   */
  public record Outcome(
      StudyResult study,
      List<List<ServingResult>> results,
      int partitions,
      int units,
      int splitScenarios,
      long parquetRows,
      Map<Scenario, Map<String, List<Refinement.Ranked>>> refined) {
    /** Copies the lists. */
    public Outcome {
      requireNonNull(study, "study");
      results = results.stream().map(List::copyOf).toList();
      requireNonNull(refined, "refined");
    }
  }

  /**
   * Runs a study over two partitions per default-parallelism slot (enough to even out units of
   * unequal size without building engines far more often than there are cores), cutting scenarios
   * larger than an even share of the candidates, without Parquet.
   *
   * @param spark the Spark session
   * @param job the study
   * @return the merged result
   */
  public static Outcome run(SparkSession spark, StudyJob job) {
    return run(
        spark,
        job,
        Settings.of(
            2 * JavaSparkContext.fromSparkContext(spark.sparkContext()).defaultParallelism()));
  }

  /**
   * Runs a study.
   *
   * @param spark the Spark session
   * @param job the study
   * @param settings partitions, cut and Parquet output
   * @return the merged result
   */
  public static Outcome run(SparkSession spark, StudyJob job, Settings settings) {
    requireNonNull(spark, "spark");
    requireNonNull(job, "job");
    requireNonNull(settings, "settings");
    long start = System.nanoTime();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // The driver checks the study (ids, options) before any task starts, and keeps the scenarios
    // the records are merged back into.
    StudySession driver = StudySession.borrow(job);
    StudySession.release(job, driver);
    List<Scenario> scenarios = driver.scenarios();
    List<StrategyRun> runs = driver.study().strategies();
    if (scenarios.isEmpty()) {
      return new Outcome(
          new StudyResult(driver.study(), List.of(), (System.nanoTime() - start) / 1e9),
          List.of(),
          0,
          0,
          0,
          settings.parquet() == null ? -1 : 0,
          Map.of());
    }
    List<TaskUnit> units = new ArrayList<>();
    int split = plan(context, job, settings, scenarios.size(), units);
    List<List<TaskUnit>> bins =
        balance(units, TaskUnit::weight, Math.min(settings.partitions(), units.size()));
    JavaRDD<List<TaskUnit>> tasks = context.parallelize(bins, bins.size());

    List<UnitRecord> records;
    long parquetRows = -1;
    if (settings.parquet() != null && settings.rows() != Rows.FRONTIER) {
      CollectionAccumulator<UnitRecord> accumulator =
          spark.sparkContext().collectionAccumulator("afd task units");
      JavaRDD<Row> rows =
          tasks.mapPartitions(
              new ParquetPartition(job, settings.rows() == Rows.FEASIBLE, accumulator));
      spark.createDataFrame(rows, ParquetRows.SCHEMA).write().parquet(settings.parquet());
      records = distinct(accumulator.value());
      parquetRows = 0;
      for (UnitRecord record : records) {
        for (PartialRecord partial : record.partials()) {
          parquetRows +=
              settings.rows() == Rows.FEASIBLE ? partial.feasible() : partial.candidates();
        }
      }
    } else {
      records = new ArrayList<>(tasks.mapPartitions(new EvaluatePartition(job)).collect());
    }
    if (records.size() != units.size()) {
      throw new IllegalStateException(
          "expected one record per task unit (" + units.size() + "), got '" + records.size() + "'");
    }
    records.sort(UNIT_ORDER);

    List<ScenarioResult> scenarioResults = new ArrayList<>();
    List<List<ServingResult>> results = new ArrayList<>();
    List<Refinement.Best> best = new ArrayList<>();
    int next = 0;
    for (int index = 0; index < scenarios.size(); index++) {
      Scenario scenario = scenarios.get(index);
      List<OutcomeAccumulator> accumulators = new ArrayList<>();
      for (StrategyRun run : runs) {
        accumulators.add(new OutcomeAccumulator(run.strategyId(), scenario.slo()));
      }
      List<ServingResult> rows = new ArrayList<>();
      // Each unit's best-first lists, fed in enumeration order, keep the same candidates as one
      // Best offered every result: ties between units go to the earlier unit, as in one pass.
      Refinement.@Nullable Best kept =
          job.refineBest() > 0 ? new Refinement.Best(job.refineBest(), scenario.slo()) : null;
      for (; next < records.size() && records.get(next).unit().scenarioIndex() == index; next++) {
        UnitRecord record = records.get(next);
        if (kept != null) {
          record.best().forEach(result -> kept.accept(result.toResult()));
        }
        int first = record.unit().whole() ? 0 : record.unit().strategyIndex();
        for (int offset = 0; offset < record.partials().size(); offset++) {
          accumulators.get(first + offset).add(record.partials().get(offset).toPartial());
        }
        record.results().forEach(result -> rows.add(result.toResult()));
      }
      scenarioResults.add(
          new ScenarioResult(
              scenario, accumulators.stream().map(OutcomeAccumulator::outcome).toList()));
      results.add(rows);
      if (kept != null) {
        best.add(kept);
      }
    }
    StudyResult study =
        new StudyResult(driver.study(), scenarioResults, (System.nanoTime() - start) / 1e9);
    if (settings.parquet() != null && settings.rows() == Rows.FRONTIER) {
      List<Row> rows = frontierRows(study);
      spark.createDataFrame(rows, ParquetRows.SCHEMA).write().parquet(settings.parquet());
      parquetRows = rows.size();
      study = new StudyResult(driver.study(), scenarioResults, (System.nanoTime() - start) / 1e9);
    }
    Map<Scenario, Map<String, List<Refinement.Ranked>>> refined =
        best.isEmpty() ? Map.of() : refine(context, job, settings, scenarios, runs, best);
    if (!best.isEmpty()) {
      study = new StudyResult(driver.study(), scenarioResults, (System.nanoTime() - start) / 1e9);
    }
    return new Outcome(study, results, bins.size(), units.size(), split, parquetRows, refined);
  }

  /**
   * The refinement stage: one work item per scenario and strategy with candidates to simulate,
   * balanced by their number; the rows come back in study order.
   */
  private static Map<Scenario, Map<String, List<Refinement.Ranked>>> refine(
      JavaSparkContext context,
      StudyJob job,
      Settings settings,
      List<Scenario> scenarios,
      List<StrategyRun> runs,
      List<Refinement.Best> best) {
    List<RefinePartition.Work> work = new ArrayList<>();
    for (int scenario = 0; scenario < scenarios.size(); scenario++) {
      for (int strategy = 0; strategy < runs.size(); strategy++) {
        List<ServingResult> kept = best.get(scenario).of(runs.get(strategy).strategyId());
        if (!kept.isEmpty()) {
          work.add(
              new RefinePartition.Work(
                  scenario, strategy, kept.stream().map(ResultRecord::of).toList()));
        }
      }
    }
    List<RefinePartition.Done> done = new ArrayList<>();
    if (!work.isEmpty()) {
      List<List<RefinePartition.Work>> bins =
          balance(work, item -> item.best().size(), Math.min(settings.partitions(), work.size()));
      done.addAll(
          context.parallelize(bins, bins.size()).mapPartitions(new RefinePartition(job)).collect());
    }
    Map<Scenario, Map<String, List<Refinement.Ranked>>> refined = new LinkedHashMap<>();
    for (Scenario scenario : scenarios) {
      Map<String, List<Refinement.Ranked>> byStrategy = new LinkedHashMap<>();
      for (StrategyRun run : runs) {
        // A strategy with nothing meeting the SLO reports an empty list, as the local run does.
        byStrategy.put(run.strategyId(), List.of());
      }
      refined.put(scenario, byStrategy);
    }
    for (RefinePartition.Done one : done) {
      refined
          .get(scenarios.get(one.scenarioIndex()))
          .put(
              runs.get(one.strategyIndex()).strategyId(),
              one.ranked().stream().map(RankedRecord::toRanked).toList());
    }
    return refined;
  }

  private static final Comparator<UnitRecord> UNIT_ORDER =
      Comparator.<UnitRecord>comparingInt(record -> record.unit().scenarioIndex())
          .thenComparingInt(record -> record.unit().strategyIndex())
          .thenComparingLong(record -> record.unit().from());

  /**
   * Lists the units: one per scenario, or with counts, slices of at most the cut for scenarios
   * above it.
   *
   * @return how many scenarios were cut
   */
  private static int plan(
      JavaSparkContext context,
      StudyJob job,
      Settings settings,
      int scenarioCount,
      List<TaskUnit> units) {
    if (settings.maxCandidatesPerTask() == NO_SPLIT) {
      for (int index = 0; index < scenarioCount; index++) {
        units.add(TaskUnit.scenario(index, 1));
      }
      return 0;
    }
    List<Integer> indices = IntStream.range(0, scenarioCount).boxed().toList();
    List<CountPartition.Counts> counts =
        new ArrayList<>(
            context
                .parallelize(indices, Math.min(settings.partitions(), scenarioCount))
                .mapPartitions(new CountPartition(job))
                .collect());
    counts.sort(Comparator.comparingInt(CountPartition.Counts::scenarioIndex));
    long total = counts.stream().mapToLong(CountPartition.Counts::total).sum();
    long max =
        settings.maxCandidatesPerTask() == AUTO
            ? Math.max(1, (total + settings.partitions() - 1) / settings.partitions())
            : settings.maxCandidatesPerTask();
    int split = 0;
    for (CountPartition.Counts scenario : counts) {
      if (scenario.total() <= max) {
        units.add(TaskUnit.scenario(scenario.scenarioIndex(), Math.max(1, scenario.total())));
        continue;
      }
      split++;
      // A strategy with no candidates gets no unit: its empty accumulator on the driver gives
      // the outcome the local explorer reports for it.
      for (int strategy = 0; strategy < scenario.perStrategy().size(); strategy++) {
        long count = scenario.perStrategy().get(strategy);
        for (long from = 0; from < count; from += max) {
          long to = Math.min(count, from + max);
          units.add(new TaskUnit(scenario.scenarioIndex(), strategy, from, to, to - from));
        }
      }
    }
    return split;
  }

  /**
   * Spreads items over {@code bins} partitions, heaviest first into the lightest bin (lowest index
   * on ties), each bin then in the items' order; deterministic for given items.
   */
  static <T> List<List<T>> balance(List<T> items, ToLongFunction<T> weight, int bins) {
    long[] load = new long[bins];
    List<List<Integer>> placed = new ArrayList<>();
    for (int bin = 0; bin < bins; bin++) {
      placed.add(new ArrayList<>());
    }
    List<Integer> order = new ArrayList<>(IntStream.range(0, items.size()).boxed().toList());
    order.sort(Comparator.comparingLong((Integer index) -> -weight.applyAsLong(items.get(index))));
    for (int index : order) {
      int lightest = 0;
      for (int bin = 1; bin < bins; bin++) {
        if (load[bin] < load[lightest]) {
          lightest = bin;
        }
      }
      load[lightest] += weight.applyAsLong(items.get(index));
      placed.get(lightest).add(index);
    }
    List<List<T>> result = new ArrayList<>();
    for (List<Integer> bin : placed) {
      bin.sort(Comparator.naturalOrder());
      List<T> members = new ArrayList<>();
      for (int index : bin) {
        members.add(items.get(index));
      }
      result.add(members);
    }
    return result;
  }

  /** {@return one record per unit: a retried task may have reported its unit twice} */
  private static List<UnitRecord> distinct(List<UnitRecord> records) {
    Map<TaskUnit, UnitRecord> byUnit = new LinkedHashMap<>();
    for (UnitRecord record : records) {
      byUnit.putIfAbsent(record.unit(), record);
    }
    return new ArrayList<>(byUnit.values());
  }

  /** {@return the merged frontier of every scenario and strategy as Parquet rows} */
  private static List<Row> frontierRows(StudyResult study) {
    List<Row> rows = new ArrayList<>();
    for (int scenario = 0; scenario < study.scenarios().size(); scenario++) {
      ScenarioResult result = study.scenarios().get(scenario);
      List<StrategyOutcome> outcomes = result.outcomes();
      for (int strategy = 0; strategy < outcomes.size(); strategy++) {
        for (ServingResult point : outcomes.get(strategy).frontier()) {
          rows.add(ParquetRows.of(scenario, result.scenario(), strategy, null, point));
        }
      }
    }
    return rows;
  }
}
