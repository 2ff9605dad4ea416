package dev.afd.engine.validate;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.json.Json;
import dev.afd.engine.report.Csv;
import dev.afd.engine.report.Html;
import dev.afd.engine.report.OutputDirectory;
import dev.afd.engine.report.SvgScatterChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes validation results: {@code validation.csv} (row by row), {@code validation.json} (the
 * summary) and {@code validation.html} (self-contained, inline SVG predicted-vs-measured scatter
 * plots), all through an {@link OutputDirectory} so they appear together or not at all.
 */
public final class ValidationOutput {
  private ValidationOutput() {}

  /**
   * A validation run: one kernel cost model's results and summary.
   *
   * @param results one per row
   * @param summary their summary
   * @param assumed what the run assumed where a row is silent
   */
  public record Run(
      List<RowResult> results, ValidationSummary summary, ValidationAssumptions assumed) {
    /** Copies. */
    public Run {
      results = List.copyOf(results);
      requireNonNull(assumed, "assumed");
    }
  }

  /**
   * Named, sourced empirical constants the predictions use, shown in every output; a value stated
   * with {@code --assume} replaces the default and says so.
   */
  public static Map<String, String> constants(ValidationAssumptions assumed) {
    ValidationAssumptions defaults = ValidationAssumptions.DEFAULTS;
    Map<String, String> constants = new LinkedHashMap<>();
    constants.put(
        "tokens per iteration (agg chunk)",
        assumed.tokensPerIteration() == defaults.tokensPerIteration()
            ? RowMapper.DEFAULT_TOKENS_PER_ITERATION
                + " (TensorRT-LLM max_num_tokens default; assumed for SGLang/vLLM)"
            : assumed.tokensPerIteration() + " (--assume tokens-per-iteration)");
    constants.put(
        "requests per client",
        assumed.requestsPerClient() == defaults.requestsPerClient()
            ? ValidationAssumptions.DEFAULT_REQUESTS_PER_CLIENT
                + " (benchmark harness: AIConfigurator trtllm_backend.py, InferenceMAX num_prompts"
                + " = 10 × concurrency)"
            : assumed.requestsPerClient() + " (--assume requests-per-client)");
    constants.put(
        "expert imbalance", "1.3 (strategy default, DeepSeek-V3 technical report §3.4 motivation)");
    constants.put(
        "runtime reserve",
        "3.9 GiB per device (AIConfigurator system files: other_mem 3.5 GiB + nccl_mem 392 MiB)");
    constants.put(
        "closed-loop arrival wait",
        "1 iteration (a returning client misses the iteration already formed; derived, not fitted)");
    constants.put("roofline half-saturation", "dev.afd.engine.cost.RooflineParameters.DEFAULT");
    constants.put(
        "MTP draft tokens (DeepSeek-V3/R1)",
        assumed.mtpDraftTokens() == ValidationAssumptions.RECIPE_MTP
            ? "the row backend's serving recipe (TensorRT-LLM: 3 with attention TP, 1 with"
                + " attention DP; SGLang: 3; vLLM: 1; docs/recipes.md; --assume mtp=recipe)"
            : assumed.mtpDraftTokens() == ValidationAssumptions.DEFAULT_MTP_DRAFT_TOKENS
                ? "1 (AIConfigurator default nextn for DeepseekV3ForCausalLM; the checkpoints ship"
                    + " one MTP layer, num_nextn_predict_layers = 1)"
                : assumed.mtpDraftTokens() + " (--assume mtp)");
    constants.put(
        "MTP acceptance",
        assumed.mtpAcceptance() == null
            ? "0.92, 0.717, 0.364, 0.708, 0.118 per draft (TensorRT-LLM DeepSeek-R1 MTP blog:"
                + " 1.92, 2.58, 2.82, 2.99, 3.01 tokens per step at depth 1-5)"
            : assumed.mtpAcceptance() + " per draft (--assume mtp-acceptance)");
    constants.put(
        "decode workers of disagg rows that give none",
        assumed.maxInferredDecodeBatch() == defaults.maxInferredDecodeBatch()
            ? "the fewest whose KV cache holds the clients"
            : "the fewest that keep at most "
                + assumed.maxInferredDecodeBatch()
                + " sequences per attention rank (--assume max-inferred-decode-batch)");
    return constants;
  }

  /** {@return the JSON summary: {@code overall}, {@code partitions}, {@code rowsUsed}, …} */
  public static String json(List<Run> runs) {
    Map<String, Object> root = new LinkedHashMap<>();
    Run primary = runs.get(0);
    Map<String, Object> first = primary.summary().toMap();
    root.put("costModel", first.get("costModel"));
    root.put("overall", first.get("overall"));
    root.put("partitions", first.get("partitions"));
    root.put("rowsUsed", first.get("rowsUsed"));
    root.put("rowsSkipped", first.get("rowsSkipped"));
    root.put("rowsSkippedByReason", first.get("rowsSkippedByReason"));
    List<Map<String, Object>> others = new ArrayList<>();
    for (Run run : runs.subList(1, runs.size())) {
      others.add(run.summary().toMap());
    }
    root.put("otherCostModels", others);
    root.put("assumed", primary.assumed().values());
    root.put("constants", constants(primary.assumed()));
    return Json.write(root);
  }

  /** {@return validation.csv text, every run's rows} */
  public static String csv(List<Run> runs) {
    StringBuilder out = new StringBuilder();
    out.append(
        "cost_model,id,line,model,system,backend,mode,isl,osl,concurrency,used,reason,"
            + "measured_ttft_ms,predicted_ttft_ms,ttft_ape,measured_tpot_ms,predicted_tpot_ms,"
            + "tpot_ape,knobs,assumptions\n");
    for (Run run : runs) {
      for (RowResult result : run.results()) {
        SiliconRow row = result.row();
        List<String> fields = new ArrayList<>();
        fields.add(result.costModel());
        fields.add(row.id());
        fields.add(String.valueOf(row.line()));
        fields.add(row.modelPath());
        fields.add(row.system());
        fields.add(row.backend());
        fields.add(row.mode());
        fields.add(String.valueOf(row.isl()));
        fields.add(String.valueOf(row.osl()));
        fields.add(String.valueOf(row.concurrency()));
        fields.add(String.valueOf(result.used()));
        fields.add(result.reason());
        fields.add(number(row.ttftMs()));
        fields.add(result.used() ? number(result.predictedTtftMs()) : "");
        fields.add(result.used() ? number(result.ttftError()) : "");
        fields.add(number(row.tpotMs()));
        fields.add(result.used() ? number(result.predictedTpotMs()) : "");
        fields.add(result.used() ? number(result.tpotError()) : "");
        fields.add(knobs(result.knobs()));
        fields.add(result.assumptions());
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
          quoted.add(Csv.field(field));
        }
        out.append(String.join(",", quoted)).append('\n');
      }
    }
    return out.toString();
  }

  private static String knobs(Map<String, String> knobs) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(knobs).forEach((key, value) -> parts.add(key + "=" + value));
    return String.join(" ", parts);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** {@return the self-contained HTML report} */
  public static String html(List<Run> runs, String source) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>afd validation</title><style>")
        .append("body{font-family:sans-serif;margin:24px;color:#222}")
        .append("table{border-collapse:collapse;margin:8px 0 24px}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:right}")
        .append("td:first-child,th:first-child{text-align:left}")
        .append(".charts{display:flex;flex-wrap:wrap;gap:16px}")
        .append("</style></head><body>\n");
    out.append("<h1>afd end-to-end validation</h1>\n<p>Silicon sample: ")
        .append(Html.escape(source))
        .append(". Absolute percentage error |predicted − measured| / measured; p90 by nearest")
        .append(" rank.</p>\n");
    for (Run run : runs) {
      ValidationSummary summary = run.summary();
      out.append("<h2>Kernel cost model: ")
          .append(Html.escape(summary.costModel()))
          .append("</h2>\n");
      out.append("<table><tr><th>partition</th><th>used</th><th>skipped</th>")
          .append("<th>TTFT MAPE %</th><th>median</th><th>p90</th>")
          .append("<th>TPOT MAPE %</th><th>median</th><th>p90</th></tr>\n");
      for (ValidationSummary.Partition partition : summary.partitions()) {
        out.append(row(partition));
      }
      out.append(row(summary.overall())).append("</table>\n");
      out.append("<table><tr><th>skipped because</th><th>rows</th></tr>\n");
      summary
          .rowsSkippedByReason()
          .forEach(
              (reason, count) ->
                  out.append("<tr><td>")
                      .append(Html.escape(reason))
                      .append("</td><td>")
                      .append(count)
                      .append("</td></tr>\n"));
      out.append("</table>\n<div class=\"charts\">\n");
      List<double[]> ttft = new ArrayList<>();
      List<double[]> tpot = new ArrayList<>();
      List<Boolean> disagg = new ArrayList<>();
      for (RowResult result : run.results()) {
        if (result.used()) {
          ttft.add(new double[] {result.row().ttftMs(), result.predictedTtftMs()});
          tpot.add(new double[] {result.row().tpotMs(), result.predictedTpotMs()});
          disagg.add(result.row().mode().equals("disagg"));
        }
      }
      out.append(scatter("TTFT (ms), " + summary.costModel(), ttft, disagg));
      out.append(scatter("TPOT (ms), " + summary.costModel(), tpot, disagg));
      out.append("</div>\n");
    }
    out.append("<h2>Empirical constants</h2>\n<table>");
    constants(runs.get(0).assumed())
        .forEach(
            (name, value) ->
                out.append("<tr><td>")
                    .append(Html.escape(name))
                    .append("</td><td style=\"text-align:left\">")
                    .append(Html.escape(value))
                    .append("</td></tr>\n"));
    out.append("</table>\n</body></html>\n");
    return out.toString();
  }

  private static String row(ValidationSummary.Partition p) {
    return String.format(
        Locale.ROOT,
        "<tr><td>%s</td><td>%d</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td>"
            + "<td>%s</td><td>%s</td><td>%s</td></tr>%n",
        Html.escape(p.key()),
        p.rowsUsed(),
        p.rowsSkipped(),
        percent(p.ttft().mape()),
        percent(p.ttft().median()),
        percent(p.ttft().p90()),
        percent(p.tpot().mape()),
        percent(p.tpot().median()),
        percent(p.tpot().p90()));
  }

  /** {@return one decimal, or a dash when no row was used (the statistic is undefined)} */
  private static String percent(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * A log-log predicted-vs-measured scatter plot with the identity line: aggregated rows in one
   * series, disaggregated rows in another.
   */
  private static String scatter(String title, List<double[]> points, List<Boolean> disagg) {
    List<SvgScatterChart.Point> agg = new ArrayList<>();
    List<SvgScatterChart.Point> disaggregated = new ArrayList<>();
    for (int index = 0; index < points.size(); index++) {
      double[] point = points.get(index);
      if (point[0] > 0 && point[1] > 0) {
        (disagg.get(index) ? disaggregated : agg).add(SvgScatterChart.Point.of(point[0], point[1]));
      }
    }
    SvgScatterChart.Builder chart =
        SvgScatterChart.builder()
            .title(title)
            .size(480, 440)
            .xAxis(SvgScatterChart.Axis.log("measured"))
            .yAxis(SvgScatterChart.Axis.log("predicted"))
            .identityLine("predicted = measured");
    if (!agg.isEmpty()) {
      chart.series("agg", agg, false);
    }
    if (!disaggregated.isEmpty()) {
      chart.series("disagg", disaggregated, false);
    }
    return chart.build().svg();
  }

  /**
   * Writes validation.csv, validation.json and validation.html into an opened output directory;
   * they appear together when it is committed.
   */
  public static void write(OutputDirectory directory, List<Run> runs, String source) {
    directory.write("validation.csv", csv(runs));
    directory.write("validation.json", json(runs));
    directory.write("validation.html", html(runs, source));
  }
}
