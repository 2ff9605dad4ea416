package dev.afd.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.cost.MeasuredKernelCostModel;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StudyFiles;
import dev.afd.engine.explore.StudyResult;
import dev.afd.engine.explore.StudyRunner;
import dev.afd.engine.explore.StudySpec;
import dev.afd.engine.network.AnalyticalNetworkModel;
import dev.afd.engine.recipe.Backend;
import dev.afd.engine.recipe.ServingRecipe;
import dev.afd.engine.report.ExploreOutputs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkStudyTest {
  private static SparkSession session;
  private static JavaSparkContext spark;

  @BeforeAll
  static void startSpark() {
    session =
        SparkSession.builder()
            .master("local[2]")
            .appName("afd-spark-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    session.sparkContext().setLogLevel("WARN");
    spark = JavaSparkContext.fromSparkContext(session.sparkContext());
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
    Explorer explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(
                KernelCostModels.forEngine(engine, null, MeasuredKernelCostModel.DEFAULT_BACKEND))
            .recipe(ServingRecipe.of(Backend.of(MeasuredKernelCostModel.DEFAULT_BACKEND)))
            .conventions(study.conventions())
            .networkModels(AnalyticalNetworkModel::new)
            .build();
    StudyRunner runner = new StudyRunner(explorer, engine::model, engine::system);
    return runner.runPerScenario(study, outputs::results);
  }

  @Test
  void sparkGivesTheLocalExplorersResultsRowsAndRecommendations(@TempDir Path directory)
      throws Exception {
    Path file = studyFile();
    Path localDirectory = directory.resolve("local");
    StudyResult local;
    try (ExploreOutputs outputs = ExploreOutputs.open(localDirectory)) {
      local = exploreLocally(file, outputs);
      outputs.finish(local);
    }

    // Three partitions for four scenarios: one partition explores two, so the engine is reused.
    SparkStudy.Outcome distributed = SparkStudy.run(spark, StudyJob.of(file), 3);
    Path sparkDirectory = directory.resolve("spark");
    SparkExplore.write(distributed, sparkDirectory);

    assertThat(distributed.partitions()).isEqualTo(3);
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
      assertThat(contents(sparkDirectory.resolve(name)))
          .as(name)
          .isEqualTo(contents(localDirectory.resolve(name)));
    }
    assertThat(Files.readAllLines(sparkDirectory.resolve("results.csv")))
        .hasSize((int) local.candidates() + 1);
  }

  @Test
  void withoutResultsTasksReturnOnlyOutcomesAndFrontiers() throws Exception {
    StudyJob job = StudyJob.of(studyFile()).withKeepResults(false);

    SparkStudy.Outcome distributed = SparkStudy.run(spark, job, 2);

    assertThat(distributed.results()).hasSize(4).allSatisfy(rows -> assertThat(rows).isEmpty());
    assertThat(distributed.study().scenarios())
        .allSatisfy(scenario -> assertThat(scenario.outcomes()).hasSize(2));
  }

  private static String contents(Path file) throws IOException {
    return Files.readString(file);
  }
}
