package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.afd.engine.internal.parquet.ColumnType;
import dev.afd.engine.internal.parquet.ParquetColumn;
import dev.afd.engine.internal.parquet.ParquetTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One kernel-latency table in long format: key columns that are either text ({@code gemm_dtype},
 * {@code distribution}) or numbers ({@code m}, {@code num_tokens}), plus the measured latency.
 *
 * <p>Text columns are held as {@code String[]} with nulls replaced by the empty string; numeric
 * columns as {@code double[]} (every integer in the tables is far below 2<sup>53</sup>, so the
 * conversion is exact). The latency is converted from the tables' milliseconds to seconds once, at
 * load. {@link #grid(GridLayout)} builds and caches lookup indexes.
 *
 * <p>Instances are immutable apart from the grid cache and are thread-safe. Array accessors return
 * copies.
 */
public final class KernelTable {
  /** The column AIConfigurator stores latencies in, in milliseconds. */
  public static final String LATENCY_COLUMN = "latency";

  private static final double SECONDS_PER_MILLISECOND = 1e-3;

  private final String name;
  private final int rowCount;
  private final Map<String, String[]> textColumns;
  private final Map<String, double[]> numberColumns;
  private final List<String> columnNames;
  private final double[] latencySeconds;
  private final Map<GridLayout, LatencyGrid> grids = new ConcurrentHashMap<>();

  private KernelTable(
      String name,
      int rowCount,
      List<String> columnNames,
      Map<String, String[]> textColumns,
      Map<String, double[]> numberColumns,
      double[] latencySeconds) {
    this.name = name;
    this.rowCount = rowCount;
    this.columnNames = List.copyOf(columnNames);
    this.textColumns = ImmutableMap.copyOf(textColumns);
    this.numberColumns = ImmutableMap.copyOf(numberColumns);
    this.latencySeconds = latencySeconds;
  }

  /**
   * Converts a decoded parquet table.
   *
   * @throws IllegalArgumentException if the table has no numeric {@code latency} column, or a
   *     latency is missing, not finite or not positive
   */
  static KernelTable fromParquet(String name, ParquetTable table) {
    requireNonNull(name, "name");
    requireNonNull(table, "table");
    Builder builder = builder(name);
    double[] latencyMilliseconds = null;
    for (ParquetColumn column : table.columns()) {
      if (column.name().equals(LATENCY_COLUMN)) {
        if (!column.type().isNumeric()) {
          throw new IllegalArgumentException(
              "Kernel table '"
                  + table.source()
                  + "' has a latency column of type "
                  + column.type()
                  + ", expected a number of milliseconds");
        }
        latencyMilliseconds = column.toDoubleArray();
      } else if (column.type() == ColumnType.STRING) {
        @Nullable String[] values = column.toStringArray();
        String[] text = new String[values.length];
        for (int row = 0; row < values.length; row++) {
          String value = values[row];
          text[row] = value == null ? "" : value;
        }
        builder.textColumn(column.name(), text);
      } else if (column.type().isNumeric()) {
        builder.numberColumn(column.name(), column.toDoubleArray());
      }
      // Boolean columns do not occur in kernel tables; they are left out rather than guessed at.
    }
    if (latencyMilliseconds == null) {
      throw new IllegalArgumentException(
          "Kernel table '"
              + table.source()
              + "' has no 'latency' column. Columns: "
              + table.columnNames());
    }
    return builder.latencyMilliseconds(latencyMilliseconds).build();
  }

  /** {@return a builder for an in-memory table, used by tests and synthetic tables} */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** {@return the table name, for example {@code gemm}} */
  public String name() {
    return name;
  }

  /** {@return the number of measured rows} */
  public int rowCount() {
    return rowCount;
  }

  /** {@return the key column names in file order, without the latency column} */
  public List<String> columnNames() {
    return columnNames;
  }

  /** {@return whether a text column called {@code column} exists} */
  public boolean hasTextColumn(String column) {
    return textColumns.containsKey(column);
  }

  /** {@return whether a numeric column called {@code column} exists} */
  public boolean hasNumberColumn(String column) {
    return numberColumns.containsKey(column);
  }

  /** {@return a copy of a text column, with empty strings for nulls} */
  public String[] texts(String column) {
    return textColumn(column).clone();
  }

  /** {@return a copy of a numeric column} */
  public double[] numbers(String column) {
    return numberColumn(column).clone();
  }

  /** {@return a copy of the measured latencies, in seconds} */
  public double[] latencySeconds() {
    return latencySeconds.clone();
  }

  /** {@return the sorted distinct values of a text column} */
  public List<String> distinctTexts(String column) {
    List<String> values = new ArrayList<>(new TreeSet<>(Arrays.asList(textColumn(column))));
    return Collections.unmodifiableList(values);
  }

  /**
   * Returns the lookup index for {@code layout}, building it on first use.
   *
   * @throws IllegalArgumentException if the layout names a column the table lacks
   */
  public LatencyGrid grid(GridLayout layout) {
    requireNonNull(layout, "layout");
    return grids.computeIfAbsent(layout, key -> LatencyGrid.build(this, key));
  }

  String[] textColumn(String column) {
    String[] values = textColumns.get(column);
    if (values == null) {
      throw unknownColumn(column, "text", textColumns.keySet());
    }
    return values;
  }

  double[] numberColumn(String column) {
    double[] values = numberColumns.get(column);
    if (values == null) {
      throw unknownColumn(column, "numeric", numberColumns.keySet());
    }
    return values;
  }

  double[] latencySecondsView() {
    return latencySeconds;
  }

  private IllegalArgumentException unknownColumn(String column, String kind, Set<String> known) {
    List<String> sorted = new ArrayList<>(known);
    Collections.sort(sorted);
    return new IllegalArgumentException(
        "Unknown "
            + kind
            + " column '"
            + column
            + "' in kernel table '"
            + name
            + "'. Known "
            + kind
            + " columns: "
            + sorted);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "KernelTable[%s, %d rows, %s]", name, rowCount, columnNames);
  }

  /** Assembles an in-memory {@link KernelTable}; all columns must have the same length. */
  public static final class Builder {
    private final String name;
    private final Map<String, String[]> textColumns = new LinkedHashMap<>();
    private final Map<String, double[]> numberColumns = new LinkedHashMap<>();
    private final List<String> columnNames = new ArrayList<>();
    private double @Nullable [] latencySeconds;

    private Builder(String name) {
      this.name = requireNonNull(name, "name");
    }

    /** Adds a text key column; the array is copied. */
    public Builder textColumn(String column, String[] values) {
      requireNonNull(column, "column");
      requireNonNull(values, "values");
      addName(column);
      String[] copy = values.clone();
      for (int row = 0; row < copy.length; row++) {
        if (copy[row] == null) {
          // Not requireNonNull with a built message: that would format a string for every row.
          throw new NullPointerException("values[" + row + "]");
        }
      }
      textColumns.put(column, copy);
      return this;
    }

    /** Adds a numeric key column; the array is copied. */
    public Builder numberColumn(String column, double[] values) {
      requireNonNull(column, "column");
      requireNonNull(values, "values");
      addName(column);
      numberColumns.put(column, values.clone());
      return this;
    }

    /** Sets the latencies in milliseconds, the unit of AIConfigurator's tables. */
    public Builder latencyMilliseconds(double[] values) {
      requireNonNull(values, "values");
      double[] seconds = new double[values.length];
      for (int row = 0; row < values.length; row++) {
        seconds[row] = values[row] * SECONDS_PER_MILLISECOND;
      }
      return latencySeconds(seconds);
    }

    /** Sets the latencies in seconds. */
    public Builder latencySeconds(double[] values) {
      requireNonNull(values, "values");
      for (int row = 0; row < values.length; row++) {
        if (!(values[row] > 0) || Double.isInfinite(values[row])) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "latency of kernel table '%s' must be finite and > 0 in every row, got '%s s'"
                      + " in row %d",
                  name,
                  values[row],
                  row));
        }
      }
      latencySeconds = values.clone();
      return this;
    }

    /**
     * Builds the table.
     *
     * @throws IllegalStateException if no latencies were set or column lengths differ
     */
    public KernelTable build() {
      double[] latencies = latencySeconds;
      if (latencies == null) {
        throw new IllegalStateException("latencies of kernel table '" + name + "' were not set");
      }
      int rowCount = latencies.length;
      textColumns.forEach((column, values) -> checkLength(column, values.length, rowCount));
      numberColumns.forEach((column, values) -> checkLength(column, values.length, rowCount));
      return new KernelTable(name, rowCount, columnNames, textColumns, numberColumns, latencies);
    }

    private void addName(String column) {
      if (column.equals(LATENCY_COLUMN) || columnNames.contains(column)) {
        throw new IllegalStateException(
            "column '" + column + "' of kernel table '" + name + "' was already added");
      }
      columnNames.add(column);
    }

    private void checkLength(String column, int length, int rowCount) {
      if (length != rowCount) {
        throw new IllegalStateException(
            "column '"
                + column
                + "' of kernel table '"
                + name
                + "' has "
                + length
                + " rows, the latencies have "
                + rowCount);
      }
    }
  }
}
