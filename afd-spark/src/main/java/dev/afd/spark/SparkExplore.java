package dev.afd.spark;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.AfdException;
import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.cost.MeasuredKernelCostModel;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.json.Json;
import dev.afd.engine.report.ExploreOutputs;
import dev.afd.engine.report.FrontierCsv;
import dev.afd.engine.report.HtmlReport;
import dev.afd.engine.report.OutputDirectory;
import dev.afd.engine.report.StudyReport;
import dev.afd.simulate.RefineReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * The {@code spark-submit} main, also what {@code afd explore --spark} starts:
 *
 * <pre>
 * SparkExplore [--partitions N] [--max-candidates-per-task N|auto|off] [--parquet PATH]
 *              [--rows all|feasible|frontier] [--backend ID] [--json]
 *              [--refine K [--slo-percentile P] [--refine-requests N]] STUDY_FILE MASTER [OUT_DIR]
 * </pre>
 *
 * Runs the study on Spark and prints the same tables as {@code afd explore --study-file} (or its
 * JSON). {@code MASTER} is a Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code
 * k8s://https://host:6443}, {@code yarn}), or {@code -} to keep the one {@code spark-submit
 * --master} set. With {@code OUT_DIR} and no {@code --parquet}, writes the same {@code
 * results.csv}, {@code frontier.csv}, {@code summary.json} and {@code report.html} as {@code afd
 * explore --out}; with {@code --parquet}, Spark's Parquet writer stores the rows at {@code PATH}
 * and {@code OUT_DIR} gets the other three files. {@code --refine K} simulates each strategy's best
 * {@code K} candidates per scenario in Spark tasks and prints or adds what {@code afd explore
 * --refine} does. Bad arguments exit 2 with one line.
 */
public final class SparkExplore {
  private SparkExplore() {}

  /** Exit status for bad input, as {@code afd}'s. */
  static final int EXIT_USAGE = 2;

  static final String USAGE =
      "Usage: SparkExplore [--partitions N] [--max-candidates-per-task N|auto|off]"
          + " [--parquet PATH] [--rows all|feasible|frontier] [--backend ID] [--json]"
          + " [--refine K [--slo-percentile P] [--refine-requests N]] STUDY_FILE MASTER [OUT_DIR]";

  /**
   * The parsed command line.
   *
   * @param studyFile the study file
   * @param master the master URL, or {@code -}
   * @param out the output directory, or null
   * @param partitions the most partitions, or 0 for twice the default parallelism
   * @param maxCandidatesPerTask the cut
   * @param parquet the Parquet path, or null
   * @param rows which rows go to Parquet
   * @param backend the serving backend
   * @param json whether to print JSON
   * @param refine refinement, or null
   */
  record Arguments(
      Path studyFile,
      String master,
      @Nullable Path out,
      int partitions,
      long maxCandidatesPerTask,
      @Nullable String parquet,
      SparkStudy.Rows rows,
      String backend,
      boolean json,
      StudyJob.@Nullable Refine refine) {

    /**
     * {@return the arguments}
     *
     * @throws AfdConfigurationException naming the bad argument
     */
    static Arguments parse(String[] args) {
      List<String> positional = new ArrayList<>();
      int partitions = 0;
      long max = SparkStudy.AUTO;
      String parquet = null;
      SparkStudy.Rows rows = SparkStudy.Rows.ALL;
      boolean rowsGiven = false;
      String backend = MeasuredKernelCostModel.DEFAULT_BACKEND;
      boolean json = false;
      Integer refineBest = null;
      double percentile = 90;
      long requests = 2000;
      for (int index = 0; index < args.length; index++) {
        String arg = args[index];
        if (arg.equals("--json")) {
          json = true;
          continue;
        }
        if (!arg.startsWith("--")) {
          positional.add(arg);
          continue;
        }
        if (index + 1 == args.length) {
          throw new AfdConfigurationException("Option " + arg + " needs a value. " + USAGE);
        }
        String value = args[++index];
        switch (arg) {
          case "--partitions" -> partitions = (int) positive(arg, value, Integer.MAX_VALUE);
          case "--max-candidates-per-task" ->
              max =
                  switch (value) {
                    case "auto" -> SparkStudy.AUTO;
                    case "off" -> SparkStudy.NO_SPLIT;
                    default -> positive(arg, value, Long.MAX_VALUE);
                  };
          case "--parquet" -> parquet = value;
          case "--rows" -> {
            rowsGiven = true;
            try {
              rows = SparkStudy.Rows.parse(value);
            } catch (IllegalArgumentException e) {
              throw new AfdConfigurationException(
                  "Option --rows '" + value + "' must be all, feasible or frontier");
            }
          }
          case "--backend" -> backend = value;
          case "--refine" -> refineBest = (int) positive(arg, value, Integer.MAX_VALUE);
          case "--refine-requests" -> requests = positive(arg, value, Long.MAX_VALUE);
          case "--slo-percentile" -> percentile = percent(value);
          default -> throw new AfdConfigurationException("Unknown option '" + arg + "'. " + USAGE);
        }
      }
      if (rowsGiven && parquet == null) {
        throw new AfdConfigurationException("Option --rows needs --parquet PATH. " + USAGE);
      }
      if (positional.size() < 2 || positional.size() > 3) {
        throw new AfdConfigurationException(
            "Expected STUDY_FILE MASTER [OUT_DIR], got "
                + positional.size()
                + " arguments. "
                + USAGE);
      }
      return new Arguments(
          Path.of(positional.get(0)),
          positional.get(1),
          positional.size() == 3 ? Path.of(positional.get(2)) : null,
          partitions,
          max,
          parquet,
          rows,
          backend,
          json,
          refineBest == null ? null : new StudyJob.Refine(refineBest, percentile, requests));
    }

    private static double percent(String value) {
      try {
        double parsed = Double.parseDouble(value);
        if (parsed > 0 && parsed <= 100) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // Reported below with the option's name.
      }
      throw new AfdConfigurationException(
          "Option --slo-percentile '" + value + "' must be a percent above 0 and at most 100");
    }

    private static long positive(String option, String value, long most) {
      try {
        long parsed = Long.parseLong(value);
        if (parsed >= 1 && parsed <= most) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // Reported below with the option's name.
      }
      throw new AfdConfigurationException(
          "Option " + option + " '" + value + "' must be a whole number from 1 to " + most);
    }
  }

  /**
   * Runs a study; exits 2 with one line on bad input.
   *
   * @param args see the class description
   */
  public static void main(String[] args) {
    PrintStream print = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try {
      run(Arguments.parse(args), print);
    } catch (AfdException e) {
      System.err.println("afd: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
      System.exit(EXIT_USAGE);
    }
  }

  private static void run(Arguments arguments, PrintStream print) {
    StudyJob job =
        StudyJob.of(arguments.studyFile())
            .withBackend(arguments.backend())
            .withRefine(arguments.refine())
            .withKeepResults(arguments.out() != null && arguments.parquet() == null);
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("afd explore " + arguments.studyFile().getFileName())
            .config("spark.ui.enabled", "false")
            // The Parquet rows have 30 columns; Spark warns when it shortens a plan's text past 25.
            .config("spark.sql.debug.maxToStringFields", "64");
    if (!arguments.master().equals("-")) {
      builder.master(arguments.master());
    }
    SparkSession session = builder.getOrCreate();
    try {
      session.sparkContext().setLogLevel("WARN");
      int partitions =
          arguments.partitions() > 0
              ? arguments.partitions()
              : 2 * session.sparkContext().defaultParallelism();
      SparkStudy.Settings settings =
          new SparkStudy.Settings(
              partitions, arguments.maxCandidatesPerTask(), null, SparkStudy.Rows.ALL);
      if (arguments.parquet() != null) {
        settings = settings.withParquet(arguments.parquet(), arguments.rows());
      }
      SparkStudy.Outcome outcome = SparkStudy.run(session, job, settings);
      if (arguments.out() != null) {
        if (arguments.parquet() == null) {
          write(outcome, arguments.out());
        } else {
          writeSummaries(outcome, arguments.out());
        }
      }
      StudyJob.Refine refine = arguments.refine();
      if (arguments.json()) {
        Map<String, Object> summary = new LinkedHashMap<>(StudyReport.json(outcome.study()));
        if (refine != null) {
          summary.put("refined", RefineReport.json(outcome.refined(), refine.percentile()));
        }
        print.print(Json.write(summary));
      } else {
        print.print(StudyReport.console(outcome.study()));
        if (refine != null) {
          print.print(
              RefineReport.console(outcome.refined(), refine.percentile(), refine.requests()));
        }
        print.printf(
            Locale.ROOT,
            "%d scenarios, %d candidates in %.1f s on Spark (%s, %d partitions, %d task units,"
                + " %d scenarios split by candidate range); step time: %s (kernel tables: %s)%n",
            outcome.study().scenarios().size(),
            outcome.study().candidates(),
            outcome.study().elapsedSeconds(),
            session.sparkContext().master(),
            outcome.partitions(),
            outcome.units(),
            outcome.splitScenarios(),
            StudyReport.fidelitySummary(outcome.study()),
            job.backend());
        if (arguments.parquet() != null) {
          print.printf(
              Locale.ROOT,
              "Wrote %d %s rows to %s%n",
              outcome.parquetRows(),
              arguments.rows().name().toLowerCase(Locale.ROOT),
              arguments.parquet());
        }
      }
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

  /**
   * Writes {@code frontier.csv}, {@code summary.json} and {@code report.html} with the report
   * writers {@code afd explore --out} uses, atomically; the rows went to Parquet.
   */
  static void writeSummaries(SparkStudy.Outcome outcome, Path out) {
    OutputDirectory directory = OutputDirectory.open(out);
    try {
      try (Writer writer = directory.writer("frontier.csv")) {
        FrontierCsv.write(outcome.study(), writer);
      }
      directory.write("summary.json", Json.write(StudyReport.json(outcome.study())));
      directory.write("report.html", HtmlReport.render(outcome.study()));
      directory.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write outputs in '" + out + "'", e);
    } finally {
      directory.discard();
    }
  }
}
