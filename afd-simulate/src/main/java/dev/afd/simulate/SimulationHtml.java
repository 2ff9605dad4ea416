package dev.afd.simulate;

import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.report.Csv;
import dev.afd.engine.report.Html;
import dev.afd.engine.report.SvgScatterChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * report.html of {@code afd simulate --out}: the summary, the latency CDFs (TTFT, TPOT, end to end)
 * and the ranks' busy and KV-reserved shares over time, as inline SVG. Self-contained and
 * deterministic: the same run gives the same bytes.
 */
public final class SimulationHtml {
  private SimulationHtml() {}

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;\
      max-width:1000px;padding:0 16px;color:#1a1a1a;line-height:1.4}
      h1{font-size:22px;margin:0 0 4px}
      h2{font-size:18px;margin:28px 0 4px;padding-top:10px;border-top:2px solid #d0d7de}
      .meta{color:#555}
      svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}
      table{border-collapse:collapse;font-size:13px;margin:6px 0}
      th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left}
      th{background:#f3f5f7}
      td.number{text-align:right;font-variant-numeric:tabular-nums}
      """;

  /** {@return the report of one simulation} */
  public static String render(
      SimulationSpec spec, SimulationTarget target, SimulationResult result) {
    ServingResult closedForm = target.closedForm();
    String configuration =
        closedForm.strategy() + " " + Csv.pairs(closedForm.knobs()).replace(';', ' ');
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.append("<title>afd simulate: ").append(Html.escape(configuration)).append("</title>\n");
    html.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    html.append("<h1>afd simulate</h1>\n<p class=\"meta\">")
        .append(Html.escape(configuration))
        .append(
            format(
                " on %d GPUs; arrivals %s, %d requests, seed %d</p>\n",
                result.devices(),
                Html.escape(spec.arrivals().text()),
                result.completed() + result.rejected(),
                spec.seed()));
    html.append("<table>\n<tr><th>latency</th><th>mean</th><th>p50</th><th>p90</th>")
        .append("<th>p99</th><th>max</th></tr>\n");
    row(html, "TTFT ms", result.timeToFirstToken(), 1e3);
    row(html, "TPOT ms", result.timePerOutputToken(), 1e3);
    row(html, "end-to-end s", result.endToEnd(), 1);
    html.append("</table>\n");
    html.append(
        format(
            "<p>throughput %.2f requests/s, %.1f tokens/s, %.1f tokens/s/GPU; goodput %.1f %%"
                + " (TTFT ≤ %.0f ms and TPOT ≤ %.1f ms); ranks busy %.1f %%, KV reserved %.1f %%;"
                + " %.1f s simulated</p>\n",
            result.requestsPerSecond(),
            result.tokensPerSecond(),
            result.tokensPerSecondPerDevice(),
            100 * result.goodput(),
            spec.slo().timeToFirstToken().seconds() * 1e3,
            spec.slo().timePerOutputToken().seconds() * 1e3,
            100 * result.busyShare(),
            100 * result.kvShare(),
            result.makespanSeconds()));
    SimulationCurves curves = result.curves();
    html.append("<h2>Latency CDFs</h2>\n");
    html.append(
        SvgScatterChart.builder()
            .id("latency-cdf")
            .cssClass("cdf")
            .title("Share of requests at or below a latency")
            .size(900, 440)
            .xAxis(SvgScatterChart.Axis.log("latency (s)"))
            .yAxis(SvgScatterChart.Axis.linear("share of requests").withRange(0, 1))
            .series("TTFT", cdf(curves.timeToFirstToken()), true)
            .series("TPOT", cdf(curves.timePerOutputToken()), true)
            .series("end to end", cdf(curves.endToEnd()), true)
            .verticalLine(spec.slo().timeToFirstToken().seconds(), "TTFT SLO")
            .verticalLine(spec.slo().timePerOutputToken().seconds(), "TPOT SLO")
            .build()
            .svg());
    html.append("<h2>Utilisation over time</h2>\n");
    List<SvgScatterChart.Point> busy = new ArrayList<>();
    List<SvgScatterChart.Point> kv = new ArrayList<>();
    for (SimulationCurves.TimelinePoint point : curves.timeline()) {
      busy.add(SvgScatterChart.Point.of(point.timeSeconds(), point.busyShare()));
      kv.add(SvgScatterChart.Point.of(point.timeSeconds(), point.kvShare()));
    }
    html.append(
        SvgScatterChart.builder()
            .id("utilisation")
            .cssClass("timeline")
            .title("Ranks busy and KV cache reserved, mean over ranks")
            .size(900, 360)
            .xAxis(SvgScatterChart.Axis.linear("time (s)"))
            .yAxis(SvgScatterChart.Axis.linear("share").withRange(0, 1))
            .series("busy", busy, true)
            .series("KV reserved", kv, true)
            .build()
            .svg());
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static List<SvgScatterChart.Point> cdf(List<SimulationCurves.CdfPoint> points) {
    List<SvgScatterChart.Point> chart = new ArrayList<>(points.size());
    for (SimulationCurves.CdfPoint point : points) {
      chart.add(SvgScatterChart.Point.of(point.seconds(), point.share()));
    }
    return chart;
  }

  private static void row(StringBuilder html, String name, LatencySummary latency, double scale) {
    html.append("<tr><td>").append(name).append("</td>");
    for (double value :
        new double[] {latency.mean(), latency.p50(), latency.p90(), latency.p99(), latency.max()}) {
      html.append(format("<td class=\"number\">%.3f</td>", value * scale));
    }
    html.append("</tr>\n");
  }

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }
}
