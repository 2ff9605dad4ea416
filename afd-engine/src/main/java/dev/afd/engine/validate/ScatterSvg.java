package dev.afd.engine.validate;

import java.util.List;
import java.util.Locale;

/**
 * A small log-log predicted-vs-measured scatter plot as inline SVG, with the identity line and ±25
 * % bands. Agg points are blue circles, disagg points orange squares.
 */
final class ScatterSvg {
  private static final int SIZE = 420;
  private static final int MARGIN = 50;

  private ScatterSvg() {}

  static String render(String title, List<double[]> points, List<Boolean> disagg) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double[] point : points) {
      for (double value : point) {
        if (value > 0) {
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
      }
    }
    if (!(max > 0)) {
      min = 1;
      max = 10;
    }
    double low = Math.pow(10, Math.floor(Math.log10(min)));
    double high = Math.pow(10, Math.ceil(Math.log10(max)));
    if (high <= low) {
      high = low * 10;
    }
    StringBuilder svg = new StringBuilder();
    int total = SIZE + 2 * MARGIN;
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" role=\"img\" aria-label=\"%s\">%n",
            total,
            total,
            total,
            total,
            ValidationOutput.escape(title)));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"20\" font-size=\"14\" text-anchor=\"middle\">%s</text>%n",
            total / 2,
            ValidationOutput.escape(title)));
    for (double decade = low; decade <= high * 1.0001; decade *= 10) {
      double position = scale(decade, low, high);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                  + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
              MARGIN + position,
              MARGIN,
              MARGIN + position,
              MARGIN + SIZE,
              MARGIN,
              MARGIN + SIZE - position,
              MARGIN + SIZE,
              MARGIN + SIZE - position,
              MARGIN + position,
              MARGIN + SIZE + 16,
              label(decade),
              MARGIN - 4,
              MARGIN + SIZE - position + 4,
              label(decade)));
    }
    line(svg, low, high, 1, "#444", "");
    line(svg, low, high, 1.25, "#aaa", " stroke-dasharray=\"4 3\"");
    line(svg, low, high, 0.8, "#aaa", " stroke-dasharray=\"4 3\"");
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
            MARGIN,
            MARGIN,
            SIZE,
            SIZE));
    for (int index = 0; index < points.size(); index++) {
      double[] point = points.get(index);
      double x = MARGIN + scale(clamp(point[0], low, high), low, high);
      double y = MARGIN + SIZE - scale(clamp(point[1], low, high), low, high);
      if (disagg.get(index)) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"6\" fill=\"#e8812a\""
                    + " fill-opacity=\"0.7\"/>%n",
                x - 3,
                y - 3));
      } else {
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#2a6fe8\" fill-opacity=\"0.7\"/>%n",
                x,
                y));
      }
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">measured</text>"
                + "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 14 %d)\">predicted</text>%n",
            total / 2,
            total - 8,
            total / 2,
            total / 2));
    svg.append(
        String.format(
            Locale.ROOT,
            "<circle cx=\"%d\" cy=\"34\" r=\"3.5\" fill=\"#2a6fe8\"/><text x=\"%d\" y=\"38\""
                + " font-size=\"11\">agg</text><rect x=\"%d\" y=\"31\" width=\"6\" height=\"6\""
                + " fill=\"#e8812a\"/><text x=\"%d\" y=\"38\" font-size=\"11\">disagg</text>%n",
            MARGIN + 6,
            MARGIN + 14,
            MARGIN + 46,
            MARGIN + 56));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void line(
      StringBuilder svg, double low, double high, double ratio, String color, String extra) {
    double x1 = MARGIN + scale(low, low, high);
    double y1 = MARGIN + SIZE - scale(clamp(low * ratio, low, high), low, high);
    double x2 = MARGIN + scale(Math.min(high, high / ratio), low, high);
    double y2 = MARGIN + SIZE - scale(Math.min(high, high * ratio), low, high);
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
            x1,
            y1,
            x2,
            y2,
            color,
            extra));
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  private static double scale(double value, double low, double high) {
    return (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)) * SIZE;
  }

  private static String label(double value) {
    return value >= 1000
        ? String.format(Locale.ROOT, "%.0fk", value / 1000)
        : String.format(Locale.ROOT, "%s", value >= 1 ? String.valueOf((long) value) : value);
  }
}
