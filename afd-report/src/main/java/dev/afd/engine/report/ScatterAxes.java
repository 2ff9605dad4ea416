package dev.afd.engine.report;

import static dev.afd.engine.report.SvgText.coordinate;
import static dev.afd.engine.report.SvgText.format;

import dev.afd.engine.report.AxisRange.Tick;
import dev.afd.engine.report.SvgScatterChart.Axis;
import dev.afd.engine.report.SvgScatterChart.Scale;

/**
 * Draws a scatter chart's plot background and both axes: tick marks, grid lines at labelled ticks,
 * tick labels and the axis titles (with "(log scale)" on logarithmic axes).
 */
final class ScatterAxes {
  private ScatterAxes() {}

  static void draw(StringBuilder svg, PlotFrame frame, Axis xAxis, Axis yAxis) {
    svg.append(
        format(
            "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#fbfbfb\""
                + " stroke=\"#888888\"/>\n",
            coordinate(frame.left),
            coordinate(frame.top),
            coordinate(frame.right - frame.left),
            coordinate(frame.bottom - frame.top)));
    svg.append("<g class=\"x-axis\">\n");
    for (Tick tick : frame.x.ticks()) {
      double position = frame.x(tick.value());
      if (tick.labelled()) {
        svg.append(
            format(
                "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%1$s\" y2=\"%3$s\" stroke=\"#e2e2e2\"/>\n",
                coordinate(position), coordinate(frame.top), coordinate(frame.bottom)));
      }
      svg.append(
          format(
              "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%1$s\" y2=\"%3$s\" stroke=\"#888888\"/>\n",
              coordinate(position),
              coordinate(frame.bottom),
              coordinate(frame.bottom + (tick.labelled() ? 5 : 3))));
      if (tick.labelled()) {
        svg.append(
            format(
                "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>\n",
                coordinate(position), coordinate(frame.bottom + 18), Html.escape(tick.label())));
      }
    }
    svg.append(
        format(
            "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>\n",
            coordinate((frame.left + frame.right) / 2),
            coordinate(frame.bottom + 40),
            Html.escape(title(xAxis))));
    svg.append("</g>\n<g class=\"y-axis\">\n");
    for (Tick tick : frame.y.ticks()) {
      double position = frame.y(tick.value());
      if (tick.labelled()) {
        svg.append(
            format(
                "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\" stroke=\"#e2e2e2\"/>\n",
                coordinate(frame.left), coordinate(position), coordinate(frame.right)));
      }
      svg.append(
          format(
              "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\" stroke=\"#888888\"/>\n",
              coordinate(frame.left - (tick.labelled() ? 5 : 3)),
              coordinate(position),
              coordinate(frame.left)));
      if (tick.labelled()) {
        svg.append(
            format(
                "<text x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>\n",
                coordinate(frame.left - 8), coordinate(position + 4), Html.escape(tick.label())));
      }
    }
    double middle = (frame.top + frame.bottom) / 2;
    svg.append(
        format(
            "<text x=\"16\" y=\"%1$s\" text-anchor=\"middle\" font-weight=\"bold\""
                + " transform=\"rotate(-90 16 %1$s)\">%2$s</text>\n",
            coordinate(middle), Html.escape(title(yAxis))));
    svg.append("</g>\n");
  }

  private static String title(Axis axis) {
    return axis.title() + (axis.scale() == Scale.LOG ? " (log scale)" : "");
  }
}
