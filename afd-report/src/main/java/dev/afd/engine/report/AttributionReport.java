package dev.afd.engine.report;

import dev.afd.engine.conventions.Attribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link Attribution.Report}: the console table ("why afd and the paper disagree"), its
 * JSON and {@code attribution.csv}. Deterministic, {@link Locale#ROOT}.
 */
public final class AttributionReport {
  /** The columns of {@code attribution.csv}, one row per workload × strategy × switch. */
  public static final List<String> CSV_HEADER =
      List.of(
          "model",
          "hardware",
          "workload",
          "strategy",
          "assumption",
          "from_tokens_per_s_per_gpu",
          "alone_tokens_per_s_per_gpu",
          "cumulative_tokens_per_s_per_gpu",
          "to_tokens_per_s_per_gpu",
          "alone_significant",
          "cumulative_significant");

  private AttributionReport() {}

  /** {@return the console tables: the verdict per workload × strategy, then every switch} */
  public static String console(Attribution.Report report) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Why %s and %s disagree (study %s): best tokens/s/GPU under the SLO, '-' where none"
                + " meets it; '*' marks a switch that flips meeting the SLO or moves it by more"
                + " than %.0f %%\n",
            report.from(),
            report.to(),
            report.study(),
            Attribution.THRESHOLD_PERCENT));
    TextTable verdicts =
        new TextTable(
            "WORKLOAD",
            "STRATEGY",
            report.from().toUpperCase(Locale.ROOT),
            report.to().toUpperCase(Locale.ROOT),
            "EXPLAINED BY");
    for (Attribution.Row row : report.rows()) {
      String explained =
          row.disagrees() ? String.join(", ", row.explainedBy()) : "(agree within 10 %)";
      verdicts.row(
          row.workload(),
          row.strategy(),
          row.from().text(),
          row.to().text(),
          explained.isEmpty() ? "(no single switch; interaction)" : explained);
    }
    text.append(verdicts.render());
    text.append("\n")
        .append("Each switch alone (from " + report.from() + ") and cumulatively (in this order):")
        .append("\n");
    TextTable switches = new TextTable("WORKLOAD", "STRATEGY", "ASSUMPTION", "ALONE", "CUMULATIVE");
    for (Attribution.Row row : report.rows()) {
      for (Attribution.Switch step : row.switches()) {
        switches.row(
            row.workload(),
            row.strategy(),
            step.assumption(),
            step.alone().text() + (step.aloneSignificant() ? " *" : ""),
            step.cumulative().text() + (step.cumulativeSignificant() ? " *" : ""));
      }
    }
    return text.append(switches.render()).toString();
  }

  /** {@return the report as JSON-ready maps and lists, in a stable order} */
  public static Map<String, Object> json(Attribution.Report report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("study", report.study());
    json.put("from", report.from());
    json.put("to", report.to());
    json.put("threshold_percent", Attribution.THRESHOLD_PERCENT);
    List<Object> rows = new ArrayList<>();
    for (Attribution.Row row : report.rows()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("model", row.model());
      entry.put("hardware", row.hardware());
      entry.put("workload", row.workload());
      entry.put("strategy", row.strategy());
      entry.put("from", best(row.from()));
      entry.put("to", best(row.to()));
      entry.put("disagrees", row.disagrees());
      entry.put("explained_by", row.explainedBy());
      List<Object> switches = new ArrayList<>();
      for (Attribution.Switch step : row.switches()) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("assumption", step.assumption());
        item.put("alone", best(step.alone()));
        item.put("alone_significant", step.aloneSignificant());
        item.put("cumulative", best(step.cumulative()));
        item.put("cumulative_significant", step.cumulativeSignificant());
        switches.add(item);
      }
      entry.put("switches", switches);
      rows.add(entry);
    }
    json.put("rows", rows);
    return json;
  }

  private static Map<String, Object> best(Attribution.Best best) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("meets_slo", best.meetsSlo());
    if (best.meetsSlo()) {
      json.put("tokens_per_s_per_gpu", best.tokensPerSecondPerDevice());
      json.put("gpus", best.devices());
      json.put("config", best.config());
    }
    return json;
  }

  /** {@return {@code attribution.csv}: a header and one row per workload × strategy × switch} */
  public static String csv(Attribution.Report report) {
    StringBuilder text = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
    for (Attribution.Row row : report.rows()) {
      for (Attribution.Switch step : row.switches()) {
        text.append(
                String.join(
                    ",",
                    quote(row.model()),
                    quote(row.hardware()),
                    quote(row.workload()),
                    quote(row.strategy()),
                    quote(step.assumption()),
                    number(row.from()),
                    number(step.alone()),
                    number(step.cumulative()),
                    number(row.to()),
                    String.valueOf(step.aloneSignificant()),
                    String.valueOf(step.cumulativeSignificant())))
            .append('\n');
      }
    }
    return text.toString();
  }

  /** An empty cell where the SLO is met nowhere. */
  private static String number(Attribution.Best best) {
    return best.meetsSlo()
        ? String.format(Locale.ROOT, "%.3f", best.tokensPerSecondPerDevice())
        : "";
  }

  private static String quote(String value) {
    return value.contains(",") || value.contains("\"")
        ? '"' + value.replace("\"", "\"\"") + '"'
        : value;
  }
}
