package dev.afd.engine.report;

import static dev.afd.engine.report.SvgText.coordinate;
import static dev.afd.engine.report.SvgText.format;

import java.util.List;

/**
 * Draws a scatter chart's dashed red reference lines (vertical at an x value such as an SLO,
 * horizontal at a y value, or the identity y = x) and their labels inside the plot.
 */
final class ReferenceLines {
  private ReferenceLines() {}

  /** Which way a reference line runs. */
  enum Kind {
    VERTICAL,
    HORIZONTAL,
    IDENTITY
  }

  /** One reference line: its kind, its value (NaN for the identity) and its label. */
  record Guide(Kind kind, double value, String label) {}

  /** Appends the lines, each with its label as a tooltip; drawn inside the plot's clip path. */
  static void lines(StringBuilder svg, PlotFrame frame, List<Guide> guides) {
    for (Guide guide : guides) {
      String line =
          switch (guide.kind()) {
            case VERTICAL ->
                format(
                    "x1=\"%1$s\" y1=\"%2$s\" x2=\"%1$s\" y2=\"%3$s\"",
                    coordinate(frame.x(guide.value())),
                    coordinate(frame.top),
                    coordinate(frame.bottom));
            case HORIZONTAL ->
                format(
                    "x1=\"%1$s\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\"",
                    coordinate(frame.left),
                    coordinate(frame.y(guide.value())),
                    coordinate(frame.right));
            case IDENTITY -> identity(frame);
          };
      svg.append(
          format(
              "<line class=\"guide\" %s stroke=\"#c62828\" stroke-width=\"1.5\""
                  + " stroke-dasharray=\"6 4\"><title>%s</title></line>\n",
              line, Html.escape(guide.label())));
    }
  }

  private static String identity(PlotFrame frame) {
    double low = Math.max(frame.x.low, frame.y.low);
    double high = Math.min(frame.x.high, frame.y.high);
    if (!(low < high)) {
      low = Math.min(frame.x.low, frame.y.low);
      high = Math.max(frame.x.high, frame.y.high);
    }
    return format(
        "x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"",
        coordinate(frame.x(low)),
        coordinate(frame.y(low)),
        coordinate(frame.x(high)),
        coordinate(frame.y(high)));
  }

  /** Appends the vertical and horizontal lines' labels, outside the clip path. */
  static void labels(StringBuilder svg, PlotFrame frame, List<Guide> guides) {
    for (Guide guide : guides) {
      if (guide.kind() == Kind.VERTICAL) {
        double position = frame.x(guide.value());
        boolean rightHalf = position > (frame.left + frame.right) / 2;
        svg.append(
            format(
                "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" fill=\"#c62828\">%s</text>\n",
                coordinate(position + (rightHalf ? -4 : 4)),
                coordinate(frame.top + 14),
                rightHalf ? "end" : "start",
                Html.escape(guide.label())));
      } else if (guide.kind() == Kind.HORIZONTAL) {
        svg.append(
            format(
                "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" fill=\"#c62828\">%s</text>\n",
                coordinate(frame.right - 4),
                coordinate(frame.y(guide.value()) - 4),
                Html.escape(guide.label())));
      }
    }
  }
}
