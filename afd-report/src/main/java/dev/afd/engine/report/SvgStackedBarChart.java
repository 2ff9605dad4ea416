package dev.afd.engine.report;

import static dev.afd.engine.report.SvgText.format;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained SVG chart of horizontal stacked bars on a shared linear axis starting at zero,
 * for example the stage times of one decode step per strategy.
 *
 * <p>Segments with the same name share a colour, assigned in order of first appearance. Output is
 * identical for identical input; all text is escaped. Immutable and thread-safe.
 */
public final class SvgStackedBarChart {
  /** Segment colours, used in order of first appearance (Tableau 10). */
  public static final List<String> PALETTE =
      List.of(
          "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
          "#9C755F", "#BAB0AC");

  private static final int BAR_HEIGHT = 22;
  private static final int BAR_GAP = 12;
  private static final int TOP = 12;
  private static final double CHARACTER_WIDTH = 6.6;

  private final String id;
  private final String title;
  private final String unit;
  private final int width;
  private final List<Bar> bars;

  /**
   * One segment of a bar.
   *
   * @param name the legend entry, for example {@code attention}
   * @param value its length, non-negative
   */
  public record Segment(String name, double value) {
    /** Validates the segment. */
    public Segment {
      requireNonNull(name, "name");
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            "segment '" + name + "' needs a finite value >= 0, got " + value);
      }
    }
  }

  /**
   * One bar.
   *
   * @param label the label left of the bar
   * @param segments the segments, left to right
   */
  public record Bar(String label, List<Segment> segments) {
    /** Validates and copies. */
    public Bar {
      requireNonNull(label, "label");
      segments = List.copyOf(segments);
    }

    double total() {
      return segments.stream().mapToDouble(Segment::value).sum();
    }
  }

  /**
   * Creates a chart.
   *
   * @param id a page-unique plain name
   * @param title the accessible title
   * @param unit the unit of the values, shown in the axis title and totals
   * @param width the width in pixels
   * @param bars the bars, top to bottom
   */
  public SvgStackedBarChart(String id, String title, String unit, int width, List<Bar> bars) {
    this.id = requireNonNull(id, "id");
    this.title = requireNonNull(title, "title");
    this.unit = requireNonNull(unit, "unit");
    this.width = width;
    this.bars = List.copyOf(bars);
  }

  /** {@return the chart as an {@code <svg>} element, ending in a newline} */
  public String svg() {
    Map<String, String> colors = new LinkedHashMap<>();
    double max = 0;
    int labelCharacters = 0;
    for (Bar bar : bars) {
      for (Segment segment : bar.segments()) {
        colors.putIfAbsent(segment.name(), PALETTE.get(colors.size() % PALETTE.size()));
      }
      max = Math.max(max, bar.total());
      labelCharacters = Math.max(labelCharacters, bar.label().length());
    }
    double left = Math.ceil(16 + labelCharacters * CHARACTER_WIDTH);
    double right = width - 90;
    double scale = max > 0 ? (right - left) / max : 0;
    double axisY = TOP + bars.size() * (BAR_HEIGHT + BAR_GAP);
    List<String> legend = new ArrayList<>(colors.keySet());
    int legendRows = legendRows(legend, left);
    int height = (int) Math.ceil(axisY + 44 + legendRows * 20);

    StringBuilder svg = new StringBuilder();
    svg.append(
        format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-title\""
                + " font-family=\"sans-serif\" font-size=\"12\">\n",
            width, height, width, height, id));
    svg.append(format("<title id=\"%s-title\">%s</title>\n", id, Html.escape(title)));
    svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height));
    double y = TOP;
    for (Bar bar : bars) {
      svg.append(
          format(
              "<text x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>\n",
              c(left - 8), c(y + BAR_HEIGHT / 2.0 + 4), Html.escape(bar.label())));
      double x = left;
      for (Segment segment : bar.segments()) {
        double length = segment.value() * scale;
        svg.append(
            format(
                "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s: %s %s</title></rect>\n",
                c(x),
                c(y),
                c(length),
                BAR_HEIGHT,
                colors.get(segment.name()),
                Html.escape(segment.name()),
                SvgText.number(segment.value(), decimals(segment.value())),
                Html.escape(unit)));
        x += length;
      }
      svg.append(
          format(
              "<text x=\"%s\" y=\"%s\">%s %s</text>\n",
              c(x + 6),
              c(y + BAR_HEIGHT / 2.0 + 4),
              SvgText.number(bar.total(), decimals(bar.total())),
              Html.escape(unit)));
      y += BAR_HEIGHT + BAR_GAP;
    }
    svg.append(
        format(
            "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\" stroke=\"#888888\"/>\n",
            c(left), c(axisY), c(right)));
    if (max > 0) {
      double step = niceStep(max / 5);
      int tickDecimals = SvgText.stepDecimals(step);
      for (int index = 0; index * step <= max * (1 + 1e-9); index++) {
        double value = index * step;
        double x = left + value * scale;
        svg.append(
            format(
                "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%1$s\" y2=\"%3$s\" stroke=\"#888888\"/>\n"
                    + "<text x=\"%1$s\" y=\"%4$s\" text-anchor=\"middle\">%5$s</text>\n",
                c(x), c(axisY), c(axisY + 5), c(axisY + 18), SvgText.number(value, tickDecimals)));
      }
    }
    svg.append(
        format(
            "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>\n",
            c((left + right) / 2), c(axisY + 34), Html.escape(title + " (" + unit + ")")));
    double legendX = left;
    double legendY = axisY + 50;
    for (String name : legend) {
      double entryWidth = entryWidth(name);
      if (legendX + entryWidth > width && legendX > left) {
        legendX = left;
        legendY += 20;
      }
      svg.append(
          format(
              "<rect x=\"%s\" y=\"%s\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                  + "<text x=\"%s\" y=\"%s\">%s</text>\n",
              c(legendX),
              c(legendY - 10),
              colors.get(name),
              c(legendX + 16),
              c(legendY),
              Html.escape(name)));
      legendX += entryWidth;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private int legendRows(List<String> legend, double left) {
    if (legend.isEmpty()) {
      return 0;
    }
    int rows = 1;
    double x = left;
    for (String name : legend) {
      double entryWidth = entryWidth(name);
      if (x + entryWidth > width && x > left) {
        rows++;
        x = left;
      }
      x += entryWidth;
    }
    return rows;
  }

  private static double entryWidth(String name) {
    return Math.ceil(28 + name.length() * CHARACTER_WIDTH);
  }

  private static int decimals(double value) {
    double magnitude = Math.abs(value);
    return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  }

  private static double niceStep(double rough) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static String c(double value) {
    return SvgText.coordinate(value);
  }
}
