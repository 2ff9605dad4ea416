package dev.afd.simulate;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import dev.afd.engine.report.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** The console text, the JSON summary and the per-request CSV of a simulation. */
public final class SimulationReport {
  private SimulationReport() {}

  /** The per-request CSV's header. */
  public static final String CSV_HEADER =
      "id,arrival_s,prefix_tokens,input_tokens,output_tokens,prefix_hit,ttft_s,tpot_s,e2e_s,"
          + "meets_slo";

  /**
   * {@return a sink writing each completed request as one CSV row (after {@link #CSV_HEADER})}
   *
   * @param writer where rows go; I/O errors surface as {@link UncheckedIOException}
   */
  public static Consumer<RequestOutcome> csv(Writer writer) {
    StringBuilder line = new StringBuilder(128);
    return outcome -> {
      line.setLength(0);
      line.append(outcome.id())
          .append(',')
          .append(outcome.arrivalSeconds())
          .append(',')
          .append(outcome.prefixTokens())
          .append(',')
          .append(outcome.inputTokens())
          .append(',')
          .append(outcome.outputTokens())
          .append(',')
          .append(outcome.prefixHit())
          .append(',')
          .append(outcome.ttftSeconds())
          .append(',')
          .append(Csv.number(outcome.tpotSeconds()))
          .append(',')
          .append(outcome.endToEndSeconds())
          .append(',')
          .append(outcome.meetsSlo())
          .append('\n');
      try {
        writer.append(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** {@return the summary as console text} */
  public static String console(
      SimulationSpec spec, SimulationTarget target, SimulationResult result) {
    StringBuilder text = new StringBuilder();
    ServingResult closedForm = target.closedForm();
    text.append(
        String.format(
            Locale.ROOT,
            "%s %s on %d GPUs; arrivals %s, %d requests, seed %d%n",
            closedForm.strategy(),
            Csv.pairs(closedForm.knobs()).replace(';', ' '),
            result.devices(),
            spec.arrivals().text(),
            result.completed() + result.rejected(),
            spec.seed()));
    text.append(
        String.format(
            Locale.ROOT,
            "%-16s %10s %10s %10s %10s %10s%n",
            "LATENCY",
            "MEAN",
            "P50",
            "P90",
            "P99",
            "MAX"));
    row(text, "TTFT ms", result.timeToFirstToken(), 1e3);
    row(text, "TPOT ms", result.timePerOutputToken(), 1e3);
    row(text, "end-to-end s", result.endToEnd(), 1);
    if (closedForm.feasible()) {
      text.append(
          String.format(
              Locale.ROOT,
              "closed form (estimate at the strategy's own load): TTFT %.1f ms, TPOT %.2f ms%n",
              closedForm.timeToFirstToken().seconds() * 1e3,
              closedForm.timePerOutputToken().seconds() * 1e3));
    } else {
      text.append("closed form (estimate): infeasible: ").append(closedForm.reason()).append('\n');
    }
    SloSpec slo = spec.slo();
    text.append(
        String.format(
            Locale.ROOT,
            "throughput %.2f requests/s, %.1f tokens/s, %.1f tokens/s/GPU; goodput %.1f %%"
                + " (TTFT ≤ %.0f ms and TPOT ≤ %.1f ms)%n",
            result.requestsPerSecond(),
            result.tokensPerSecond(),
            result.tokensPerSecondPerDevice(),
            100 * result.goodput(),
            slo.timeToFirstToken().seconds() * 1e3,
            slo.timePerOutputToken().seconds() * 1e3));
    long shapes = target.pricers().stream().mapToLong(BucketedIterationPricer::pricedShapes).sum();
    text.append(
        String.format(
            Locale.ROOT,
            "ranks busy %.1f %%, KV reserved %.1f %%; %d iterations, %d shapes priced,"
                + " %.1f s simulated%s%n",
            100 * result.busyShare(),
            100 * result.kvShare(),
            result.iterations(),
            shapes,
            result.makespanSeconds(),
            result.rejected() > 0
                ? String.format(
                    Locale.ROOT,
                    "; %d requests rejected (their context exceeds a rank's KV cache)",
                    result.rejected())
                : ""));
    return text.toString();
  }

  private static void row(StringBuilder text, String name, LatencySummary latency, double scale) {
    text.append(
        String.format(
            Locale.ROOT,
            "%-16s %10.3f %10.3f %10.3f %10.3f %10.3f%n",
            name,
            latency.mean() * scale,
            latency.p50() * scale,
            latency.p90() * scale,
            latency.p99() * scale,
            latency.max() * scale));
  }

  /** {@return the summary as a JSON-ready map, in a fixed order} */
  public static Map<String, Object> json(
      SimulationSpec spec, SimulationTarget target, SimulationResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    ServingResult closedForm = target.closedForm();
    json.put("strategy", closedForm.strategy());
    json.put("knobs", closedForm.knobs());
    json.put("devices", result.devices());
    json.put("arrivals", spec.arrivals().text());
    json.put("inputTokens", spec.inputTokens().text());
    json.put("outputTokens", spec.outputTokens().text());
    json.put("prefixTokens", spec.prefixTokens());
    json.put("prefixHitRate", spec.prefixHitRate());
    json.put("seed", spec.seed());
    json.put("completed", result.completed());
    json.put("rejected", result.rejected());
    json.put("makespanSeconds", result.makespanSeconds());
    json.put("requestsPerSecond", result.requestsPerSecond());
    json.put("tokensPerSecond", result.tokensPerSecond());
    json.put("tokensPerSecondPerGpu", result.tokensPerSecondPerDevice());
    json.put("goodput", result.goodput());
    json.put("sloTtftSeconds", spec.slo().timeToFirstToken().seconds());
    json.put("sloTpotSeconds", spec.slo().timePerOutputToken().seconds());
    json.put("ttftSeconds", latency(result.timeToFirstToken()));
    json.put("tpotSeconds", latency(result.timePerOutputToken()));
    json.put("endToEndSeconds", latency(result.endToEnd()));
    json.put("busyShare", result.busyShare());
    json.put("kvShare", result.kvShare());
    json.put("iterations", result.iterations());
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("feasible", closedForm.feasible());
    form.put("reason", closedForm.reason());
    form.put("ttftSeconds", finite(closedForm.timeToFirstToken().seconds()));
    form.put("tpotSeconds", finite(closedForm.timePerOutputToken().seconds()));
    json.put("closedForm", form);
    return json;
  }

  private static Map<String, Object> latency(LatencySummary latency) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mean", finite(latency.mean()));
    json.put("p50", finite(latency.p50()));
    json.put("p90", finite(latency.p90()));
    json.put("p99", finite(latency.p99()));
    json.put("max", finite(latency.max()));
    return json;
  }

  private static Object finite(double value) {
    return Double.isFinite(value) ? value : "n/a";
  }
}
