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
 * smooth each axis is; see {@code GridEvaluation.fillHole}.
 *
 * <p>A branch with no usable measurement (possible only while a row is excluded) is skipped in
 * favour of the next one out. Instances are immutable and thread-safe.
 */
public final class LatencyGrid {
  private static final String GROUP_SEPARATOR = "\u001f";

  /** The error assumed for an axis with no interior point to measure it on: all but ignored. */
  private static final double UNMEASURABLE_AXIS_ERROR = 1e9;

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
   * neighbours on that axis reproduces it: the median relative error, which {@code
   * GridEvaluation.fillHole} turns into weights.
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
  double axisWeight(int axis, double lowerKey, double upperKey, double target) {
    if (logarithmicAxes[axis] && !(lowerKey > 0)) {
      return (target - lowerKey) / (upperKey - lowerKey);
    }
    return (scaledCoordinate(axis, target) - scaledCoordinate(axis, lowerKey))
        / (scaledCoordinate(axis, upperKey) - scaledCoordinate(axis, lowerKey));
  }

  /** {@return a coordinate in its axis's scale: itself, its logarithm or its square root} */
  double scaledCoordinate(int axis, double coordinate) {
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
    GridEvaluation evaluation =
        new GridEvaluation(
            this,
            groupCategories.get(group),
            groupAxisKeys[group],
            coordinates.clone(),
            roofline,
            -1);
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

  /** {@return the number of axes of the layout} */
  int axisCount() {
    return axisCount;
  }

  /** {@return the median interpolation error measured on {@code axis}, floored} */
  double axisError(int axis) {
    return axisErrors[axis];
  }

  /** {@return the extrapolation rule of {@code axis}} */
  Extrapolation extrapolation(int axis) {
    return extrapolations[axis];
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
    GridEvaluation evaluation =
        new GridEvaluation(
            this,
            groupCategories.get(group),
            groupAxisKeys[group],
            rowCoordinates[row],
            roofline,
            row);
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
  static final class Node {
    final double[] keys;
    final Node[] children;
    final int[][] rows;

    Node(double[] keys, Node[] children, int[][] rows) {
      this.keys = keys;
      this.children = children;
      this.rows = rows;
    }
  }
}
