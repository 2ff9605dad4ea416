package dev.afd.engine.report;

import static dev.afd.engine.report.SvgText.coordinate;
import static dev.afd.engine.report.SvgText.format;

import dev.afd.engine.report.ReferenceLines.Guide;
import dev.afd.engine.report.SvgScatterChart.Point;
import dev.afd.engine.report.SvgScatterChart.Series;
import java.util.List;

/**
 * Draws a scatter chart's legend right of the plot: one row per series (its marker, and its line if
 * connected) and one per reference line, each with its name; and sizes it from the longest name.
 */
final class ScatterLegend {
  private static final double CHARACTER_WIDTH = 6.6;

  private ScatterLegend() {}

  /** {@return the legend's width in pixels, 0 when there is nothing to name} */
  static int width(List<Series> series, List<Guide> guides) {
    int characters = 0;
    for (Series one : series) {
      characters = Math.max(characters, one.name().length());
    }
    for (Guide guide : guides) {
      characters = Math.max(characters, guide.label().length());
    }
    return characters == 0 ? 0 : (int) Math.ceil(36 + characters * CHARACTER_WIDTH);
  }

  /** Appends the legend with its top left corner at ({@code left}, {@code top}). */
  static void draw(
      StringBuilder svg,
      double left,
      double top,
      List<Series> series,
      List<String> colors,
      List<Guide> guides) {
    if (series.isEmpty() && guides.isEmpty()) {
      return;
    }
    svg.append("<g class=\"legend\">\n");
    double y = top + 8;
    for (int index = 0; index < series.size(); index++) {
      String color = colors.get(index);
      if (series.get(index).connected()) {
        svg.append(
            format(
                "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\" stroke=\"%4$s\""
                    + " stroke-width=\"2\"/>\n",
                coordinate(left), coordinate(y), coordinate(left + 24), color));
      }
      svg.append(SeriesMarks.marker(index, left + 12, y, color, Point.of(0, 0)));
      svg.append(
          format(
              "<text x=\"%s\" y=\"%s\">%s</text>\n",
              coordinate(left + 30), coordinate(y + 4), Html.escape(series.get(index).name())));
      y += 20;
    }
    for (Guide guide : guides) {
      svg.append(
          format(
              "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\" stroke=\"#c62828\""
                  + " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
              coordinate(left), coordinate(y), coordinate(left + 24)));
      svg.append(
          format(
              "<text x=\"%s\" y=\"%s\">%s</text>\n",
              coordinate(left + 30), coordinate(y + 4), Html.escape(guide.label())));
      y += 20;
    }
    svg.append("</g>\n");
  }
}
