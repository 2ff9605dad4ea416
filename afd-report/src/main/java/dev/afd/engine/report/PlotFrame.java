package dev.afd.engine.report;

/**
 * The plot area of a scatter chart in pixels and the two axis ranges it shows; maps data values to
 * pixel positions (y grows downwards in SVG, so larger values sit higher).
 */
final class PlotFrame {
  final AxisRange x;
  final AxisRange y;
  final double left;
  final double right;
  final double top;
  final double bottom;

  PlotFrame(AxisRange x, AxisRange y, double left, double right, double top, double bottom) {
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
