package dev.afd.engine.report;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.Scenario;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams every evaluated candidate into {@code results.csv}, one row per {@link ServingResult} in
 * the order offered, so memory stays bounded however many candidates a study evaluates.
 *
 * <p>RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line
 * break. Numbers use {@link Double#toString(double)} (locale-independent, round-trips exactly).
 * Maps are written as {@code key=value;key=value} in their stable order. Columns: {@link #HEADER}.
 *
 * <p>Not thread-safe: offer results from one thread, in enumeration order (as {@link
 * dev.afd.engine.explore.Explorer} delivers them).
 */
public final class ResultsCsvWriter implements Closeable {
  /** The header row. */
  public static final List<String> HEADER = header();

  private final Writer writer;
  private long rows;

  /**
   * Writes the header to {@code writer}; the caller hands over the writer, which {@link #close()}
   * closes.
   *
   * @param writer where rows go, ideally buffered
   */
  public ResultsCsvWriter(Writer writer) {
    this.writer = requireNonNull(writer, "writer");
    try {
      Csv.record(writer, HEADER.toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results.csv header", e);
    }
  }

  /**
   * {@return the columns that name a row's scenario and strategy (model, system, GPU budget,
   * workload, strategy), then {@code columns}}: the start of every study CSV's header
   */
  static List<String> afterScenarioColumns(String... columns) {
    List<String> header =
        new ArrayList<>(List.of("model", "system", "gpuBudget", "workload", "strategy"));
    header.addAll(List.of(columns));
    return List.copyOf(header);
  }

  private static List<String> header() {
    List<String> header = new ArrayList<>();
    header.addAll(
        afterScenarioColumns(
            "feasible",
            "reason",
            "ttftSeconds",
            "tpotSeconds",
            "requestLatencySeconds",
            "tokensPerSecond",
            "tokensPerSecondPerGpu",
            "tokensPerSecondPerUser",
            "concurrency",
            "gpus",
            "gpusByRole",
            "config",
            "kvTransferSeconds",
            "stageSeconds",
            "memoryBytesPerGpu"));
    for (Fidelity fidelity : Fidelity.values()) {
      header.add(fidelity.id() + "Share");
    }
    header.add("costModel");
    header.add("networkModel");
    return List.copyOf(header);
  }

  /**
   * Writes one row.
   *
   * @param scenario the scenario the result belongs to
   * @param result the result
   * @throws UncheckedIOException if the row cannot be written
   */
  public void write(Scenario scenario, ServingResult result) {
    List<String> row = new ArrayList<>(HEADER.size());
    row.add(scenario.model().id());
    row.add(scenario.cluster().id());
    row.add(Integer.toString(scenario.deviceBudget()));
    row.add(scenario.workload().id());
    row.add(result.strategy());
    row.add(Boolean.toString(result.feasible()));
    row.add(result.reason());
    row.add(Csv.number(result.timeToFirstToken().seconds()));
    row.add(Csv.number(result.timePerOutputToken().seconds()));
    row.add(Csv.number(result.requestLatency().seconds()));
    row.add(Csv.number(result.tokensPerSecond()));
    row.add(Csv.number(result.tokensPerSecondPerDevice()));
    row.add(Csv.number(result.tokensPerSecondPerUser()));
    row.add(Csv.number(result.concurrency()));
    row.add(Integer.toString(result.devices()));
    row.add(Csv.pairs(result.devicesByRole()));
    row.add(Csv.pairs(result.knobs()));
    row.add(Csv.number(result.kvTransfer().seconds()));
    row.add(Csv.pairs(ResultFields.stageSeconds(result)));
    row.add(Csv.pairs(ResultFields.memoryBytesPerGpu(result)));
    for (Fidelity fidelity : Fidelity.values()) {
      Double share = result.fidelityMix().get(fidelity);
      row.add(Csv.number(share == null ? 0 : share));
    }
    row.add(result.costModel());
    row.add(result.networkModel());
    try {
      Csv.record(writer, row.toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results.csv row " + (rows + 1), e);
    }
    rows++;
  }

  /**
   * {@return a consumer writing the results of one scenario, for {@link
   * dev.afd.engine.explore.Explorer#explore}}
   *
   * @param scenario the scenario
   */
  public Consumer<ServingResult> forScenario(Scenario scenario) {
    requireNonNull(scenario, "scenario");
    return result -> write(scenario, result);
  }

  /** {@return rows written, header excluded} */
  public long rows() {
    return rows;
  }

  /** Flushes and closes the underlying writer. */
  @Override
  public void close() throws IOException {
    writer.close();
  }
}
