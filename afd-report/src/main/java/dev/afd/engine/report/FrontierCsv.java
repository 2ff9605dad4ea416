package dev.afd.engine.report;

import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StudyResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes {@code frontier.csv}: the Pareto frontier points of every scenario × strategy, in study
 * order, strategies in requested order, points by tokens/s/user ascending. RFC 4180 like {@link
 * ResultsCsvWriter}.
 */
public final class FrontierCsv {
  /** The header row. */
  public static final List<String> HEADER =
      ResultsCsvWriter.afterScenarioColumns(
          "point",
          "tokensPerSecondPerUser",
          "tokensPerSecondPerGpu",
          "tokensPerSecond",
          "ttftSeconds",
          "tpotSeconds",
          "meetsSlo",
          "bestUnderSlo",
          "gpus",
          "config");

  private FrontierCsv() {}

  /**
   * Writes the frontier CSV.
   *
   * @param study the study result
   * @param writer where to write; not closed
   * @throws IOException if writing fails
   */
  public static void write(StudyResult study, Writer writer) throws IOException {
    Csv.record(writer, HEADER.toArray(String[]::new));
    for (ScenarioResult result : study.scenarios()) {
      Scenario scenario = result.scenario();
      for (StrategyOutcome outcome : result.outcomes()) {
        ServingResult best = outcome.bestPerDevice().orElse(null);
        int point = 0;
        for (ServingResult frontier : outcome.frontier()) {
          point++;
          Csv.record(
              writer,
              scenario.model().id(),
              scenario.cluster().id(),
              Integer.toString(scenario.deviceBudget()),
              scenario.workload().id(),
              outcome.strategyId(),
              Integer.toString(point),
              Csv.number(frontier.tokensPerSecondPerUser()),
              Csv.number(frontier.tokensPerSecondPerDevice()),
              Csv.number(frontier.tokensPerSecond()),
              Csv.number(frontier.timeToFirstToken().seconds()),
              Csv.number(frontier.timePerOutputToken().seconds()),
              Boolean.toString(frontier.meets(scenario.slo())),
              Boolean.toString(frontier.equals(best)),
              Integer.toString(frontier.devices()),
              Csv.pairs(frontier.knobs()));
        }
      }
    }
  }

  /** {@return the frontier CSV as a string} */
  public static String render(StudyResult study) {
    StringWriter writer = new StringWriter();
    try {
      write(study, writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toString();
  }
}
