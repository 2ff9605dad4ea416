package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a {@link LatencyGrid} indexes a kernel table: which text and numeric key columns must match
 * exactly, which numeric columns are interpolation axes, and in which space values are
 * interpolated.
 *
 * @param categoryColumns key columns that must match exactly: text columns, or numeric columns such
 *     as {@code head_dim} whose values are not on a continuum
 * @param axes numeric columns to interpolate over, outermost first; the innermost axis should be
 *     the densest one, because a missing point is bridged on the innermost axis whose neighbours
 *     exist
 * @param valueSpace the space values are interpolated in
 */
public record GridLayout(List<String> categoryColumns, List<Axis> axes, ValueSpace valueSpace) {
  public GridLayout {
    requireNonNull(valueSpace, "valueSpace");
    categoryColumns = List.copyOf(categoryColumns);
    axes = List.copyOf(axes);
    if (axes.isEmpty()) {
      throw new IllegalArgumentException("axes must name at least one numeric column");
    }
    Set<String> seen = new HashSet<>(categoryColumns);
    if (seen.size() != categoryColumns.size()) {
      throw new IllegalArgumentException(
          "categoryColumns must be distinct, got " + categoryColumns);
    }
    for (Axis axis : axes) {
      if (!seen.add(axis.column())) {
        throw new IllegalArgumentException(
            "column '" + axis.column() + "' appears twice in the layout");
      }
    }
  }

  /** {@return a layout with the same keys and another value space} */
  public GridLayout withValueSpace(ValueSpace newValueSpace) {
    return new GridLayout(categoryColumns, axes, newValueSpace);
  }

  /**
   * One interpolation axis.
   *
   * @param column the numeric column
   * @param scale whether interpolation weights are linear in the value or in its logarithm; LOG
   *     suits axes on power-of-two grids such as {@code m}, {@code num_tokens} or {@code isl}
   * @param extrapolation what to do beyond the measured range when no roofline is given
   */
  public record Axis(String column, AxisScale scale, Extrapolation extrapolation) {
    public Axis {
      requireNonNull(column, "column");
      requireNonNull(scale, "scale");
      requireNonNull(extrapolation, "extrapolation");
    }

    /** {@return a log-scale axis that extrapolates by {@link Extrapolation#TREND}} */
    public static Axis logarithmic(String column) {
      return new Axis(column, AxisScale.LOG, Extrapolation.TREND);
    }

    /** {@return a linear-scale axis that extrapolates by {@link Extrapolation#TREND}} */
    public static Axis linear(String column) {
      return new Axis(column, AxisScale.LINEAR, Extrapolation.TREND);
    }

    /** {@return a square-root-scale axis that extrapolates by {@link Extrapolation#TREND}} */
    public static Axis squareRoot(String column) {
      return new Axis(column, AxisScale.SQRT, Extrapolation.TREND);
    }

    /** {@return a copy with another extrapolation rule} */
    public Axis withExtrapolation(Extrapolation newExtrapolation) {
      return new Axis(column, scale, newExtrapolation);
    }
  }

  /** How interpolation weights are computed along an axis. */
  public enum AxisScale {
    /** Weights linear in the coordinate. */
    LINEAR,
    /** Weights linear in the logarithm of the coordinate; needs positive coordinates. */
    LOG,
    /** Weights linear in the square root of the coordinate; needs non-negative coordinates. */
    SQRT
  }

  /** How to extend an axis beyond its measured range when no roofline model is given. */
  public enum Extrapolation {
    /** Keep the boundary latency. */
    HOLD,
    /** Scale the boundary latency by the ratio of coordinates (latency proportional to work). */
    PROPORTIONAL,
    /**
     * Continue the line through the two outermost measured points (in the axis scale and value
     * space), never decreasing above the grid and never below a tenth of the boundary latency below
     * it; this follows fixed launch costs at the small end.
     */
    TREND
  }

  /** The space in which neighbouring values are blended. */
  public enum ValueSpace {
    /** Blend latencies linearly; exact for latencies affine in a LINEAR axis. */
    LATENCY,
    /**
     * Blend logarithms of latencies; on LOG axes this is power-law interpolation, which follows
     * both the flat (launch-bound) and the linear (throughput-bound) part of a kernel's curve.
     */
    LOG_LATENCY,
    /**
     * Blend utilisations, roofline time divided by measured time, and scale the result by the
     * roofline at the query point. Needs a {@link RooflineModel}; without one it behaves like
     * LATENCY.
     */
    UTILISATION
  }
}
