package dev.afd.engine.report;

import static java.util.Objects.requireNonNull;

import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.conventions.Attribution;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StudyResult;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code afd explore --out DIR} writes, all at once or not at all: {@code results.csv}
 * (every candidate, streamed while the search runs), {@code frontier.csv}, {@code summary.json}
 * ({@link StudyReport#json}) and {@code report.html} ({@link HtmlReport}).
 *
 * <pre>{@code
 * try (ExploreOutputs outputs = ExploreOutputs.open(dir)) {  // fails fast if dir is unwritable
 *   List<ScenarioResult> results = new ArrayList<>();
 *   for (Scenario scenario : runner.scenarios(study)) {
 *     results.add(explorer.explore(scenario, study.strategies(), outputs.results(scenario)));
 *   }
 *   outputs.finish(new StudyResult(study, results, elapsedSeconds));  // files appear only here
 * }  // on an exception or cancellation, close() leaves nothing behind
 * }</pre>
 *
 * <p>Not thread-safe, except {@link #discard()}, which a shutdown hook may call.
 */
public final class ExploreOutputs implements AutoCloseable {
  /** The files written, in the order they are moved into place. */
  public static final List<String> FILES =
      List.of("results.csv", "frontier.csv", "summary.json", "report.html");

  /** The files an attribution adds. */
  public static final List<String> ATTRIBUTION_FILES =
      List.of("attribution.csv", "attribution.json");

  private final OutputDirectory directory;
  private final ResultsCsvWriter results;

  private ExploreOutputs(OutputDirectory directory, ResultsCsvWriter results) {
    this.directory = directory;
    this.results = results;
  }

  /**
   * Checks the directory and starts {@code results.csv} in its staging area.
   *
   * @param directory the output directory, created if missing
   * @return the outputs
   * @throws dev.afd.api.AfdConfigurationException if the directory cannot be written: {@code Cannot
   *     write to output directory '<dir>': <reason>}
   */
  public static ExploreOutputs open(Path directory) {
    OutputDirectory output = OutputDirectory.open(directory);
    try {
      return new ExploreOutputs(output, new ResultsCsvWriter(output.writer("results.csv")));
    } catch (RuntimeException e) {
      output.discard();
      throw e;
    }
  }

  /** {@return the target directory, absolute} */
  public Path directory() {
    return directory.directory();
  }

  /** {@return the streaming writer of {@code results.csv}} */
  public ResultsCsvWriter resultsCsv() {
    return results;
  }

  /**
   * {@return a consumer that appends each result of {@code scenario} to {@code results.csv}}
   *
   * @param scenario the scenario being explored
   */
  public Consumer<ServingResult> results(Scenario scenario) {
    return results.forScenario(requireNonNull(scenario, "scenario"));
  }

  /**
   * Completes {@code results.csv}, writes the other files and moves all of them into place.
   *
   * @param study the finished study
   * @throws UncheckedIOException if a file cannot be written or moved; nothing is left then
   */
  public void finish(StudyResult study) {
    finish(study, null);
  }

  /**
   * Completes {@code results.csv}, writes the other files, and {@link #ATTRIBUTION_FILES} when
   * there is an attribution, and moves all of them into place.
   *
   * @param study the finished study
   * @param attribution why another conventions profile disagrees, or null
   * @throws UncheckedIOException if a file cannot be written or moved; nothing is left then
   */
  public void finish(StudyResult study, Attribution.@Nullable Report attribution) {
    requireNonNull(study, "study");
    try {
      if (attribution != null) {
        directory.write("attribution.csv", AttributionReport.csv(attribution));
        directory.write("attribution.json", Json.write(AttributionReport.json(attribution)));
      }
      results.close();
      try (Writer writer = directory.writer("frontier.csv")) {
        FrontierCsv.write(study, writer);
      }
      directory.write("summary.json", Json.write(StudyReport.json(study)));
      directory.write("report.html", HtmlReport.render(study, attribution));
    } catch (IOException e) {
      directory.discard();
      throw new UncheckedIOException("cannot write outputs in '" + directory() + "'", e);
    } catch (RuntimeException e) {
      directory.discard();
      throw e;
    }
    directory.commit();
  }

  /** Deletes everything staged unless {@link #finish} succeeded; safe from any thread. */
  public void discard() {
    directory.discard();
  }

  /** Closes {@code results.csv} and discards everything unless {@link #finish} succeeded. */
  @Override
  public void close() {
    try {
      results.close();
    } catch (IOException e) {
      // The staged file is deleted next; a failed close cannot lose anything committed.
    } finally {
      directory.discard();
    }
  }
}
