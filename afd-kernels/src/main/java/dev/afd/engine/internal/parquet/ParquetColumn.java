package dev.afd.engine.internal.parquet;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One decoded column of a {@link ParquetTable}: a name, a {@link ColumnType} and one value per row,
 * some of which may be null.
 *
 * <p>Instances are immutable and thread-safe. Per-row accessors are cheap; the {@code to*Array}
 * methods return fresh copies that the caller may modify.
 */
public final class ParquetColumn {
  private final String source;
  private final String name;
  private final ColumnType type;
  private final int rowCount;
  private final long[] longs;
  private final double[] doubles;
  private final boolean[] booleans;
  private final @Nullable String[] strings;
  private final BitSet nulls;
  private final int nullCount;

  ParquetColumn(String source, String name, ColumnValues values) {
    this.source = source;
    this.name = name;
    this.type = values.type;
    this.rowCount = values.size();
    this.longs = values.longs;
    this.doubles = values.doubles;
    this.booleans = values.booleans;
    this.strings = values.strings;
    BitSet valueNulls = values.nulls();
    this.nulls = valueNulls == null ? new BitSet() : valueNulls;
    this.nullCount = nulls.cardinality();
  }

  /** {@return the column name as written in the file's schema} */
  public String name() {
    return name;
  }

  /** {@return the value type} */
  public ColumnType type() {
    return type;
  }

  /** {@return the number of rows, equal to the table's row count} */
  public int rowCount() {
    return rowCount;
  }

  /** {@return the number of null values} */
  public int nullCount() {
    return nullCount;
  }

  /** {@return whether the value in {@code row} is null} */
  public boolean isNull(int row) {
    checkRow(row);
    return nulls.get(row);
  }

  /**
   * Returns an integer value.
   *
   * @throws IllegalArgumentException if the column is not an integer column
   * @throws IllegalStateException if the value is null
   */
  public long longAt(int row) {
    requireType(type.isInteger(), "an integer");
    checkRow(row);
    if (nulls.get(row)) {
      throw new IllegalStateException(describe() + " is null in row " + row);
    }
    return longs[row];
  }

  /**
   * Returns a numeric value widened to {@code double}, or NaN where the value is null.
   *
   * @throws IllegalArgumentException if the column is not numeric
   */
  public double doubleAt(int row) {
    requireType(type.isNumeric(), "a numeric");
    checkRow(row);
    if (nulls.get(row)) {
      return Double.NaN;
    }
    return type.isInteger() ? longs[row] : doubles[row];
  }

  /**
   * Returns a text value, or null where the value is null.
   *
   * @throws IllegalArgumentException if the column is not a string column
   */
  public @Nullable String stringAt(int row) {
    requireType(type == ColumnType.STRING, "a string");
    checkRow(row);
    return strings[row];
  }

  /**
   * Returns a boolean value.
   *
   * @throws IllegalArgumentException if the column is not a boolean column
   * @throws IllegalStateException if the value is null
   */
  public boolean booleanAt(int row) {
    requireType(type == ColumnType.BOOLEAN, "a boolean");
    checkRow(row);
    if (nulls.get(row)) {
      throw new IllegalStateException(describe() + " is null in row " + row);
    }
    return booleans[row];
  }

  /**
   * Returns a copy of an integer column's values.
   *
   * @throws IllegalArgumentException if the column is not an integer column or holds nulls; use
   *     {@link #toLongArray(long)} for columns with nulls
   */
  public long[] toLongArray() {
    requireType(type.isInteger(), "an integer");
    if (nullCount > 0) {
      throw new IllegalArgumentException(
          describe()
              + " holds "
              + nullCount
              + " nulls. Use toLongArray(nullValue) to choose a value for them.");
    }
    return Arrays.copyOf(longs, rowCount);
  }

  /**
   * Returns a copy of an integer column's values with nulls replaced by {@code nullValue}.
   *
   * @throws IllegalArgumentException if the column is not an integer column
   */
  public long[] toLongArray(long nullValue) {
    requireType(type.isInteger(), "an integer");
    long[] copy = Arrays.copyOf(longs, rowCount);
    for (int row = nulls.nextSetBit(0); row >= 0; row = nulls.nextSetBit(row + 1)) {
      copy[row] = nullValue;
    }
    return copy;
  }

  /**
   * Returns a copy of a numeric column's values widened to {@code double}, with NaN for nulls.
   *
   * @throws IllegalArgumentException if the column is not numeric
   */
  public double[] toDoubleArray() {
    requireType(type.isNumeric(), "a numeric");
    double[] copy = new double[rowCount];
    if (type.isInteger()) {
      for (int row = 0; row < rowCount; row++) {
        copy[row] = longs[row];
      }
    } else {
      System.arraycopy(doubles, 0, copy, 0, rowCount);
    }
    for (int row = nulls.nextSetBit(0); row >= 0; row = nulls.nextSetBit(row + 1)) {
      copy[row] = Double.NaN;
    }
    return copy;
  }

  /**
   * Returns a copy of a string column's values, with null elements for nulls.
   *
   * @throws IllegalArgumentException if the column is not a string column
   */
  public @Nullable String[] toStringArray() {
    requireType(type == ColumnType.STRING, "a string");
    return Arrays.copyOf(strings, rowCount);
  }

  /**
   * Returns a copy of a boolean column's values, with {@code false} for nulls.
   *
   * @throws IllegalArgumentException if the column is not a boolean column
   */
  public boolean[] toBooleanArray() {
    requireType(type == ColumnType.BOOLEAN, "a boolean");
    return Arrays.copyOf(booleans, rowCount);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s (%d rows, %d nulls)", name, type, rowCount, nullCount);
  }

  private void requireType(boolean matches, String expected) {
    if (!matches) {
      throw new IllegalArgumentException(
          describe() + " is " + type + ", not " + expected + " column");
    }
  }

  private void checkRow(int row) {
    if (row < 0 || row >= rowCount) {
      throw new IndexOutOfBoundsException(
          "row must be between 0 and " + (rowCount - 1) + ", got " + row);
    }
  }

  private String describe() {
    return "Column '" + name + "' of '" + source + "'";
  }
}
