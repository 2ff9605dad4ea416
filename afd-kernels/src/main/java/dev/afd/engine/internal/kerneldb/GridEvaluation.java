package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.internal.kerneldb.GridLayout.Extrapolation;
import dev.afd.engine.internal.kerneldb.GridLayout.ValueSpace;
import dev.afd.engine.internal.kerneldb.LatencyGrid.Node;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The state of one {@link LatencyGrid} prediction: the query, the current tree path and what was
 * needed. The grid indexes the rows; this walks one group's tree for one query, interpolating,
 * extrapolating or filling a hole as the grid's Javadoc describes. One instance per query.
 */
final class GridEvaluation {
  /**
   * How sharply hole filling prefers the most reliable axis: weights are (error²)^(-2), so an axis
   * with half the error counts sixteen times as much. Chosen by the leave-one-out check, where it
   * beat both plain inverse variance (exponent 1) and picking the single best axis.
   */
  private static final double RELIABILITY_EXPONENT = 2;

  /** A downward trend may shrink a latency to no less than this fraction of the boundary one. */
  private static final double MINIMUM_DOWNWARD_RATIO = 0.1;

  private final LatencyGrid grid;
  private final int axisCount;
  private final String[] categories;
  private final double[] query;
  private final @Nullable RooflineModel roofline;
  private final int excludedRow;
  private final double[] path;
  private final double[] scratch;
  private final ValueSpace valueSpace;
  private final double[][] axisKeys;
  private final double[] shapeFractions;
  private final double[] shapePoint;
  private final double[] alongPoint;
  private double shapeDispersion;
  private double nextValue;
  boolean interpolated;
  boolean extrapolated;

  GridEvaluation(
      LatencyGrid grid,
      String[] categories,
      double[][] axisKeys,
      double[] query,
      @Nullable RooflineModel roofline,
      int excludedRow) {
    this.grid = grid;
    this.axisCount = grid.axisCount();
    this.categories = categories;
    this.query = query;
    this.roofline = roofline;
    this.excludedRow = excludedRow;
    this.path = new double[axisCount];
    this.scratch = new double[axisCount];
    this.axisKeys = axisKeys;
    this.shapeFractions = new double[2 * axisCount];
    this.shapePoint = new double[axisCount];
    this.alongPoint = new double[axisCount];
    ValueSpace space = grid.layout().valueSpace();
    // Utilisation needs a roofline; without one, latency space is the honest fallback.
    this.valueSpace =
        space == ValueSpace.UTILISATION && roofline == null ? ValueSpace.LATENCY : space;
  }

  double predict(Node root) {
    double value = fillHole(root);
    if (Double.isNaN(value)) {
      value = evaluate(root, 0);
    }
    if (Double.isNaN(value)) {
      return Double.NaN;
    }
    return switch (valueSpace) {
      case LATENCY -> value;
      case LOG_LATENCY -> Math.exp(value);
      case UTILISATION -> rooflineSeconds(query) / value;
    };
  }

  /**
   * Estimates a grid hole: a query whose every coordinate was measured on its axis somewhere in the
   * group, but not in this combination (a ragged corner, a missing point, or the row excluded by a
   * leave-one-out check).
   *
   * <p>Descending the tree would bridge the hole only along the innermost axis. Instead, along
   * every axis with measured neighbours (all other coordinates held exactly), this makes up to two
   * estimates and averages all of them:
   *
   * <ul>
   *   <li>between neighbours on both sides, the straight line between them, weighted down by the
   *       axis's median interpolation error over the table and by how far the one-sided trends
   *       disagree with it here, so a smooth axis dominates and a kernel switch next to the hole is
   *       noticed;
   *   <li>the curve of the nearest parallel lines on the other axes, between the same two
   *       neighbours or, at the edge of the axis, continued past the two nearest ones (see {@code
   *       shapeEstimate}), weighted down by the axis error and by how far those lines disagree.
   * </ul>
   *
   * @return the estimate, or NaN if the query is not a hole or no axis can bridge it
   */
  private double fillHole(Node root) {
    if (!isHole(root)) {
      return Double.NaN;
    }
    double weightedSum = 0;
    double weightSum = 0;
    for (int axis = 0; axis < axisCount; axis++) {
      double[] keys = axisKeys[axis];
      int index = Arrays.binarySearch(keys, query[axis]);
      int lower = nextMeasured(root, axis, index, -1);
      double lowerValue = nextValue;
      int upper = nextMeasured(root, axis, index, 1);
      double upperValue = nextValue;
      double error = grid.axisError(axis);
      // The two keys the shape estimate spans: the neighbours on both sides or, at the edge of
      // the axis, the two nearest on one side (where it extrapolates).
      int from;
      int to;
      double fromValue;
      double toValue;
      if (lower >= 0 && upper >= 0) {
        double weight = weight(axis, keys[lower], keys[upper], query[axis]);
        double estimate = lowerValue + weight * (upperValue - lowerValue);
        // How far one-sided trends disagree with the estimate says how rough the axis is here.
        double spread =
            Math.max(
                trendDisagreement(root, axis, lower, lowerValue, -1, estimate),
                trendDisagreement(root, axis, upper, upperValue, 1, estimate));
        double confidence = Math.pow(error * error + spread * spread, -RELIABILITY_EXPONENT);
        weightedSum += confidence * estimate;
        weightSum += confidence;
        from = lower;
        fromValue = lowerValue;
        to = upper;
        toValue = upperValue;
      } else if (lower >= 0 || upper >= 0) {
        from = lower >= 0 ? lower : upper;
        fromValue = lower >= 0 ? lowerValue : upperValue;
        to = nextMeasured(root, axis, from, lower >= 0 ? -1 : 1);
        toValue = nextValue;
        if (to < 0) {
          continue;
        }
      } else {
        continue;
      }
      double shaped = shapeEstimate(root, axis, keys[from], keys[to], fromValue, toValue);
      if (!Double.isNaN(shaped)) {
        double confidence =
            Math.pow(error * error + shapeDispersion * shapeDispersion, -RELIABILITY_EXPONENT);
        weightedSum += confidence * shaped;
        weightSum += confidence;
      }
    }
    if (weightSum == 0) {
      return Double.NaN;
    }
    interpolated = true;
    return weightedSum / weightSum;
  }

  /**
   * {@return how far the trend through the neighbour at {@code index} and the next measured point
   * beyond it (in {@code direction}), continued to the hole, disagrees with {@code estimate}; 0 if
   * there is no such point}
   */
  private double trendDisagreement(
      Node root, int axis, int index, double value, int direction, double estimate) {
    int outer = nextMeasured(root, axis, index, direction);
    if (outer < 0) {
      return 0;
    }
    double[] keys = axisKeys[axis];
    double trend = extendTrend(axis, keys[index], value, keys[outer], nextValue, query[axis]);
    return relativeDifference(trend, estimate);
  }

  /**
   * Estimates the hole along {@code axis} with the shape of the parallel lines next to it. On every
   * other axis, take the nearest line on each side that has the three points needed, and the
   * fraction of the way from its value at {@code fromKey} to its value at {@code toKey} at which
   * its value at the hole's coordinate lies. The median fraction, applied between the hole's own
   * values at the two keys, follows a curve that a straight line would cut, such as a kernel
   * switching tiles or splits between the two keys, which it does on the neighbouring lines too.
   * With both keys on one side of the hole the fraction extrapolates.
   *
   * <p>Sets {@link #shapeDispersion} to how far the per-line estimates disagree, relative to the
   * estimate (1 when only one line is available, so that a lone line counts for little).
   *
   * @return the estimate, or NaN if no parallel line has all three points
   */
  private double shapeEstimate(
      Node root, int axis, double fromKey, double toKey, double fromValue, double toValue) {
    int count = 0;
    for (int other = 0; other < axisCount; other++) {
      if (other == axis) {
        continue;
      }
      double[] otherKeys = axisKeys[other];
      int index = Arrays.binarySearch(otherKeys, query[other]);
      // The nearest parallel line on each side that has all three points.
      for (int direction = -1; direction <= 1; direction += 2) {
        for (int neighbour = index + direction;
            neighbour >= 0 && neighbour < otherKeys.length;
            neighbour += direction) {
          System.arraycopy(query, 0, shapePoint, 0, axisCount);
          shapePoint[other] = otherKeys[neighbour];
          double middle = pointValue(root, shapePoint);
          shapePoint[axis] = fromKey;
          double from = pointValue(root, shapePoint);
          shapePoint[axis] = toKey;
          double to = pointValue(root, shapePoint);
          double rise = to - from;
          if (Double.isNaN(middle + rise) || Math.abs(rise) <= 1e-12 * Math.abs(to)) {
            continue;
          }
          shapeFractions[count++] = (middle - from) / rise;
          break;
        }
      }
    }
    if (count == 0) {
      return Double.NaN;
    }
    Arrays.sort(shapeFractions, 0, count);
    double fraction =
        count % 2 == 1
            ? shapeFractions[count / 2]
            : 0.5 * (shapeFractions[count / 2 - 1] + shapeFractions[count / 2]);
    double rise = toValue - fromValue;
    double estimate = fromValue + fraction * rise;
    shapeDispersion =
        count == 1
            ? 1
            : relativeDifference(
                fromValue + (shapeFractions[count - 1] - shapeFractions[0]) * rise,
                fromValue,
                estimate);
    return estimate;
  }

  /**
   * {@return the index in the group's keys of {@code axis} of the next coordinate from {@code
   * index} in {@code direction} (-1 or 1) where the query, moved there on that axis, was measured,
   * or -1 if none}; leaves that point's value in {@link #nextValue} (NaN if none)
   */
  private int nextMeasured(Node root, int axis, int index, int direction) {
    double[] keys = axisKeys[axis];
    for (int next = index + direction; next >= 0 && next < keys.length; next += direction) {
      nextValue = valueAlong(root, axis, keys[next]);
      if (!Double.isNaN(nextValue)) {
        return next;
      }
    }
    nextValue = Double.NaN;
    return -1;
  }

  /** {@return the value at the query moved to {@code key} on {@code axis}, or NaN if none} */
  private double valueAlong(Node root, int axis, double key) {
    System.arraycopy(query, 0, alongPoint, 0, axisCount);
    alongPoint[axis] = key;
    return pointValue(root, alongPoint);
  }

  /** {@return the value of the measured point at {@code coordinates}, or NaN if none} */
  private double pointValue(Node root, double[] coordinates) {
    Node node = root;
    for (int level = 0; level < axisCount; level++) {
      int index = Arrays.binarySearch(node.keys, coordinates[level]);
      if (index < 0) {
        return Double.NaN;
      }
      path[level] = coordinates[level];
      if (level == axisCount - 1) {
        return leafValue(node, index);
      }
      node = node.children[index];
    }
    return Double.NaN;
  }

  /** {@return how far {@code first} is from {@code second}, relative to {@code reference}} */
  private double relativeDifference(double first, double second, double reference) {
    if (valueSpace == ValueSpace.LOG_LATENCY) {
      return Math.abs(first - second);
    }
    return Math.abs(first - second) / Math.max(Math.abs(reference), 1e-300);
  }

  private double relativeDifference(double first, double second) {
    return relativeDifference(first, second, second);
  }

  /**
   * {@return whether every query coordinate was measured on its axis in the group, but the point
   * itself has no value}
   */
  private boolean isHole(Node root) {
    for (int axis = 0; axis < axisCount; axis++) {
      if (Arrays.binarySearch(axisKeys[axis], query[axis]) < 0) {
        return false;
      }
    }
    return Double.isNaN(pointValue(root, query));
  }

  /** {@return the value at the query's coordinates from {@code level} on, or NaN if none} */
  private double evaluate(Node node, int level) {
    double[] keys = node.keys;
    double target = query[level];
    int index = Arrays.binarySearch(keys, target);
    int lower;
    int upper;
    if (index >= 0) {
      double value = branchValue(node, level, index);
      if (!Double.isNaN(value)) {
        return value;
      }
      lower = index - 1;
      upper = index + 1;
    } else {
      lower = -index - 2;
      upper = -index - 1;
    }
    double lowerValue = Double.NaN;
    while (lower >= 0 && Double.isNaN(lowerValue = branchValue(node, level, lower))) {
      lower--;
    }
    double upperValue = Double.NaN;
    while (upper < keys.length && Double.isNaN(upperValue = branchValue(node, level, upper))) {
      upper++;
    }
    boolean hasLower = lower >= 0;
    boolean hasUpper = upper < keys.length;
    if (hasLower && hasUpper) {
      interpolated = true;
      double weight = weight(level, keys[lower], keys[upper], target);
      return lowerValue + weight * (upperValue - lowerValue);
    }
    if (hasLower) {
      extrapolated = true;
      int inner = lower - 1;
      double innerValue = Double.NaN;
      while (inner >= 0 && Double.isNaN(innerValue = branchValue(node, level, inner))) {
        inner--;
      }
      return extrapolate(
          level,
          keys[lower],
          lowerValue,
          inner >= 0 ? keys[inner] : Double.NaN,
          innerValue,
          target);
    }
    if (hasUpper) {
      extrapolated = true;
      int inner = upper + 1;
      double innerValue = Double.NaN;
      while (inner < keys.length && Double.isNaN(innerValue = branchValue(node, level, inner))) {
        inner++;
      }
      return extrapolate(
          level,
          keys[upper],
          upperValue,
          inner < keys.length ? keys[inner] : Double.NaN,
          innerValue,
          target);
    }
    return Double.NaN;
  }

  private double branchValue(Node node, int level, int index) {
    path[level] = node.keys[index];
    if (level < axisCount - 1) {
      return evaluate(node.children[index], level + 1);
    }
    return leafValue(node, index);
  }

  /** {@return the value of leaf {@code index}, the mean of its rows, or NaN if all excluded} */
  private double leafValue(Node node, int index) {
    double sum = 0;
    int count = 0;
    for (int row : node.rows[index]) {
      if (row != excludedRow) {
        sum += grid.measuredSeconds(row);
        count++;
      }
    }
    if (count == 0) {
      return Double.NaN;
    }
    double seconds = sum / count;
    return switch (valueSpace) {
      case LATENCY -> seconds;
      case LOG_LATENCY -> Math.log(seconds);
      case UTILISATION -> rooflineSeconds(path) / seconds;
    };
  }

  private double weight(int level, double lowerKey, double upperKey, double target) {
    return grid.axisWeight(level, lowerKey, upperKey, target);
  }

  /**
   * Extends the grid beyond its last measured coordinate on one axis.
   *
   * <p>Above the grid, a roofline model, when given, keeps the boundary utilisation: latency scales
   * with the roofline time. Below the grid, and wherever no roofline is given, the axis's {@link
   * Extrapolation} rule applies; the roofline is not used below the grid because fixed launch and
   * synchronisation costs dominate small kernels, so utilisation falls there.
   *
   * @param innerKey the next measured coordinate inward from the boundary, or NaN if none
   * @param innerValue the value there, or NaN
   */
  private double extrapolate(
      int level,
      double boundaryKey,
      double boundaryValue,
      double innerKey,
      double innerValue,
      double target) {
    boolean above = target > boundaryKey;
    if (valueSpace == ValueSpace.UTILISATION) {
      return extrapolateUtilisation(
          level, boundaryKey, boundaryValue, innerKey, innerValue, target, above);
    }
    if (above && roofline != null) {
      double ratio = rooflineAt(level, target) / rooflineAt(level, boundaryKey);
      return scaleValue(boundaryValue, ratio);
    }
    double held = boundaryValue;
    double proportional =
        boundaryKey > 0 && target > 0
            ? scaleValue(boundaryValue, target / boundaryKey)
            : boundaryValue;
    return switch (grid.extrapolation(level)) {
      case HOLD -> held;
      case PROPORTIONAL -> proportional;
      case TREND -> {
        if (Double.isNaN(innerValue)) {
          yield proportional;
        }
        double extended =
            extendTrend(level, boundaryKey, boundaryValue, innerKey, innerValue, target);
        // Latency does not fall as a kernel grows; a trend that says otherwise is noise.
        yield above
            ? Math.max(extended, held)
            : Math.min(Math.max(extended, scaleValue(boundaryValue, MINIMUM_DOWNWARD_RATIO)), held);
      }
    };
  }

  /**
   * Extrapolates a utilisation. Above the grid it is held, so latency follows the roofline. Below
   * the grid HOLD keeps the boundary latency, PROPORTIONAL keeps the utilisation, and TREND
   * continues it, bounded by those two.
   */
  private double extrapolateUtilisation(
      int level,
      double boundaryKey,
      double boundaryValue,
      double innerKey,
      double innerValue,
      double target,
      boolean above) {
    if (above) {
      return boundaryValue;
    }
    double heldLatency = boundaryValue * rooflineAt(level, target) / rooflineAt(level, boundaryKey);
    return switch (grid.extrapolation(level)) {
      case HOLD -> heldLatency;
      case PROPORTIONAL -> boundaryValue;
      case TREND -> {
        if (Double.isNaN(innerValue)) {
          yield heldLatency;
        }
        double extended =
            extendTrend(level, boundaryKey, boundaryValue, innerKey, innerValue, target);
        yield Math.min(Math.max(extended, Math.min(heldLatency, boundaryValue)), boundaryValue);
      }
    };
  }

  /**
   * {@return the line through the last two measured points of an axis, {@code (previousKey,
   * previousValue)} and {@code (edgeKey, edgeValue)}, in scaled coordinates, at {@code target}}
   */
  private double extendTrend(
      int level,
      double edgeKey,
      double edgeValue,
      double previousKey,
      double previousValue,
      double target) {
    double slope =
        (edgeValue - previousValue) / (scaled(level, edgeKey) - scaled(level, previousKey));
    return edgeValue + slope * (scaled(level, target) - scaled(level, edgeKey));
  }

  /** {@return a latency-space value multiplied by {@code ratio}} */
  private double scaleValue(double value, double ratio) {
    return valueSpace == ValueSpace.LOG_LATENCY ? value + Math.log(ratio) : value * ratio;
  }

  private double scaled(int level, double coordinate) {
    return grid.scaledCoordinate(level, coordinate);
  }

  /** Roofline at the current path above {@code level}, {@code value} on it, query below. */
  private double rooflineAt(int level, double value) {
    System.arraycopy(path, 0, scratch, 0, level);
    scratch[level] = value;
    System.arraycopy(query, level + 1, scratch, level + 1, axisCount - level - 1);
    return rooflineSeconds(scratch);
  }

  private double rooflineSeconds(double[] coordinates) {
    RooflineModel model = requireNonNull(roofline, "roofline");
    double seconds = model.seconds(categories, coordinates);
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "Roofline model returned '%s s' for categories %s and coordinates %s;"
                  + " it must return a finite time > 0",
              seconds,
              Arrays.toString(categories),
              Arrays.toString(coordinates)));
    }
    return seconds;
  }
}
