package dev.afd.engine.report;

import static dev.afd.engine.report.SvgText.coordinate;
import static dev.afd.engine.report.SvgText.format;
import static java.util.Objects.requireNonNull;

import dev.afd.engine.report.ReferenceLines.Guide;
import dev.afd.engine.report.ReferenceLines.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG scatter chart: series of points, optionally joined by lines, on linear or
 * logarithmic axes with ticks, grid, axis titles, reference lines and a legend.
 *
 * <p>Used for the Pareto charts of {@code report.html} and reusable for any x–y plot, for example
 * predicted against measured times with {@link Builder#identityLine(String)}. The output uses no
 * external resources (no fonts, scripts or links) and is identical for identical input: every
 * coordinate is formatted with {@link Locale#ROOT}. All text is escaped.
 *
 * <p>Axis ranges are taken from the points and reference lines unless set explicitly; linear axes
 * include zero, logarithmic axes span whole decades and ignore non-positive values. Immutable and
 * thread-safe once built.
 *
 * <p>This class holds the public model (axes, points, series, reference lines) and lays the chart
 * out; {@link AxisRange} resolves the axis scales and tick labels, {@link ScatterAxes} draws the
 * axes, {@link SeriesMarks} the series, {@link ReferenceLines} the reference lines and {@link
 * ScatterLegend} the legend.
 */
public final class SvgScatterChart {
  /** Colour-blind-safe series colours (Okabe–Ito), used in order when a series sets none. */
  public static final List<String> PALETTE =
      List.of(
          "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999");

  private static final int TOP = 36;
  private static final int BOTTOM = 52;
  private static final int LEFT = 76;
  private static final int LEGEND_GAP = 16;
  private static final int CLIP_MARGIN = 10;

  private final String id;
  private final String cssClass;
  private final String title;
  private final int width;
  private final int height;
  private final Axis xAxis;
  private final Axis yAxis;
  private final List<Series> series;
  private final List<Guide> guides;

  private SvgScatterChart(Builder builder) {
    this.id = builder.id;
    this.cssClass = builder.cssClass;
    this.title = builder.title;
    this.width = builder.width;
    this.height = builder.height;
    this.xAxis = builder.xAxis;
    this.yAxis = builder.yAxis;
    this.series = List.copyOf(builder.series);
    this.guides = List.copyOf(builder.guides);
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** How an axis maps values to positions. */
  public enum Scale {
    /** Evenly spaced values. */
    LINEAR,
    /** Evenly spaced decades; non-positive values are not drawn. */
    LOG
  }

  /**
   * An axis.
   *
   * @param title the axis title, with its unit
   * @param scale linear or logarithmic
   * @param min the lowest value shown, NaN to derive it from the data
   * @param max the highest value shown, NaN to derive it from the data
   */
  public record Axis(String title, Scale scale, double min, double max) {
    /** Validates the axis. */
    public Axis {
      requireNonNull(title, "title");
      requireNonNull(scale, "scale");
      if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
        throw new IllegalArgumentException(
            "axis '" + title + "' needs min < max, got " + min + " and " + max);
      }
      if (scale == Scale.LOG && (min <= 0 || max <= 0)) {
        throw new IllegalArgumentException(
            "log axis '" + title + "' needs a positive range, got " + min + " and " + max);
      }
    }

    /** {@return a linear axis ranging over the data} */
    public static Axis linear(String title) {
      return new Axis(title, Scale.LINEAR, Double.NaN, Double.NaN);
    }

    /** {@return a logarithmic axis ranging over the data} */
    public static Axis log(String title) {
      return new Axis(title, Scale.LOG, Double.NaN, Double.NaN);
    }

    /** {@return this axis with a fixed range} */
    public Axis withRange(double min, double max) {
      return new Axis(title, scale, min, max);
    }
  }

  /**
   * One point.
   *
   * @param x the x value
   * @param y the y value
   * @param label a tooltip, empty for none
   * @param emphasized whether to draw it larger and outlined, for example the best configuration
   */
  public record Point(double x, double y, String label, boolean emphasized) {
    /** Validates the point. */
    public Point {
      requireNonNull(label, "label");
    }

    /** {@return a plain point without a label} */
    public static Point of(double x, double y) {
      return new Point(x, y, "", false);
    }
  }

  /**
   * A named series.
   *
   * @param name the legend entry
   * @param color a CSS colour such as {@code #0072B2}, empty to take the next palette colour
   * @param points the points, in the order lines join them
   * @param connected whether a line joins the points
   */
  public record Series(String name, String color, List<Point> points, boolean connected) {
    /** Validates and copies. */
    public Series {
      requireNonNull(name, "name");
      requireNonNull(color, "color");
      points = List.copyOf(points);
    }
  }

  /** Configures a chart; not thread-safe. */
  public static final class Builder {
    private String id = "chart";
    private String cssClass = "scatter";
    private String title = "";
    private int width = 760;
    private int height = 440;
    private Axis xAxis = Axis.linear("x");
    private Axis yAxis = Axis.linear("y");
    private final List<Series> series = new ArrayList<>();
    private final List<Guide> guides = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the id, unique within the page, that prefixes the chart's internal ids (default {@code
     * chart}).
     */
    public Builder id(String id) {
      if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
        throw new IllegalArgumentException("chart id must be a plain name, got '" + id + "'");
      }
      this.id = id;
      return this;
    }

    /** Sets the CSS class added to {@code chart} on the svg element (default {@code scatter}). */
    public Builder cssClass(String cssClass) {
      if (!cssClass.matches("[A-Za-z][A-Za-z0-9_-]*")) {
        throw new IllegalArgumentException(
            "CSS class must be a plain name, got '" + cssClass + "'");
      }
      this.cssClass = cssClass;
      return this;
    }

    /** Sets the title above the plot. */
    public Builder title(String title) {
      this.title = requireNonNull(title, "title");
      return this;
    }

    /** Sets the size in pixels (default 760 × 440). */
    public Builder size(int width, int height) {
      if (width < 200 || height < 150) {
        throw new IllegalArgumentException(
            "chart size must be at least 200 × 150, got " + width + " × " + height);
      }
      this.width = width;
      this.height = height;
      return this;
    }

    /** Sets the x axis. */
    public Builder xAxis(Axis axis) {
      this.xAxis = requireNonNull(axis, "axis");
      return this;
    }

    /** Sets the y axis. */
    public Builder yAxis(Axis axis) {
      this.yAxis = requireNonNull(axis, "axis");
      return this;
    }

    /** Adds a series. */
    public Builder series(Series series) {
      this.series.add(requireNonNull(series, "series"));
      return this;
    }

    /** Adds a series coloured from {@link #PALETTE}. */
    public Builder series(String name, List<Point> points, boolean connected) {
      return series(new Series(name, "", points, connected));
    }

    /** Adds a dashed vertical reference line at {@code x}, for example an SLO. */
    public Builder verticalLine(double x, String label) {
      guides.add(new Guide(Kind.VERTICAL, x, requireNonNull(label, "label")));
      return this;
    }

    /** Adds a dashed horizontal reference line at {@code y}. */
    public Builder horizontalLine(double y, String label) {
      guides.add(new Guide(Kind.HORIZONTAL, y, requireNonNull(label, "label")));
      return this;
    }

    /** Adds the dashed line y = x, for predicted-against-measured plots. */
    public Builder identityLine(String label) {
      guides.add(new Guide(Kind.IDENTITY, Double.NaN, requireNonNull(label, "label")));
      return this;
    }

    /** {@return the chart} */
    public SvgScatterChart build() {
      return new SvgScatterChart(this);
    }
  }

  /** {@return the chart as an {@code <svg>} element, ending in a newline} */
  public String svg() {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (Series one : series) {
      for (Point point : one.points()) {
        if (drawable(point)) {
          xs.add(point.x());
          ys.add(point.y());
        }
      }
    }
    for (Guide guide : guides) {
      if (guide.kind() == Kind.VERTICAL) {
        xs.add(guide.value());
      } else if (guide.kind() == Kind.HORIZONTAL) {
        ys.add(guide.value());
      }
    }
    AxisRange x = AxisRange.of(xAxis, xs);
    AxisRange y = AxisRange.of(yAxis, ys);
    int legendWidth = ScatterLegend.width(series, guides);
    double plotLeft = LEFT;
    double plotRight = width - legendWidth - LEGEND_GAP;
    double plotTop = TOP;
    double plotBottom = height - BOTTOM;
    PlotFrame frame = new PlotFrame(x, y, plotLeft, plotRight, plotTop, plotBottom);
    List<String> colors = new ArrayList<>(series.size());
    for (int index = 0; index < series.size(); index++) {
      String color = series.get(index).color();
      colors.add(color.isEmpty() ? PALETTE.get(index % PALETTE.size()) : color);
    }

    StringBuilder svg = new StringBuilder();
    svg.append(
        format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart %s\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-title\""
                + " font-family=\"sans-serif\" font-size=\"12\">\n",
            cssClass, width, height, width, height, id));
    svg.append(format("<title id=\"%s-title\">%s</title>\n", id, Html.escape(title)));
    svg.append(
        format(
            "<defs><clipPath id=\"%s-plot\"><rect x=\"%s\" y=\"%s\" width=\"%s\""
                + " height=\"%s\"/></clipPath></defs>\n",
            id,
            coordinate(plotLeft - CLIP_MARGIN),
            coordinate(plotTop - CLIP_MARGIN),
            coordinate(plotRight - plotLeft + 2 * CLIP_MARGIN),
            coordinate(plotBottom - plotTop + 2 * CLIP_MARGIN)));
    svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height));
    if (!title.isEmpty()) {
      svg.append(
          format(
              "<text x=\"%s\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>\n",
              coordinate(plotLeft), Html.escape(title)));
    }
    ScatterAxes.draw(svg, frame, xAxis, yAxis);
    svg.append(format("<g clip-path=\"url(#%s-plot)\">\n", id));
    ReferenceLines.lines(svg, frame, guides);
    for (int index = 0; index < series.size(); index++) {
      Series one = series.get(index);
      List<Point> points = one.points().stream().filter(this::drawable).toList();
      SeriesMarks.draw(svg, frame, one, index, colors.get(index), points);
    }
    svg.append("</g>\n");
    ReferenceLines.labels(svg, frame, guides);
    ScatterLegend.draw(svg, plotRight + LEGEND_GAP, plotTop, series, colors, guides);
    if (xs.isEmpty() && ys.isEmpty()) {
      svg.append(
          format(
              "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" fill=\"#666666\">no points</text>\n",
              coordinate((plotLeft + plotRight) / 2), coordinate((plotTop + plotBottom) / 2)));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** Whether a point can be placed: finite, and positive on a logarithmic axis. */
  private boolean drawable(Point point) {
    return Double.isFinite(point.x())
        && Double.isFinite(point.y())
        && (xAxis.scale() == Scale.LINEAR || point.x() > 0)
        && (yAxis.scale() == Scale.LINEAR || point.y() > 0);
  }
}
