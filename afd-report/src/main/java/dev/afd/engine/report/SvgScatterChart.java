package dev.afd.engine.report;

import static java.util.Objects.requireNonNull;

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
  private static final double CHARACTER_WIDTH = 6.6;
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

  private enum GuideKind {
    VERTICAL,
    HORIZONTAL,
    IDENTITY
  }

  private record Guide(GuideKind kind, double value, String label) {}

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
      guides.add(new Guide(GuideKind.VERTICAL, x, requireNonNull(label, "label")));
      return this;
    }

    /** Adds a dashed horizontal reference line at {@code y}. */
    public Builder horizontalLine(double y, String label) {
      guides.add(new Guide(GuideKind.HORIZONTAL, y, requireNonNull(label, "label")));
      return this;
    }

    /** Adds the dashed line y = x, for predicted-against-measured plots. */
    public Builder identityLine(String label) {
      guides.add(new Guide(GuideKind.IDENTITY, Double.NaN, requireNonNull(label, "label")));
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
      if (guide.kind() == GuideKind.VERTICAL) {
        xs.add(guide.value());
      } else if (guide.kind() == GuideKind.HORIZONTAL) {
        ys.add(guide.value());
      }
    }
    Range x = Range.of(xAxis, xs);
    Range y = Range.of(yAxis, ys);
    int legendWidth = legendWidth();
    double plotLeft = LEFT;
    double plotRight = width - legendWidth - LEGEND_GAP;
    double plotTop = TOP;
    double plotBottom = height - BOTTOM;
    Frame frame = new Frame(x, y, plotLeft, plotRight, plotTop, plotBottom);

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
    axes(svg, frame);
    svg.append(format("<g clip-path=\"url(#%s-plot)\">\n", id));
    guideLines(svg, frame);
    for (int index = 0; index < series.size(); index++) {
      seriesMarks(svg, frame, index);
    }
    svg.append("</g>\n");
    guideLabels(svg, frame);
    legend(svg, plotRight + LEGEND_GAP, plotTop);
    if (xs.isEmpty() && ys.isEmpty()) {
      svg.append(
          format(
              "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" fill=\"#666666\">no points</text>\n",
              coordinate((plotLeft + plotRight) / 2), coordinate((plotTop + plotBottom) / 2)));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private boolean drawable(Point point) {
    return Double.isFinite(point.x())
        && Double.isFinite(point.y())
        && (xAxis.scale() == Scale.LINEAR || point.x() > 0)
        && (yAxis.scale() == Scale.LINEAR || point.y() > 0);
  }

  private int legendWidth() {
    int characters = 0;
    for (Series one : series) {
      characters = Math.max(characters, one.name().length());
    }
    for (Guide guide : guides) {
      characters = Math.max(characters, guide.label().length());
    }
    return characters == 0 ? 0 : (int) Math.ceil(36 + characters * CHARACTER_WIDTH);
  }

  private void axes(StringBuilder svg, Frame frame) {
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
      double position = frame.x(tick.value);
      if (tick.labelled) {
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
              coordinate(frame.bottom + (tick.labelled ? 5 : 3))));
      if (tick.labelled) {
        svg.append(
            format(
                "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>\n",
                coordinate(position), coordinate(frame.bottom + 18), Html.escape(tick.label)));
      }
    }
    svg.append(
        format(
            "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>\n",
            coordinate((frame.left + frame.right) / 2),
            coordinate(frame.bottom + 40),
            Html.escape(xAxis.title() + (xAxis.scale() == Scale.LOG ? " (log scale)" : ""))));
    svg.append("</g>\n<g class=\"y-axis\">\n");
    for (Tick tick : frame.y.ticks()) {
      double position = frame.y(tick.value);
      if (tick.labelled) {
        svg.append(
            format(
                "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\" stroke=\"#e2e2e2\"/>\n",
                coordinate(frame.left), coordinate(position), coordinate(frame.right)));
      }
      svg.append(
          format(
              "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\" stroke=\"#888888\"/>\n",
              coordinate(frame.left - (tick.labelled ? 5 : 3)),
              coordinate(position),
              coordinate(frame.left)));
      if (tick.labelled) {
        svg.append(
            format(
                "<text x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>\n",
                coordinate(frame.left - 8), coordinate(position + 4), Html.escape(tick.label)));
      }
    }
    double middle = (frame.top + frame.bottom) / 2;
    svg.append(
        format(
            "<text x=\"16\" y=\"%1$s\" text-anchor=\"middle\" font-weight=\"bold\""
                + " transform=\"rotate(-90 16 %1$s)\">%2$s</text>\n",
            coordinate(middle),
            Html.escape(yAxis.title() + (yAxis.scale() == Scale.LOG ? " (log scale)" : ""))));
    svg.append("</g>\n");
  }

  private void guideLines(StringBuilder svg, Frame frame) {
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

  private static String identity(Frame frame) {
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

  private void guideLabels(StringBuilder svg, Frame frame) {
    for (Guide guide : guides) {
      if (guide.kind() == GuideKind.VERTICAL) {
        double position = frame.x(guide.value());
        boolean rightHalf = position > (frame.left + frame.right) / 2;
        svg.append(
            format(
                "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" fill=\"#c62828\">%s</text>\n",
                coordinate(position + (rightHalf ? -4 : 4)),
                coordinate(frame.top + 14),
                rightHalf ? "end" : "start",
                Html.escape(guide.label())));
      } else if (guide.kind() == GuideKind.HORIZONTAL) {
        svg.append(
            format(
                "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" fill=\"#c62828\">%s</text>\n",
                coordinate(frame.right - 4),
                coordinate(frame.y(guide.value()) - 4),
                Html.escape(guide.label())));
      }
    }
  }

  private void seriesMarks(StringBuilder svg, Frame frame, int index) {
    Series one = series.get(index);
    String color = color(index);
    svg.append(format("<g class=\"series\" data-series=\"%s\">\n", Html.escape(one.name())));
    List<Point> points = one.points().stream().filter(this::drawable).toList();
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

  private String color(int index) {
    String color = series.get(index).color();
    return color.isEmpty() ? PALETTE.get(index % PALETTE.size()) : color;
  }

  private static String marker(int index, double x, double y, String color, Point point) {
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

  private void legend(StringBuilder svg, double left, double top) {
    if (series.isEmpty() && guides.isEmpty()) {
      return;
    }
    svg.append("<g class=\"legend\">\n");
    double y = top + 8;
    for (int index = 0; index < series.size(); index++) {
      String color = color(index);
      if (series.get(index).connected()) {
        svg.append(
            format(
                "<line x1=\"%1$s\" y1=\"%2$s\" x2=\"%3$s\" y2=\"%2$s\" stroke=\"%4$s\""
                    + " stroke-width=\"2\"/>\n",
                coordinate(left), coordinate(y), coordinate(left + 24), color));
      }
      svg.append(marker(index, left + 12, y, color, Point.of(0, 0)));
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

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }

  /** {@return a pixel coordinate with at most one decimal, {@code -0} written as {@code 0}} */
  static String coordinate(double value) {
    String text = String.format(Locale.ROOT, "%.1f", value);
    if (text.endsWith(".0")) {
      text = text.substring(0, text.length() - 2);
    }
    return text.equals("-0") ? "0" : text;
  }

  private record Tick(double value, String label, boolean labelled) {}

  private static final class Frame {
    final Range x;
    final Range y;
    final double left;
    final double right;
    final double top;
    final double bottom;

    Frame(Range x, Range y, double left, double right, double top, double bottom) {
      this.x = x;
      this.y = y;
      this.left = left;
      this.right = right;
      this.top = top;
      this.bottom = bottom;
    }

    double x(double value) {
      return left + x.fraction(value) * (right - left);
    }

    double y(double value) {
      return bottom - y.fraction(value) * (bottom - top);
    }
  }

  /** A resolved axis range with its ticks. */
  private static final class Range {
    final Scale scale;
    final double low;
    final double high;
    final double step;

    private Range(Scale scale, double low, double high, double step) {
      this.scale = scale;
      this.low = low;
      this.high = high;
      this.step = step;
    }

    static Range of(Axis axis, List<Double> values) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double value : values) {
        if (Double.isFinite(value) && (axis.scale() == Scale.LINEAR || value > 0)) {
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
      }
      if (!Double.isNaN(axis.min())) {
        min = axis.min();
      }
      if (!Double.isNaN(axis.max())) {
        max = axis.max();
      }
      return axis.scale() == Scale.LOG
          ? log(axis, min, max)
          : linear(axis, Math.min(min, 0), Math.max(max, 0));
    }

    private static Range linear(Axis axis, double min, double max) {
      if (!Double.isFinite(min) || !Double.isFinite(max)) {
        min = 0;
        max = 1;
      }
      if (!(min < max)) {
        double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
        min -= pad;
        max += pad;
      }
      double step = niceStep((max - min) / 5);
      double low = Double.isNaN(axis.min()) ? Math.floor(min / step) * step : min;
      double high = Double.isNaN(axis.max()) ? Math.ceil(max / step - 1e-9) * step : max;
      if (!(low < high)) {
        high = low + step;
      }
      return new Range(Scale.LINEAR, low, high, step);
    }

    private static Range log(Axis axis, double min, double max) {
      if (!Double.isFinite(min) || !Double.isFinite(max)) {
        min = 1;
        max = 10;
      }
      double low =
          Double.isNaN(axis.min()) ? Math.pow(10, Math.floor(Math.log10(min) + 1e-9)) : min;
      double high =
          Double.isNaN(axis.max()) ? Math.pow(10, Math.ceil(Math.log10(max) - 1e-9)) : max;
      if (!(low < high)) {
        high = low * 10;
      }
      return new Range(Scale.LOG, low, high, 10);
    }

    double fraction(double value) {
      if (scale == Scale.LOG) {
        return (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
      }
      return (value - low) / (high - low);
    }

    List<Tick> ticks() {
      List<Double> values = new ArrayList<>();
      List<Boolean> labelled = new ArrayList<>();
      int decimals = 0;
      if (scale == Scale.LINEAR) {
        decimals = stepDecimals(step);
        long first = (long) Math.ceil(low / step - 1e-9);
        long last = (long) Math.floor(high / step + 1e-9);
        for (long index = first; index <= last; index++) {
          values.add(index * step);
          labelled.add(true);
        }
      } else {
        int firstDecade = (int) Math.floor(Math.log10(low) + 1e-9);
        int lastDecade = (int) Math.ceil(Math.log10(high) - 1e-9);
        boolean labelMinor = lastDecade - firstDecade <= 2;
        decimals = Math.max(0, -firstDecade);
        for (int decade = firstDecade; decade <= lastDecade; decade++) {
          for (int multiple = 1; multiple < 10; multiple++) {
            double value = multiple * Math.pow(10, decade);
            if (value < low * (1 - 1e-9) || value > high * (1 + 1e-9)) {
              continue;
            }
            values.add(value);
            labelled.add(multiple == 1 || (labelMinor && (multiple == 2 || multiple == 5)));
          }
        }
      }
      double divisor = 1;
      String suffix = "";
      double largest = 0;
      boolean thousands = true;
      boolean millions = true;
      for (int index = 0; index < values.size(); index++) {
        if (labelled.get(index)) {
          double value = values.get(index);
          largest = Math.max(largest, Math.abs(value));
          thousands &= isMultiple(value, 1e3);
          millions &= isMultiple(value, 1e6);
        }
      }
      if (largest >= 1e6 && millions) {
        divisor = 1e6;
        suffix = "M";
      } else if (largest >= 1e4 && thousands) {
        divisor = 1e3;
        suffix = "k";
      }
      List<Tick> ticks = new ArrayList<>();
      for (int index = 0; index < values.size(); index++) {
        double value = values.get(index);
        String label =
            divisor == 1 || value == 0
                ? number(value, scale == Scale.LOG ? logDecimals(value) : decimals)
                : number(value / divisor, 0) + suffix;
        ticks.add(new Tick(value, label, labelled.get(index)));
      }
      return ticks;
    }

    private static boolean isMultiple(double value, double unit) {
      double ratio = value / unit;
      return Math.abs(ratio - Math.rint(ratio)) < 1e-9 * Math.max(1, Math.abs(ratio));
    }

    private static int logDecimals(double value) {
      return Math.max(0, (int) -Math.floor(Math.log10(value) + 1e-9));
    }

    private static double niceStep(double rough) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
      double fraction = rough / magnitude;
      double nice =
          fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
      return nice * magnitude;
    }
  }

  /** {@return the decimals needed to write multiples of {@code step} exactly} */
  static int stepDecimals(double step) {
    for (int decimals = 0; decimals < 12; decimals++) {
      double scaled = step * Math.pow(10, decimals);
      if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, scaled)) {
        return decimals;
      }
    }
    return 12;
  }

  /** {@return a number with fixed decimals in {@link Locale#ROOT}, never {@code -0}} */
  static String number(double value, int decimals) {
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
  }
}
