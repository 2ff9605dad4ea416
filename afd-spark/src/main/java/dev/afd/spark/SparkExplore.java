package dev.afd.spark;

import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.report.ExploreOutputs;
import dev.afd.engine.report.StudyReport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code spark-submit} main: {@code SparkExplore STUDY_FILE MASTER [OUT_DIR]}. Runs the study
 * on Spark and prints the same tables as {@code afd explore --study-file}; with {@code OUT_DIR}
 * writes the same {@code results.csv}, {@code frontier.csv}, {@code summary.json} and {@code
 * report.html}. {@code MASTER} is a Spark master URL ({@code local[2]}, {@code spark://host:7077},
 * {@code k8s://https://host:6443}, {@code yarn}), or {@code -} to keep the one {@code spark-submit
 * --master} set.
 */
public final class SparkExplore {
  private SparkExplore() {}

  /**
   * Runs a study.
   *
   * @param args {@code STUDY_FILE MASTER [OUT_DIR]}
   */
  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3) {
      System.err.println("Usage: SparkExplore STUDY_FILE MASTER [OUT_DIR]");
      System.exit(2);
      return;
    }
    Path studyFile = Path.of(args[0]);
    String master = args[1];
    Path out = args.length == 3 ? Path.of(args[2]) : null;
    StudyJob job = StudyJob.of(studyFile).withKeepResults(out != null);
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("afd explore " + studyFile.getFileName())
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4");
    if (!master.equals("-")) {
      builder.master(master);
    }
    PrintStream print = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    SparkSession session = builder.getOrCreate();
    try {
      session.sparkContext().setLogLevel("WARN");
      JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
      SparkStudy.Outcome outcome = SparkStudy.run(spark, job);
      if (out != null) {
        write(outcome, out);
      }
      print.print(StudyReport.console(outcome.study()));
      print.printf(
          Locale.ROOT,
          "%d scenarios, %d candidates in %.1f s on Spark (%s, %d partitions)%n",
          outcome.study().scenarios().size(),
          outcome.study().candidates(),
          outcome.study().elapsedSeconds(),
          spark.master(),
          outcome.partitions());
    } finally {
      session.stop();
    }
  }

  /** Writes the outputs {@code afd explore --out} writes, results in study order. */
  static void write(SparkStudy.Outcome outcome, Path out) {
    try (ExploreOutputs outputs = ExploreOutputs.open(out)) {
      List<ScenarioResult> scenarios = outcome.study().scenarios();
      for (int index = 0; index < scenarios.size(); index++) {
        Consumer<ServingResult> sink = outputs.results(scenarios.get(index).scenario());
        outcome.results().get(index).forEach(sink);
      }
      outputs.finish(outcome.study());
    }
  }
}
