package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.internal.kerneldb.GridLayout.AxisScale;
import dev.afd.engine.internal.kerneldb.GridLayout.Extrapolation;
import dev.afd.engine.internal.kerneldb.GridLayout.ValueSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A lookup index over one kernel table that predicts latencies at arbitrary points of a ragged
 * grid.
 *
 * <p>Rows are grouped by their category values, which must match a query exactly. Within a group
 * the rows form a tree with one level per axis (outermost first), so that every sub-grid keeps its
 * own set of measured coordinates; this is what makes ragged grids (missing corners, model-specific
 * shapes) work without imputing a full tensor. A query descends the tree:
 *
 * <ol>
 *   <li>where the query coordinate was measured, it follows that branch (an exact hit on every axis
 *       returns the measurement);
 *   <li>otherwise it evaluates the nearest branches below and above and blends them, with weights
 *       linear in the coordinate or its logarithm and values blended in the layout's {@link
 *       ValueSpace};
 *   <li>above the measured range it keeps the boundary branch's utilisation and rescales by the
 *       roofline model if one is given; below it, or without a roofline, it applies the axis's
 *       {@link Extrapolation}.
 * </ol>
 *
 * <p>A query whose every coordinate was measured on its axis, but not in this combination (a hole
 * in a ragged grid), is instead estimated along every axis that can bridge it, weighted by how
 * smooth each axis is; see {@code fillHole}.
 *
 * <p>A branch with no usable measurement (possible only while a row is excluded) is skipped in
 * favour of the next one out. Instances are immutable and thread-safe.
 */
public final class LatencyGrid {
  private static final String GROUP_SEPARATOR = "\u001f";

  /**
   * How sharply hole filling prefers the most reliable axis: weights are (error²)^(-2), so an axis
   * with half the error counts sixteen times as much. Chosen by the leave-one-out check, where it
   * beat both plain inverse variance (exponent 1) and picking the single best axis.
   */
  private static final double RELIABILITY_EXPONENT = 2;

  /** The error assumed for an axis with no interior point to measure it on: all but ignored. */
  private static final double UNMEASURABLE_AXIS_ERROR = 1e9;

  /** A downward trend may shrink a latency to no less than this fraction of the boundary one. */
  private static final double MINIMUM_DOWNWARD_RATIO = 0.1;

  private final GridLayout layout;
  private final int axisCount;
  private final boolean[] logarithmicAxes;
  private final boolean[] squareRootAxes;
  private final Extrapolation[] extrapolations;
  private final double[] latencySeconds;
  private final Map<String, Integer> groupIndexes;
  private final List<String[]> groupCategories;
  private final Node[] groupRoots;
  private final int[] rowGroups;
  private final double[][] rowCoordinates;
  private final double[] axisErrors;

  /** Per group and axis, every coordinate measured on that axis anywhere in the group, sorted. */
  private final double[][][] groupAxisKeys;

  private LatencyGrid(
      GridLayout layout,
      double[] latencySeconds,
      Map<String, Integer> groupIndexes,
      List<String[]> groupCategories,
      Node[] groupRoots,
      int[] rowGroups,
      double[][] rowCoordinates) {
    this.layout = layout;
    this.axisCount = layout.axes().size();
    this.logarithmicAxes = new boolean[axisCount];
    this.squareRootAxes = new boolean[axisCount];
    this.extrapolations = new Extrapolation[axisCount];
    for (int axis = 0; axis < axisCount; axis++) {
      logarithmicAxes[axis] = layout.axes().get(axis).scale() == AxisScale.LOG;
      squareRootAxes[axis] = layout.axes().get(axis).scale() == AxisScale.SQRT;
      extrapolations[axis] = layout.axes().get(axis).extrapolation();
    }
    this.latencySeconds = latencySeconds;
    this.groupIndexes = groupIndexes;
    this.groupCategories = groupCategories;
    this.groupRoots = groupRoots;
    this.rowGroups = rowGroups;
    this.rowCoordinates = rowCoordinates;
    this.axisErrors = measureAxisErrors();
    this.groupAxisKeys = new double[groupRoots.length][][];
    for (int group = 0; group < groupRoots.length; group++) {
      List<TreeSet<Double>> keys = new ArrayList<>();
      for (int axis = 0; axis < axisCount; axis++) {
        keys.add(new TreeSet<>());
      }
      collectKeys(groupRoots[group], 0, keys);
      groupAxisKeys[group] = new double[axisCount][];
      for (int axis = 0; axis < axisCount; axis++) {
        groupAxisKeys[group][axis] =
            keys.get(axis).stream().mapToDouble(Double::doubleValue).toArray();
      }
    }
  }

  private void collectKeys(Node node, int level, List<TreeSet<Double>> keys) {
    for (double key : node.keys) {
      keys.get(level).add(key);
    }
    if (level < axisCount - 1) {
      for (Node child : node.children) {
        collectKeys(child, level + 1, keys);
      }
    }
  }

  /**
   * Indexes {@code table} by {@code layout}.
   *
   * @throws IllegalArgumentException if the layout names a column the table lacks, or a coordinate
   *     is not finite
   */
  static LatencyGrid build(KernelTable table, GridLayout layout) {
    int rowCount = table.rowCount();
    int axisCount = layout.axes().size();
    String[][] categoryValues = new String[layout.categoryColumns().size()][];
    for (int index = 0; index < categoryValues.length; index++) {
      String column = layout.categoryColumns().get(index);
      categoryValues[index] =
          table.hasNumberColumn(column)
              ? formatNumbers(table.numberColumn(column))
              : table.textColumn(column);
    }
    double[][] axisValues = new double[axisCount][];
    for (int axis = 0; axis < axisCount; axis++) {
      axisValues[axis] = table.numberColumn(layout.axes().get(axis).column());
    }
    double[][] rowCoordinates = new double[rowCount][axisCount];
    for (int row = 0; row < rowCount; row++) {
      for (int axis = 0; axis < axisCount; axis++) {
        double value = axisValues[axis][row];
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "Axis '%s' of kernel table '%s' must be finite, got '%s' in row %d",
                  layout.axes().get(axis).column(),
                  table.name(),
                  value,
                  row));
        }
        rowCoordinates[row][axis] = value;
      }
    }
    Map<String, Integer> groupIndexes = new HashMap<>();
    List<String[]> groupCategories = new ArrayList<>();
    List<List<Integer>> groupRows = new ArrayList<>();
    int[] rowGroups = new int[rowCount];
    String[] categories = new String[categoryValues.length];
    // Rows are grouped by their category codes (one small int per column) rather than by a joined
    // string per row; the joined key is built once per group.
    int[][] codes = new int[categoryValues.length][];
    for (int index = 0; index < codes.length; index++) {
      codes[index] = categoryCodes(categoryValues[index]);
    }
    Map<CodeKey, Integer> groupsByCodes = new HashMap<>();
    for (int row = 0; row < rowCount; row++) {
      int[] rowCodes = new int[codes.length];
      for (int index = 0; index < codes.length; index++) {
        rowCodes[index] = codes[index][row];
      }
      CodeKey codeKey = new CodeKey(rowCodes);
      Integer group = groupsByCodes.get(codeKey);
      if (group == null) {
        for (int index = 0; index < categories.length; index++) {
          categories[index] = categoryValues[index][row];
        }
        group = groupCategories.size();
        groupsByCodes.put(codeKey, group);
        groupIndexes.put(String.join(GROUP_SEPARATOR, categories), group);
        groupCategories.add(categories.clone());
        groupRows.add(new ArrayList<>());
      }
      groupRows.get(group).add(row);
      rowGroups[row] = group;
    }
    Node[] groupRoots = new Node[groupRows.size()];
    for (int group = 0; group < groupRoots.length; group++) {
      Integer[] rows = groupRows.get(group).toArray(new Integer[0]);
      Arrays.sort(
          rows, (left, right) -> compareCoordinates(rowCoordinates[left], rowCoordinates[right]));
      int[] sortedRows = new int[rows.length];
      for (int index = 0; index < rows.length; index++) {
        sortedRows[index] = rows[index];
      }
      groupRoots[group] = buildNode(sortedRows, 0, sortedRows.length, 0, axisCount, rowCoordinates);
    }
    return new LatencyGrid(
        layout,
        table.latencySecondsView(),
        groupIndexes,
        groupCategories,
        groupRoots,
        rowGroups,
        rowCoordinates);
  }

  /**
   * Measures, for every axis, how well interpolating between a measured point's two immediate
   * neighbours on that axis reproduces it: the median relative error, which {@code fillHole} turns
   * into weights.
   *
   * <p>Kernels are smooth along some axes and jumpy along others (a kernel heuristic that switches
   * tiles with the batch size, say), and which is which differs by family and GPU; measuring it on
   * the table itself beats a fixed preference.
   */
  private double[] measureAxisErrors() {
    double[] medianErrors = new double[axisCount];
    double[] neighbour = new double[axisCount];
    boolean logarithmicValues = layout.valueSpace() == ValueSpace.LOG_LATENCY;
    // One primitive buffer: boxing and sorting Doubles dominated building large tables.
    double[] errors = new double[rowGroups.length];
    for (int axis = 0; axis < axisCount; axis++) {
      int errorCount = 0;
      for (int row = 0; row < rowGroups.length; row++) {
        double[] coordinates = rowCoordinates[row];
        Node node = groupRoots[rowGroups[row]];
        for (int level = 0; level < axis; level++) {
          node = node.children[Arrays.binarySearch(node.keys, coordinates[level])];
        }
        int index = Arrays.binarySearch(node.keys, coordinates[axis]);
        if (index == 0 || index == node.keys.length - 1) {
          continue;
        }
        System.arraycopy(coordinates, 0, neighbour, 0, axisCount);
        neighbour[axis] = node.keys[index - 1];
        double lowerSeconds = exactSeconds(node, axis, neighbour);
        neighbour[axis] = node.keys[index + 1];
        double upperSeconds = exactSeconds(node, axis, neighbour);
        if (Double.isNaN(lowerSeconds) || Double.isNaN(upperSeconds)) {
          continue;
        }
        double lowerKey = node.keys[index - 1];
        double upperKey = node.keys[index + 1];
        double target = coordinates[axis];
        double weight = axisWeight(axis, lowerKey, upperKey, target);
        double estimate =
            logarithmicValues
                ? Math.exp(Math.log(lowerSeconds) + weight * Math.log(upperSeconds / lowerSeconds))
                : lowerSeconds + weight * (upperSeconds - lowerSeconds);
        errors[errorCount++] = Math.abs(estimate - latencySeconds[row]) / latencySeconds[row];
      }
      if (errorCount == 0) {
        medianErrors[axis] = UNMEASURABLE_AXIS_ERROR;
        continue;
      }
      // Arrays.sort(double[]) orders as Double.compareTo does, so the median is unchanged.
      Arrays.sort(errors, 0, errorCount);
      double medianError = errors[errorCount / 2];
      // The floor keeps one perfectly smooth axis from silencing all others.
      double floor = 1e-3;
      medianErrors[axis] = Math.max(medianError, floor);
    }
    return medianErrors;
  }

  /**
   * {@return the mean latency of the measured point at {@code coordinates} below {@code node} at
   * {@code level}, or NaN if it was not measured}
   */
  private double exactSeconds(Node node, int level, double[] coordinates) {
    Node current = node;
    for (int depth = level; depth < axisCount; depth++) {
      int index = Arrays.binarySearch(current.keys, coordinates[depth]);
      if (index < 0) {
        return Double.NaN;
      }
      if (depth == axisCount - 1) {
        double sum = 0;
        for (int row : current.rows[index]) {
          sum += latencySeconds[row];
        }
        return sum / current.rows[index].length;
      }
      current = current.children[index];
    }
    return Double.NaN;
  }

  /** {@return the interpolation weight of the upper key for {@code target} on an axis} */
  private double axisWeight(int axis, double lowerKey, double upperKey, double target) {
    if (logarithmicAxes[axis] && !(lowerKey > 0)) {
      return (target - lowerKey) / (upperKey - lowerKey);
    }
    return (scaledCoordinate(axis, target) - scaledCoordinate(axis, lowerKey))
        / (scaledCoordinate(axis, upperKey) - scaledCoordinate(axis, lowerKey));
  }

  /** {@return a coordinate in its axis's scale: itself, its logarithm or its square root} */
  private double scaledCoordinate(int axis, double coordinate) {
    if (logarithmicAxes[axis] && coordinate > 0) {
      return Math.log(coordinate);
    }
    if (squareRootAxes[axis] && coordinate >= 0) {
      return Math.sqrt(coordinate);
    }
    return coordinate;
  }

  private static int compareCoordinates(double[] left, double[] right) {
    for (int axis = 0; axis < left.length; axis++) {
      int comparison = Double.compare(left[axis], right[axis]);
      if (comparison != 0) {
        return comparison;
      }
    }
    return 0;
  }

  private static Node buildNode(
      int[] sortedRows, int from, int to, int level, int axisCount, double[][] coordinates) {
    List<Double> keys = new ArrayList<>();
    List<int[]> ranges = new ArrayList<>();
    int start = from;
    while (start < to) {
      double key = coordinates[sortedRows[start]][level];
      int end = start + 1;
      while (end < to && coordinates[sortedRows[end]][level] == key) {
        end++;
      }
      keys.add(key);
      ranges.add(new int[] {start, end});
      start = end;
    }
    double[] keyArray = new double[keys.size()];
    for (int index = 0; index < keyArray.length; index++) {
      keyArray[index] = keys.get(index);
    }
    if (level == axisCount - 1) {
      int[][] rows = new int[ranges.size()][];
      for (int index = 0; index < rows.length; index++) {
        int[] range = ranges.get(index);
        rows[index] = Arrays.copyOfRange(sortedRows, range[0], range[1]);
      }
      return new Node(keyArray, new Node[0], rows);
    }
    Node[] children = new Node[ranges.size()];
    for (int index = 0; index < children.length; index++) {
      int[] range = ranges.get(index);
      children[index] =
          buildNode(sortedRows, range[0], range[1], level + 1, axisCount, coordinates);
    }
    return new Node(keyArray, children, new int[0][]);
  }

  /** {@return per row, a code that is equal exactly where the values are equal} */
  private static int[] categoryCodes(String[] values) {
    Map<String, Integer> codes = new HashMap<>();
    int[] result = new int[values.length];
    for (int row = 0; row < values.length; row++) {
      Integer code = codes.get(values[row]);
      if (code == null) {
        code = codes.size();
        codes.put(values[row], code);
      }
      result[row] = code;
    }
    return result;
  }

  /** The category codes of one row, compared by content. */
  private record CodeKey(int[] codes) {
    @Override
    public boolean equals(Object other) {
      return other instanceof CodeKey key && Arrays.equals(codes, key.codes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
      return Arrays.toString(codes);
    }
  }

  private static String[] formatNumbers(double[] values) {
    String[] text = new String[values.length];
    // Category columns hold few distinct values: format each once.
    Map<Double, String> formatted = new HashMap<>();
    for (int row = 0; row < values.length; row++) {
      text[row] = formatted.computeIfAbsent(values[row], LatencyGrid::formatCategory);
    }
    return text;
  }

  /**
   * Formats a numeric category value the way queries must pass it: integers without a fraction
   * ({@code "128"}), other values as {@link Double#toString(double)}.
   */
  public static String formatCategory(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** {@return the layout this grid indexes} */
  public GridLayout layout() {
    return layout;
  }

  /** {@return the distinct category combinations, in first-seen row order} */
  public List<List<String>> categoryCombinations() {
    List<List<String>> combinations = new ArrayList<>(groupCategories.size());
    for (String[] categories : groupCategories) {
      combinations.add(List.of(categories));
    }
    return List.copyOf(combinations);
  }

  /**
   * Predicts the latency at a point.
   *
   * @param categories values of the layout's category columns in layout order; numeric columns
   *     formatted with {@link #formatCategory(double)}
   * @param coordinates values of the layout's axes in layout order
   * @param roofline the kernel's roofline model, or null to extrapolate by each axis's rule
   * @return the prediction, or empty when no row has these category values
   * @throws IllegalArgumentException if the argument sizes do not match the layout or a coordinate
   *     is not finite
   */
  public Optional<Prediction> predict(
      List<String> categories, double[] coordinates, @Nullable RooflineModel roofline) {
    requireNonNull(categories, "categories");
    requireNonNull(coordinates, "coordinates");
    if (categories.size() != layout.categoryColumns().size() || coordinates.length != axisCount) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "Query must give %d categories %s and %d coordinates %s, got %d and %d",
              layout.categoryColumns().size(),
              layout.categoryColumns(),
              axisCount,
              axisNames(),
              categories.size(),
              coordinates.length));
    }
    for (int axis = 0; axis < axisCount; axis++) {
      if (!Double.isFinite(coordinates[axis])) {
        throw new IllegalArgumentException(
            "Coordinate '"
                + layout.axes().get(axis).column()
                + "' must be finite, got '"
                + coordinates[axis]
                + "'");
      }
    }
    Integer group = groupIndexes.get(String.join(GROUP_SEPARATOR, categories));
    if (group == null) {
      return Optional.empty();
    }
    Evaluation evaluation =
        new Evaluation(
            groupCategories.get(group), groupAxisKeys[group], coordinates.clone(), roofline, -1);
    double seconds = evaluation.predict(groupRoots[group]);
    if (!Double.isFinite(seconds) || seconds <= 0) {
      return Optional.empty();
    }
    Prediction.Method method =
        evaluation.extrapolated
            ? Prediction.Method.EXTRAPOLATED
            : evaluation.interpolated ? Prediction.Method.INTERPOLATED : Prediction.Method.EXACT;
    return Optional.of(new Prediction(seconds, method));
  }

  /** {@return the number of indexed rows, equal to the table's row count} */
  int rowCount() {
    return rowGroups.length;
  }

  /** {@return the measured latency of {@code row} in seconds} */
  double measuredSeconds(int row) {
    return latencySeconds[row];
  }

  /**
   * Predicts the latency of a measured row from all other rows, for leave-one-out checks.
   *
   * @return the prediction in seconds, or NaN when no other row shares the row's categories
   */
  double predictWithout(int row, @Nullable RooflineModel roofline) {
    int group = rowGroups[row];
    Evaluation evaluation =
        new Evaluation(
            groupCategories.get(group), groupAxisKeys[group], rowCoordinates[row], roofline, row);
    return evaluation.predict(groupRoots[group]);
  }

  private List<String> axisNames() {
    List<String> names = new ArrayList<>(axisCount);
    for (GridLayout.Axis axis : layout.axes()) {
      names.add(axis.column());
    }
    return names;
  }

  /** One level of the per-group tree: sorted coordinates and, per coordinate, a subtree or rows. */
  private static final class Node {
    final double[] keys;
    final Node[] children;
    final int[][] rows;

    Node(double[] keys, Node[] children, int[][] rows) {
      this.keys = keys;
      this.children = children;
      this.rows = rows;
    }
  }

  /** The state of one prediction: the query, the current tree path and what was needed. */
  private final class Evaluation {
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

    Evaluation(
        String[] categories,
        double[][] axisKeys,
        double[] query,
        @Nullable RooflineModel roofline,
        int excludedRow) {
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
      ValueSpace space = layout.valueSpace();
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
     * Estimates a grid hole: a query whose every coordinate was measured on its axis somewhere in
     * the group, but not in this combination (a ragged corner, a missing point, or the row excluded
     * by a leave-one-out check).
     *
     * <p>Descending the tree would bridge the hole only along the innermost axis. Instead, along
     * every axis with measured neighbours (all other coordinates held exactly), this makes up to
     * two estimates and averages all of them:
     *
     * <ul>
     *   <li>between neighbours on both sides, the straight line between them, weighted down by the
     *       axis's median interpolation error over the table and by how far the one-sided trends
     *       disagree with it here, so a smooth axis dominates and a kernel switch next to the hole
     *       is noticed;
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
        double error = axisErrors[axis];
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
     * beyond it (in {@code direction}), continued to the hole, disagrees with {@code estimate}; 0
     * if there is no such point}
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
     * Estimates the hole along {@code axis} with the shape of the parallel lines next to it. On
     * every other axis, take the nearest line on each side that has the three points needed, and
     * the fraction of the way from its value at {@code fromKey} to its value at {@code toKey} at
     * which its value at the hole's coordinate lies. The median fraction, applied between the
     * hole's own values at the two keys, follows a curve that a straight line would cut, such as a
     * kernel switching tiles or splits between the two keys, which it does on the neighbouring
     * lines too. With both keys on one side of the hole the fraction extrapolates.
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
     * index} in {@code direction} (-1 or 1) where the query, moved there on that axis, was
     * measured, or -1 if none}; leaves that point's value in {@link #nextValue} (NaN if none)
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
          sum += latencySeconds[row];
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
      return axisWeight(level, lowerKey, upperKey, target);
    }

    /**
     * Extends the grid beyond its last measured coordinate on one axis.
     *
     * <p>Above the grid, a roofline model, when given, keeps the boundary utilisation: latency
     * scales with the roofline time. Below the grid, and wherever no roofline is given, the axis's
     * {@link Extrapolation} rule applies; the roofline is not used below the grid because fixed
     * launch and synchronisation costs dominate small kernels, so utilisation falls there.
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
      return switch (extrapolations[level]) {
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
              : Math.min(
                  Math.max(extended, scaleValue(boundaryValue, MINIMUM_DOWNWARD_RATIO)), held);
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
      double heldLatency =
          boundaryValue * rooflineAt(level, target) / rooflineAt(level, boundaryKey);
      return switch (extrapolations[level]) {
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
      return scaledCoordinate(level, coordinate);
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
}
