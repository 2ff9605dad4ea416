package dev.afd.engine.report;

import java.util.Locale;

/**
 * Writes the numbers and attributes of the SVG charts: pixel coordinates, tick and value labels,
 * and {@link Locale#ROOT} formatting, so that identical input gives identical text on every
 * machine.
 */
final class SvgText {
  private SvgText() {}

  /** {@return the pattern filled in {@link Locale#ROOT}} */
  static String format(String pattern, Object... arguments) {
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
