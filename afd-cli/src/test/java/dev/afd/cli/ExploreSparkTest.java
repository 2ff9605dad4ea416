package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code afd explore --spark} without Spark: afd's class path never holds it, so what is missing is
 * named in one line with exit 2 (afd-spark's own tests run the study on Spark).
 */
class ExploreSparkTest {
  private static final Path STUDY = Path.of("../examples/studies/fleet-five-models.yaml");

  @Test
  void namesWhatIsMissingWhenTheClassPathHasNoSpark(@TempDir Path empty) {
    CommandResult result =
        CommandResult.run(
            "explore",
            "--study-file",
            STUDY.toString(),
            "--spark",
            "local[2]",
            "--spark-classpath",
            empty.toString());

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: --spark needs afd-spark (dev.afd.spark.SparkExplore) and Spark"
                + " (org.apache.spark.SparkContext) on its class path, not found in"
                + " --spark-classpath '"
                + empty
                + "'; build it with 'mvn -pl afd-spark -am package -DskipTests'"
                + " (docs/spark.md)"
                + System.lineSeparator());
  }

  @Test
  void takesEverythingFromTheStudyFile() {
    CommandResult result =
        CommandResult.run(
            "explore",
            "--study-file",
            STUDY.toString(),
            "--spark",
            "local[2]",
            "--threads",
            "2",
            "--attribution");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "afd: Option(s) --threads, --attribution cannot be combined with --spark: a Spark run"
                + " takes everything from the --study-file");
  }

  @Test
  void needsAStudyFile() {
    CommandResult result = CommandResult.run("explore", "--spark", "local[2]");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).startsWith("afd: Option --spark needs --study-file FILE");
  }

  @Test
  void sparkOptionsNeedSpark() {
    CommandResult result =
        CommandResult.run("explore", "--study-file", STUDY.toString(), "--parquet", "rows");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "afd: Options --spark-classpath, --max-candidates-per-task, --parquet and --rows need"
                + " --spark");
  }

  @Test
  void theClassPathTakesJarsOfDirectoriesAndClasspathFiles(@TempDir Path directory)
      throws IOException {
    Path jars = Files.createDirectories(directory.resolve("jars"));
    Files.writeString(jars.resolve("b.jar"), "");
    Files.writeString(jars.resolve("a.jar"), "");
    Files.writeString(jars.resolve("notes.txt"), "");
    Path listed = directory.resolve("spark.classpath");
    Files.writeString(listed, "/opt/x.jar" + java.io.File.pathSeparator + "/opt/y.jar\n");
    List<Path> entries = new ArrayList<>();

    SparkLauncher.expand(jars, entries);
    SparkLauncher.expand(listed, entries);
    SparkLauncher.expand(directory.resolve("single.jar"), entries);

    assertThat(entries)
        .containsExactly(
            jars.resolve("a.jar"),
            jars.resolve("b.jar"),
            Path.of("/opt/x.jar"),
            Path.of("/opt/y.jar"),
            directory.resolve("single.jar"));
  }

  @Test
  void theDefaultIsTheAfdSparkBuildBesideTheCli() {
    assertThat(SparkLauncher.defaultTarget(Path.of("/src/afd/afd-cli/target/afd-cli-0.1.0.jar")))
        .isEqualTo(Path.of("/src/afd/afd-spark/target"));
  }
}
