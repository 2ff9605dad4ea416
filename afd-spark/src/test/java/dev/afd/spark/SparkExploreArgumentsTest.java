package dev.afd.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code SparkExplore}'s command line, without starting Spark. */
class SparkExploreArgumentsTest {

  @Test
  void readsEveryOption() {
    SparkExplore.Arguments arguments =
        SparkExplore.Arguments.parse(
            new String[] {
              "--partitions",
              "8",
              "--max-candidates-per-task",
              "5000",
              "--parquet",
              "rows.parquet",
              "--rows",
              "feasible",
              "--backend",
              "vllm",
              "--json",
              "--refine",
              "3",
              "--slo-percentile",
              "99",
              "--refine-requests",
              "500",
              "fleet.yaml",
              "local[2]",
              "out"
            });

    assertThat(arguments)
        .isEqualTo(
            new SparkExplore.Arguments(
                Path.of("fleet.yaml"),
                "local[2]",
                Path.of("out"),
                8,
                5000,
                "rows.parquet",
                SparkStudy.Rows.FEASIBLE,
                "vllm",
                true,
                new StudyJob.Refine(3, 99, 500)));
  }

  @Test
  void defaultsCutAutomaticallyWithoutParquetOrRefinement() {
    SparkExplore.Arguments arguments =
        SparkExplore.Arguments.parse(new String[] {"fleet.yaml", "-"});

    assertThat(arguments.maxCandidatesPerTask()).isEqualTo(SparkStudy.AUTO);
    assertThat(arguments.partitions()).isZero();
    assertThat(arguments.out()).isNull();
    assertThat(arguments.parquet()).isNull();
    assertThat(arguments.refine()).isNull();
    assertThat(
            SparkExplore.Arguments.parse(
                    new String[] {"--max-candidates-per-task", "off", "fleet.yaml", "-"})
                .maxCandidatesPerTask())
        .isEqualTo(SparkStudy.NO_SPLIT);
  }

  @Test
  void namesTheBadArgument() {
    assertThatThrownBy(
            () ->
                SparkExplore.Arguments.parse(
                    new String[] {"--max-candidates-per-task", "0", "fleet.yaml", "-"}))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Option --max-candidates-per-task '0' must be a whole number from 1 to "
                + Long.MAX_VALUE);
    assertThatThrownBy(
            () ->
                SparkExplore.Arguments.parse(
                    new String[] {"--parquet", "p", "--rows", "some", "fleet.yaml", "-"}))
        .hasMessage("Option --rows 'some' must be all, feasible or frontier");
    assertThatThrownBy(
            () -> SparkExplore.Arguments.parse(new String[] {"--rows", "all", "fleet.yaml", "-"}))
        .hasMessageStartingWith("Option --rows needs --parquet PATH.");
    assertThatThrownBy(
            () ->
                SparkExplore.Arguments.parse(
                    new String[] {"--slo-percentile", "120", "fleet.yaml", "-"}))
        .hasMessage("Option --slo-percentile '120' must be a percent above 0 and at most 100");
    assertThatThrownBy(() -> SparkExplore.Arguments.parse(new String[] {"fleet.yaml"}))
        .hasMessageStartingWith("Expected STUDY_FILE MASTER [OUT_DIR], got 1 arguments.");
    assertThatThrownBy(
            () -> SparkExplore.Arguments.parse(new String[] {"--colour", "x", "fleet.yaml", "-"}))
        .hasMessageStartingWith("Unknown option '--colour'.");
  }
}
