package dev.afd.engine.report;

import static dev.afd.engine.report.SvgText.coordinate;
import static dev.afd.engine.report.SvgText.format;

import dev.afd.engine.report.SvgScatterChart.Point;
import dev.afd.engine.report.SvgScatterChart.Series;
import java.util.List;

/**
 * Draws one scatter-chart series: the line joining its points, if connected, and a marker per point
 * whose shape cycles with the series index (circle, square, triangle, diamond) so series stay apart
 * without colour; emphasized points are larger and outlined black, labels become tooltips.
 */
final class SeriesMarks {
  private SeriesMarks() {}

  /** Appends a series' group, with only its drawable {@code points}. */
  static void draw(
      StringBuilder svg, PlotFrame frame, Series one, int index, String color, List<Point> points) {
    svg.append(format("<g class=\"series\" data-series=\"%s\">\n", Html.escape(one.name())));
    if (one.connected() && points.size() > 1) {
      StringBuilder path = new StringBuilder();
      for (Point point : points) {
        if (path.length() > 0) {
          path.append(' ');
        }
        path.append(coordinate(frame.x(point.x())))
            .append(',')
            .append(coordinate(frame.y(point.y())));
      }
      svg.append(
          format(
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                  + " stroke-linejoin=\"round\"/>\n",
              path, color));
    }
    for (Point point : points) {
      svg.append(marker(index, frame.x(point.x()), frame.y(point.y()), color, point));
    }
    svg.append("</g>\n");
  }

  /** {@return the marker of series {@code index} for {@code point}, centred at pixel (x, y)} */
  static String marker(int index, double x, double y, String color, Point point) {
    double size = point.emphasized() ? 7 : 4;
    String stroke =
        point.emphasized()
            ? " stroke=\"#000000\" stroke-width=\"2\""
            : " stroke=\"#ffffff\" stroke-width=\"1\"";
    String tooltip =
        point.label().isEmpty() ? "" : "<title>" + Html.escape(point.label()) + "</title>";
    String close = tooltip.isEmpty() ? "/>\n" : ">" + tooltip + "</" + shapeElement(index) + ">\n";
    String shape =
        switch (index % 4) {
          case 0 ->
              format(
                  "<circle cx=\"%s\" cy=\"%s\" r=\"%s\"",
                  coordinate(x), coordinate(y), coordinate(size));
          case 1 ->
              format(
                  "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"",
                  coordinate(x - size),
                  coordinate(y - size),
                  coordinate(2 * size),
                  coordinate(2 * size));
          case 2 ->
              format(
                  "<polygon points=\"%s,%s %s,%s %s,%s\"",
                  coordinate(x),
                  coordinate(y - size * 1.2),
                  coordinate(x + size * 1.1),
                  coordinate(y + size * 0.9),
                  coordinate(x - size * 1.1),
                  coordinate(y + size * 0.9));
          default ->
              format(
                  "<polygon points=\"%s,%s %s,%s %s,%s %s,%s\"",
                  coordinate(x),
                  coordinate(y - size * 1.3),
                  coordinate(x + size * 1.3),
                  coordinate(y),
                  coordinate(x),
                  coordinate(y + size * 1.3),
                  coordinate(x - size * 1.3),
                  coordinate(y));
        };
    return shape + " fill=\"" + color + "\"" + stroke + close;
  }

  private static String shapeElement(int index) {
    return switch (index % 4) {
      case 0 -> "circle";
      case 1 -> "rect";
      default -> "polygon";
    };
  }
}
