package dev.afd.engine.report;

import dev.afd.engine.report.SvgScatterChart.Axis;
import dev.afd.engine.report.SvgScatterChart.Scale;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale of one scatter-chart axis: its range resolved from the data (linear axes include zero
 * and end on a nice step, logarithmic axes on whole decades), where a value falls in it, and its
 * ticks with their labels ({@code k} and {@code M} suffixes for round thousands and millions).
 */
final class AxisRange {
  /** One tick: its value, its label, and whether the label and a grid line are drawn. */
  record Tick(double value, String label, boolean labelled) {}

  final Scale scale;
  final double low;
  final double high;
  final double step;

  private AxisRange(Scale scale, double low, double high, double step) {
    this.scale = scale;
    this.low = low;
    this.high = high;
    this.step = step;
  }

  static AxisRange of(Axis axis, List<Double> values) {
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

  private static AxisRange linear(Axis axis, double min, double max) {
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
    return new AxisRange(Scale.LINEAR, low, high, step);
  }

  private static AxisRange log(Axis axis, double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      min = 1;
      max = 10;
    }
    double low = Double.isNaN(axis.min()) ? Math.pow(10, Math.floor(Math.log10(min) + 1e-9)) : min;
    double high = Double.isNaN(axis.max()) ? Math.pow(10, Math.ceil(Math.log10(max) - 1e-9)) : max;
    if (!(low < high)) {
      high = low * 10;
    }
    return new AxisRange(Scale.LOG, low, high, 10);
  }

  /** {@return where {@code value} falls in the range, 0 at the low end and 1 at the high end} */
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
      decimals = SvgText.stepDecimals(step);
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
              ? SvgText.number(value, scale == Scale.LOG ? logDecimals(value) : decimals)
              : SvgText.number(value / divisor, 0) + suffix;
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
