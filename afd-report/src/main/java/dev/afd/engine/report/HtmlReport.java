package dev.afd.engine.report;

import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.conventions.Attribution;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StudyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The self-contained {@code report.html} of an explore run: per scenario (model × system ×
 * workload) a Pareto chart of tokens/s/GPU against tokens/s/user with the TPOT SLO, a table of the
 * best configuration per strategy and a breakdown of those configurations (decode-step stage times,
 * memory per GPU group).
 *
 * <p>Inline CSS and SVG only: no scripts, fonts, images or links, so it renders offline. Identical
 * input gives identical bytes (no timestamps, {@link Locale#ROOT} numbers). All text is escaped.
 */
public final class HtmlReport {
  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;\
      max-width:1240px;padding:0 16px;color:#1a1a1a;line-height:1.4}
      h1{font-size:24px;margin:0 0 4px}
      h2{font-size:19px;margin:36px 0 4px;padding-top:12px;border-top:2px solid #d0d7de}
      h3{font-size:15px;margin:20px 0 6px}
      p{margin:4px 0}
      .meta{color:#555}
      .recommendation{font-size:15px;margin:8px 0}
      nav ol{margin:6px 0;padding-left:22px}
      svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}
      table{border-collapse:collapse;font-size:13px;margin:6px 0}
      th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f3f5f7}
      td.number{text-align:right;font-variant-numeric:tabular-nums}
      td.config,td.reason{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
      tr.miss td{color:#8a1c1c}
      .swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
      footer{margin-top:32px;color:#777;font-size:12px}
      """;

  private HtmlReport() {}

  /** Appends the attribution: the verdict per workload × strategy, then every switch. */
  private static void attribution(StringBuilder html, Attribution.Report report) {
    html.append(
        format(
            "<h2>Why %s and %s disagree</h2>\n<p>Best tokens/s/GPU under the SLO (− where none"
                + " meets it). A switch marked * flips meeting the SLO or moves the best by more"
                + " than %.0f %%.</p>\n",
            Html.escape(report.from()), Html.escape(report.to()), Attribution.THRESHOLD_PERCENT));
    html.append(
        format(
            "<table class=\"attribution\">\n<tr><th>Workload</th><th>Strategy</th><th>%s</th>"
                + "<th>%s</th><th>Explained by</th><th>Each switch: alone / cumulative</th></tr>\n",
            Html.escape(report.from()), Html.escape(report.to())));
    for (Attribution.Row row : report.rows()) {
      StringBuilder switches = new StringBuilder();
      for (Attribution.Switch step : row.switches()) {
        switches
            .append(switches.length() == 0 ? "" : "<br>")
            .append(Html.escape(step.assumption()))
            .append(": ")
            .append(step.alone().text())
            .append(step.aloneSignificant() ? " *" : "")
            .append(" / ")
            .append(step.cumulative().text())
            .append(step.cumulativeSignificant() ? " *" : "");
      }
      html.append(
          format(
              "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
              Html.escape(row.workload()),
              Html.escape(row.strategy()),
              row.from().text(),
              row.to().text(),
              Html.escape(String.join(", ", row.explainedBy())),
              switches));
    }
    html.append("</table>\n");
  }

  /** {@return the whole report as an HTML document} */
  public static String render(StudyResult study) {
    return render(study, null);
  }

  /**
   * {@return the report, with a section "why afd and the other profile disagree" when there is an
   * attribution}
   *
   * @param study the finished study
   * @param attribution the attribution, or null
   */
  public static String render(StudyResult study, Attribution.@Nullable Report attribution) {
    StringBuilder html = new StringBuilder();
    String name = study.study().name();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.append("<title>afd explore: ").append(Html.escape(name)).append("</title>\n");
    html.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    html.append("<h1>afd explore: ").append(Html.escape(name)).append("</h1>\n");
    html.append(
        format(
            "<p class=\"meta\">%d scenario%s, %d candidates evaluated, strategies %s.</p>\n",
            study.scenarios().size(),
            study.scenarios().size() == 1 ? "" : "s",
            study.candidates(),
            Html.escape(String.join(", ", strategies(study)))));
    if (study.scenarios().size() > 1) {
      html.append("<nav><ol>\n");
      for (int index = 0; index < study.scenarios().size(); index++) {
        html.append(
            format(
                "<li><a href=\"#scenario-%d\">%s</a></li>\n",
                index + 1, Html.escape(heading(study.scenarios().get(index).scenario()))));
      }
      html.append("</ol></nav>\n");
    }
    for (int index = 0; index < study.scenarios().size(); index++) {
      scenario(html, index + 1, study.scenarios().get(index));
    }
    if (attribution != null) {
      attribution(html, attribution);
    }
    html.append(
        "<footer>Generated by afd. Throughput counts output tokens; per-GPU figures divide by"
            + " every GPU a deployment occupies; tokens/s/user is 1 / TPOT.</footer>\n");
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static List<String> strategies(StudyResult study) {
    List<String> ids = new ArrayList<>();
    for (ScenarioResult scenario : study.scenarios()) {
      for (StrategyOutcome outcome : scenario.outcomes()) {
        if (!ids.contains(outcome.strategyId())) {
          ids.add(outcome.strategyId());
        }
      }
    }
    return ids;
  }

  private static String heading(Scenario scenario) {
    return format(
        "%s on %s, workload %s",
        scenario.model().id(), scenario.hardware(), scenario.workload().id());
  }

  private static void scenario(StringBuilder html, int number, ScenarioResult result) {
    Scenario scenario = result.scenario();
    double tpotSlo = scenario.slo().timePerOutputToken().seconds();
    html.append(format("<section id=\"scenario-%d\">\n", number));
    html.append(format("<h2>%d. %s</h2>\n", number, Html.escape(heading(scenario))));
    html.append(
        format(
            "<p class=\"meta\">Workload %s: prefix %d, input %d, output %d tokens. SLO: TTFT ≤"
                + " %s, TPOT ≤ %s (≥ %s tokens/s/user). %d candidates searched.</p>\n",
            Html.escape(scenario.workload().id()),
            scenario.workload().prefixTokens(),
            scenario.workload().inputTokens(),
            scenario.workload().outputTokens(),
            Html.escape(scenario.slo().timeToFirstToken().toString()),
            Html.escape(scenario.slo().timePerOutputToken().toString()),
            tpotSlo > 0 ? number(1 / tpotSlo, 1) : "∞",
            result.candidates()));
    Optional<StrategyOutcome> recommendation = result.recommendation();
    if (recommendation.isPresent()) {
      ServingResult best = recommendation.get().bestPerDevice().orElseThrow();
      html.append(
          format(
              "<p class=\"recommendation\">Recommendation: <strong>%s</strong> at %s"
                  + " tokens/s/GPU (%s tokens/s/user, %d GPUs).</p>\n",
              Html.escape(recommendation.get().strategyId()),
              number(best.tokensPerSecondPerDevice(), 1),
              number(best.tokensPerSecondPerUser(), 1),
              best.devices()));
    } else {
      html.append("<p class=\"recommendation\">No strategy meets the SLO.</p>\n");
    }
    html.append(paretoChart(number, result));
    html.append(
        "<p class=\"meta\">Each line is a strategy's Pareto frontier over its feasible"
            + " candidates; the large outlined marker is its best tokens/s/GPU under the SLO."
            + " Right of the dashed line a candidate meets the TPOT SLO (TTFT is checked"
            + " separately).</p>\n");
    bestTable(html, result);
    breakdown(html, number, result);
    html.append("</section>\n");
  }

  private static String paretoChart(int number, ScenarioResult result) {
    Scenario scenario = result.scenario();
    SvgScatterChart.Builder chart =
        SvgScatterChart.builder()
            .id("pareto-" + number)
            .cssClass("pareto")
            .title(
                "Pareto frontier: "
                    + scenario.model().id()
                    + ", "
                    + scenario.workload().id()
                    + " workload")
            .size(900, 460)
            .xAxis(SvgScatterChart.Axis.linear("tokens/s/user"))
            .yAxis(SvgScatterChart.Axis.linear("tokens/s/GPU"));
    List<SvgScatterChart.Series> extra = new ArrayList<>();
    for (int index = 0; index < result.outcomes().size(); index++) {
      StrategyOutcome outcome = result.outcomes().get(index);
      String color = SvgScatterChart.PALETTE.get(index % SvgScatterChart.PALETTE.size());
      ServingResult best = outcome.bestPerDevice().orElse(null);
      List<SvgScatterChart.Point> points = new ArrayList<>();
      boolean bestOnFrontier = false;
      for (ServingResult point : outcome.frontier()) {
        boolean emphasized = point.equals(best);
        bestOnFrontier |= emphasized;
        points.add(point(point, emphasized));
      }
      chart.series(
          new SvgScatterChart.Series(
              outcome.strategyId() + " (" + outcome.frontier().size() + " points)",
              color,
              points,
              true));
      if (best != null && !bestOnFrontier) {
        extra.add(
            new SvgScatterChart.Series(
                outcome.strategyId() + " best", color, List.of(point(best, true)), false));
      }
    }
    extra.forEach(chart::series);
    double tpotSlo = scenario.slo().timePerOutputToken().seconds();
    if (tpotSlo > 0 && Double.isFinite(tpotSlo)) {
      chart.verticalLine(
          1 / tpotSlo, "TPOT SLO " + scenario.slo().timePerOutputToken() + " (1/TPOT)");
    }
    return chart.build().svg();
  }

  private static SvgScatterChart.Point point(ServingResult result, boolean emphasized) {
    String label =
        format(
            "%s%s: %s tokens/s/GPU, %s tokens/s/user, TTFT %s ms, TPOT %s ms, %d GPUs, %s",
            result.strategy(),
            emphasized ? " (best under SLO)" : "",
            number(result.tokensPerSecondPerDevice(), 1),
            number(result.tokensPerSecondPerUser(), 1),
            number(result.timeToFirstToken().toMillis(), 1),
            number(result.timePerOutputToken().toMillis(), 2),
            result.devices(),
            ResultFields.compactConfig(result));
    return new SvgScatterChart.Point(
        result.tokensPerSecondPerUser(), result.tokensPerSecondPerDevice(), label, emphasized);
  }

  private static void bestTable(StringBuilder html, ScenarioResult result) {
    html.append("<h3>Best configuration per strategy (highest tokens/s/GPU under the SLO)</h3>\n");
    html.append(
        "<table class=\"best\">\n<tr><th>Strategy</th><th>Meets SLO</th><th>tokens/s/GPU</th>"
            + "<th>tokens/s/user</th><th>TTFT (ms)</th><th>TPOT (ms)</th><th>GPUs</th>"
            + "<th>System tokens/s</th><th>Candidates (feasible / meeting SLO)</th>"
            + "<th>Configuration</th></tr>\n");
    for (int index = 0; index < result.outcomes().size(); index++) {
      StrategyOutcome outcome = result.outcomes().get(index);
      String swatch =
          format(
              "<span class=\"swatch\" style=\"background:%s\"></span>",
              SvgScatterChart.PALETTE.get(index % SvgScatterChart.PALETTE.size()));
      String counts =
          format("%d (%d / %d)", outcome.candidates(), outcome.feasible(), outcome.meetingSlo());
      if (outcome.bestPerDevice().isPresent()) {
        ServingResult best = outcome.bestPerDevice().get();
        html.append(
            format(
                "<tr><td>%s%s</td><td>yes</td><td class=\"number\">%s</td>"
                    + "<td class=\"number\">%s</td><td class=\"number\">%s</td>"
                    + "<td class=\"number\">%s</td><td class=\"number\">%d</td>"
                    + "<td class=\"number\">%s</td><td class=\"number\">%s</td>"
                    + "<td class=\"config\">%s</td></tr>\n",
                swatch,
                Html.escape(outcome.strategyId()),
                number(best.tokensPerSecondPerDevice(), 1),
                number(best.tokensPerSecondPerUser(), 1),
                number(best.timeToFirstToken().toMillis(), 1),
                number(best.timePerOutputToken().toMillis(), 2),
                best.devices(),
                number(best.tokensPerSecond(), 0),
                counts,
                Html.escape(ResultFields.compactConfig(best))));
      } else {
        html.append(
            format(
                "<tr class=\"miss\"><td>%s%s</td><td>no</td><td class=\"number\">-</td>"
                    + "<td class=\"number\">-</td><td class=\"number\">-</td>"
                    + "<td class=\"number\">-</td><td class=\"number\">-</td>"
                    + "<td class=\"number\">-</td><td class=\"number\">%s</td>"
                    + "<td class=\"reason\">%s</td></tr>\n",
                swatch, Html.escape(outcome.strategyId()), counts, Html.escape(outcome.whyNone())));
      }
    }
    html.append("</table>\n");
  }

  private static void breakdown(StringBuilder html, int number, ScenarioResult result) {
    List<String> labels = new ArrayList<>();
    List<ServingResult> shown = new ArrayList<>();
    for (StrategyOutcome outcome : result.outcomes()) {
      if (outcome.bestPerDevice().isPresent()) {
        labels.add(outcome.strategyId());
        shown.add(outcome.bestPerDevice().get());
      } else if (outcome.closest().isPresent()) {
        labels.add(outcome.strategyId() + " (closest)");
        shown.add(outcome.closest().get());
      }
    }
    html.append("<h3>Breakdown of the best configurations</h3>\n");
    if (shown.isEmpty()) {
      html.append("<p class=\"meta\">No configuration to break down.</p>\n");
      return;
    }
    List<SvgStackedBarChart.Bar> bars = new ArrayList<>();
    for (int index = 0; index < shown.size(); index++) {
      List<SvgStackedBarChart.Segment> segments = new ArrayList<>();
      for (Map.Entry<String, TimeSpan> stage : shown.get(index).stageTimes().entrySet()) {
        segments.add(new SvgStackedBarChart.Segment(stage.getKey(), stage.getValue().toMillis()));
      }
      bars.add(new SvgStackedBarChart.Bar(labels.get(index), segments));
    }
    html.append(
        new SvgStackedBarChart(
                "stages-" + number, "Stage times of one decode step", "ms", 900, bars)
            .svg());
    html.append(
        "<p class=\"meta\">Memory on the fullest GPU of each group (GB = 10^9 bytes).</p>\n");
    html.append(
        "<table class=\"memory\">\n<tr><th>Strategy</th><th>Group</th><th>Weights (GB)</th>"
            + "<th>KV cache (GB)</th><th>Activations (GB)</th><th>Reserve (GB)</th>"
            + "<th>Total (GB)</th><th>Capacity (GB)</th><th>Used</th></tr>\n");
    for (int index = 0; index < shown.size(); index++) {
      for (MemoryUsage usage : shown.get(index).memory()) {
        double capacity = usage.capacity().toGigabytes();
        double total = usage.total().toGigabytes();
        html.append(
            format(
                "<tr><td>%s</td><td>%s</td><td class=\"number\">%s</td>"
                    + "<td class=\"number\">%s</td><td class=\"number\">%s</td>"
                    + "<td class=\"number\">%s</td><td class=\"number\">%s</td>"
                    + "<td class=\"number\">%s</td><td class=\"number\">%s</td></tr>\n",
                Html.escape(labels.get(index)),
                Html.escape(usage.group()),
                number(usage.weights().toGigabytes(), 1),
                number(usage.kvCache().toGigabytes(), 1),
                number(usage.activations().toGigabytes(), 1),
                number(usage.reserve().toGigabytes(), 1),
                number(total, 1),
                number(capacity, 1),
                capacity > 0 ? number(100 * total / capacity, 0) + "%" : "-"));
      }
    }
    html.append("</table>\n");
  }

  private static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }
}
