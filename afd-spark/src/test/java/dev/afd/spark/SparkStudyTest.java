package dev.afd.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.cost.MeasuredKernelCostModel;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.explore.StudyFiles;
import dev.afd.engine.explore.StudyResult;
import dev.afd.engine.explore.StudyRunner;
import dev.afd.engine.explore.StudySpec;
import dev.afd.engine.network.AnalyticalNetworkModel;
import dev.afd.engine.recipe.Backend;
import dev.afd.engine.recipe.ServingRecipe;
import dev.afd.engine.report.Csv;
import dev.afd.engine.report.ExploreOutputs;
import dev.afd.engine.report.ResultsCsvWriter;
import dev.afd.simulate.RefineReport;
import dev.afd.simulate.Refinement;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkStudyTest {
  private static SparkSession session;

  /** The local explorer's run of the small fleet, its outputs and its rows, made once. */
  private static StudyResult local;

  private static final List<List<ServingResult>> LOCAL_ROWS = new ArrayList<>();

  /** The local run's engine, explorer and cost model, for refining as {@code afd explore}. */
  private static AfdEngine localEngine;

  private static Explorer localExplorer;

  private static KernelCostModel localCostModel;

  @TempDir static Path shared;

  @BeforeAll
  static void startSparkAndExploreLocally() throws Exception {
    session =
        SparkSession.builder()
            .master("local[2]")
            .appName("afd-spark-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.debug.maxToStringFields", "64")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    session.sparkContext().setLogLevel("WARN");
    try (ExploreOutputs outputs = ExploreOutputs.open(shared.resolve("local"))) {
      local = exploreLocally(studyFile(), outputs);
      outputs.finish(local);
    }
  }

  @AfterAll
  static void stopSpark() {
    session.stop();
  }

  private static Path studyFile() throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(SparkStudyTest.class.getResource("/small-fleet.yaml")).toURI());
  }

  /** The local explorer, built as {@code afd explore --study-file} builds it. */
  private static StudyResult exploreLocally(Path file, ExploreOutputs outputs) {
    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    StudySpec study = StudyFiles.read(file, engine);
    localEngine = engine;
    localCostModel =
        KernelCostModels.forEngine(engine, null, MeasuredKernelCostModel.DEFAULT_BACKEND);
    Explorer explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(localCostModel)
            .recipe(ServingRecipe.of(Backend.of(MeasuredKernelCostModel.DEFAULT_BACKEND)))
            .conventions(study.conventions())
            .networkModels(AnalyticalNetworkModel::new)
            .build();
    localExplorer = explorer;
    StudyRunner runner = new StudyRunner(explorer, engine::model, engine::system);
    return runner.runPerScenario(
        study,
        scenario -> {
          List<ServingResult> rows = new ArrayList<>();
          LOCAL_ROWS.add(rows);
          return outputs.results(scenario).andThen(rows::add);
        });
  }

  /** Same scenarios, outcomes field by field, recommendations, and every output file's bytes. */
  private static void assertSameAsLocal(SparkStudy.Outcome distributed, Path sparkDirectory)
      throws IOException {
    assertThat(local.scenarios()).hasSize(4);
    assertThat(local.scenarios())
        .anySatisfy(scenario -> assertThat(scenario.recommendation()).isPresent());
    assertThat(distributed.study().study()).isEqualTo(local.study());
    assertThat(distributed.study().candidates()).isEqualTo(local.candidates()).isPositive();
    List<ScenarioResult> sparkScenarios = distributed.study().scenarios();
    for (int index = 0; index < local.scenarios().size(); index++) {
      ScenarioResult expected = local.scenarios().get(index);
      ScenarioResult actual = sparkScenarios.get(index);
      assertThat(actual.scenario()).isEqualTo(expected.scenario());
      assertThat(actual.outcomes()).isEqualTo(expected.outcomes());
      assertThat(actual.recommendation().map(StrategyOutcome::strategyId))
          .isEqualTo(expected.recommendation().map(StrategyOutcome::strategyId));
      assertThat(actual.recommendation().flatMap(StrategyOutcome::bestPerDevice))
          .isEqualTo(expected.recommendation().flatMap(StrategyOutcome::bestPerDevice));
    }
    for (String name : ExploreOutputs.FILES) {
      assertThat(Files.readString(sparkDirectory.resolve(name)))
          .as(name)
          .isEqualTo(Files.readString(shared.resolve("local").resolve(name)));
    }
  }

  @Test
  void byScenarioSparkGivesTheLocalExplorersResultsRowsAndRecommendations(@TempDir Path directory)
      throws Exception {
    // Three partitions for four scenarios: one partition explores two, reusing its engine.
    SparkStudy.Outcome distributed =
        SparkStudy.run(
            session,
            StudyJob.of(studyFile()),
            SparkStudy.Settings.of(3).withMaxCandidatesPerTask(SparkStudy.NO_SPLIT));
    SparkExplore.write(distributed, directory);

    assertThat(distributed.partitions()).isEqualTo(3);
    assertThat(distributed.units()).isEqualTo(4);
    assertThat(distributed.splitScenarios()).isZero();
    assertSameAsLocal(distributed, directory);
    assertThat(Files.readAllLines(directory.resolve("results.csv")))
        .hasSize((int) local.candidates() + 1);
  }

  @Test
  void byCandidateRangeSparkGivesTheSameResultsRowsAndRecommendations(@TempDir Path directory)
      throws Exception {
    // 97 (a prime, so slices end at no round position) cuts every scenario of the small fleet,
    // each strategy into ceil(count / 97) slices.
    long max = 97;
    SparkStudy.Outcome distributed =
        SparkStudy.run(
            session,
            StudyJob.of(studyFile()),
            SparkStudy.Settings.of(4).withMaxCandidatesPerTask(max));
    SparkExplore.write(distributed, directory);

    long slices = 0;
    for (ScenarioResult scenario : local.scenarios()) {
      assertThat(scenario.candidates()).isGreaterThan(max);
      for (StrategyOutcome outcome : scenario.outcomes()) {
        slices += (outcome.candidates() + max - 1) / max;
      }
    }
    assertThat(distributed.splitScenarios()).isEqualTo(4);
    assertThat(distributed.units()).isEqualTo(slices).isGreaterThan(8);
    assertThat(distributed.partitions()).isEqualTo(4);
    assertSameAsLocal(distributed, directory);
  }

  @Test
  void parquetHoldsOneRowPerCandidateInTheResultsColumns(@TempDir Path directory) throws Exception {
    String parquet = directory.resolve("all.parquet").toString();
    SparkStudy.Outcome distributed =
        SparkStudy.run(
            session,
            StudyJob.of(studyFile()).withKeepResults(false),
            SparkStudy.Settings.of(3)
                .withMaxCandidatesPerTask(97)
                .withParquet(parquet, SparkStudy.Rows.ALL));
    SparkExplore.writeSummaries(distributed, directory.resolve("out"));

    Dataset<Row> rows = session.read().parquet(parquet);
    List<String> expectedColumns = new ArrayList<>(ParquetRows.PLACE_COLUMNS);
    expectedColumns.addAll(ResultsCsvWriter.HEADER);
    assertThat(rows.columns()).containsExactlyElementsOf(expectedColumns);
    assertThat(rows.count()).isEqualTo(local.candidates());
    assertThat(distributed.parquetRows()).isEqualTo(local.candidates());
    assertThat(distributed.splitScenarios()).isEqualTo(4);
    // Sorted by their place, the rows are the local explorer's, value for value: the slices'
    // candidate positions continue where the previous slice stopped.
    List<Row> ordered =
        rows.orderBy("scenarioIndex", "strategyIndex", "candidateIndex")
            .select("scenarioIndex", "strategy", "feasible", "tokensPerSecondPerGpu", "config")
            .collectAsList();
    int row = 0;
    for (int scenario = 0; scenario < LOCAL_ROWS.size(); scenario++) {
      for (ServingResult expected : LOCAL_ROWS.get(scenario)) {
        Row actual = ordered.get(row++);
        assertThat(actual.getInt(0)).isEqualTo(scenario);
        assertThat(actual.getString(1)).isEqualTo(expected.strategy());
        assertThat(actual.getBoolean(2)).isEqualTo(expected.feasible());
        assertThat(actual.getDouble(3)).isEqualTo(expected.tokensPerSecondPerDevice());
        assertThat(actual.getString(4)).isEqualTo(Csv.pairs(expected.knobs()));
      }
    }
    for (String name : List.of("frontier.csv", "summary.json", "report.html")) {
      assertThat(Files.readString(directory.resolve("out").resolve(name)))
          .as(name)
          .isEqualTo(Files.readString(shared.resolve("local").resolve(name)));
    }
    assertThat(directory.resolve("out").resolve("results.csv")).doesNotExist();
  }

  @Test
  void parquetKeepsOnlyFeasibleOrFrontierRowsWhenAsked(@TempDir Path directory) throws Exception {
    long feasible = 0;
    long frontier = 0;
    for (ScenarioResult scenario : local.scenarios()) {
      for (StrategyOutcome outcome : scenario.outcomes()) {
        feasible += outcome.feasible();
        frontier += outcome.frontier().size();
      }
    }
    String feasibleRows = directory.resolve("feasible.parquet").toString();
    String frontierRows = directory.resolve("frontier.parquet").toString();
    StudyJob job = StudyJob.of(studyFile()).withKeepResults(false);

    SparkStudy.run(
        session,
        job,
        SparkStudy.Settings.of(2).withParquet(feasibleRows, SparkStudy.Rows.FEASIBLE));
    SparkStudy.Outcome frontierRun =
        SparkStudy.run(
            session,
            job,
            SparkStudy.Settings.of(2).withParquet(frontierRows, SparkStudy.Rows.FRONTIER));

    Dataset<Row> feasibleSet = session.read().parquet(feasibleRows);
    assertThat(feasibleSet.count()).isEqualTo(feasible).isLessThan(local.candidates());
    assertThat(feasibleSet.filter("feasible = false").count()).isZero();
    Dataset<Row> frontierSet = session.read().parquet(frontierRows);
    assertThat(frontierSet.count()).isEqualTo(frontier).isEqualTo(frontierRun.parquetRows());
    assertThat(frontierSet.filter("candidateIndex is not null").count()).isZero();
  }

  @Test
  void refinementRunsAsTasksAndReportsWhatTheLocalRefinementReports() throws Exception {
    int best = 2;
    double percentile = 90;
    long requests = 200;
    // The local side, as afd explore --refine 2 --refine-requests 200 runs it.
    Map<Scenario, Map<String, List<Refinement.Ranked>>> expected = new LinkedHashMap<>();
    for (int index = 0; index < local.scenarios().size(); index++) {
      Scenario scenario = local.scenarios().get(index).scenario();
      Refinement.Best kept = new Refinement.Best(best, scenario.slo());
      LOCAL_ROWS.get(index).forEach(kept);
      Map<String, List<Refinement.Ranked>> byStrategy = new LinkedHashMap<>();
      for (StrategyRun run : local.study().strategies()) {
        byStrategy.put(
            run.strategyId(),
            Refinement.refine(
                    localEngine,
                    localExplorer,
                    scenario,
                    run,
                    kept.of(run.strategyId()),
                    percentile,
                    requests,
                    1,
                    localCostModel,
                    new AnalyticalNetworkModel(scenario.cluster()))
                .stream()
                .map(Refinement.Refined::ranked)
                .toList());
      }
      expected.put(scenario, byStrategy);
    }

    // Cut into ranges, so each strategy's best candidates are merged from several tasks.
    SparkStudy.Outcome distributed =
        SparkStudy.run(
            session,
            StudyJob.of(studyFile())
                .withKeepResults(false)
                .withRefine(new StudyJob.Refine(best, percentile, requests)),
            SparkStudy.Settings.of(3).withMaxCandidatesPerTask(97));

    assertThat(distributed.refined()).isEqualTo(expected);
    assertThat(expected.values())
        .anySatisfy(
            byStrategy ->
                assertThat(byStrategy.values()).anySatisfy(rows -> assertThat(rows).hasSize(best)));
    assertThat(RefineReport.console(distributed.refined(), percentile, requests))
        .isEqualTo(RefineReport.console(expected, percentile, requests))
        .contains("Refined by simulation");
  }

  @Test
  void withoutResultsTasksReturnOnlyOutcomesAndFrontiers() throws Exception {
    StudyJob job = StudyJob.of(studyFile()).withKeepResults(false);

    SparkStudy.Outcome distributed = SparkStudy.run(session, job, SparkStudy.Settings.of(2));

    assertThat(distributed.results()).hasSize(4).allSatisfy(rows -> assertThat(rows).isEmpty());
    assertThat(distributed.parquetRows()).isEqualTo(-1);
    assertThat(distributed.study().scenarios())
        .allSatisfy(scenario -> assertThat(scenario.outcomes()).hasSize(2));
  }
}
