package dev.afd.engine.internal.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * A growable-by-cursor buffer of one column's decoded values, used both for a whole column and for
 * one column chunk's dictionary.
 *
 * <p>Exactly one of the value arrays is allocated, chosen by the column type: integers widen to
 * {@code long[]}, floats to {@code double[]}. Values are appended at {@link #size()}.
 */
final class ColumnValues {
  private static final VarHandle INT_LITTLE_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LITTLE_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT_LITTLE_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE_LITTLE_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  final ColumnType type;
  // The arrays a type does not use are empty rather than null, which keeps the hot loops free of
  // null checks.
  final long[] longs;
  final double[] doubles;
  final boolean[] booleans;
  final @Nullable String[] strings;
  private final int capacity;
  private @Nullable BitSet nulls;
  private int size;

  ColumnValues(ColumnType type, int capacity) {
    this.type = type;
    this.capacity = capacity;
    this.longs = new long[type.isInteger() ? capacity : 0];
    this.doubles = new double[type == ColumnType.FLOAT || type == ColumnType.DOUBLE ? capacity : 0];
    this.booleans = new boolean[type == ColumnType.BOOLEAN ? capacity : 0];
    this.strings = new String[type == ColumnType.STRING ? capacity : 0];
  }

  int size() {
    return size;
  }

  @Nullable BitSet nulls() {
    return nulls;
  }

  /**
   * Appends {@code count} PLAIN-encoded values starting at {@code data[offset]}.
   *
   * @return the offset just past the last value read
   */
  int appendPlain(byte[] data, int offset, int limit, int count) {
    ensureCapacity(count);
    int position = offset;
    switch (type) {
      case INT32 -> {
        checkAvailable(position, limit, (long) count * Integer.BYTES);
        long[] destination = longs;
        for (int index = 0; index < count; index++) {
          destination[size + index] = (int) INT_LITTLE_ENDIAN.get(data, position);
          position += Integer.BYTES;
        }
      }
      case INT64 -> {
        checkAvailable(position, limit, (long) count * Long.BYTES);
        long[] destination = longs;
        for (int index = 0; index < count; index++) {
          destination[size + index] = (long) LONG_LITTLE_ENDIAN.get(data, position);
          position += Long.BYTES;
        }
      }
      case FLOAT -> {
        checkAvailable(position, limit, (long) count * Float.BYTES);
        double[] destination = doubles;
        for (int index = 0; index < count; index++) {
          destination[size + index] = (float) FLOAT_LITTLE_ENDIAN.get(data, position);
          position += Float.BYTES;
        }
      }
      case DOUBLE -> {
        checkAvailable(position, limit, (long) count * Double.BYTES);
        double[] destination = doubles;
        for (int index = 0; index < count; index++) {
          destination[size + index] = (double) DOUBLE_LITTLE_ENDIAN.get(data, position);
          position += Double.BYTES;
        }
      }
      case BOOLEAN -> {
        // PLAIN booleans are bit-packed, least significant bit first.
        checkAvailable(position, limit, ((long) count + 7) / 8);
        boolean[] destination = booleans;
        for (int index = 0; index < count; index++) {
          destination[size + index] = (data[position + (index >>> 3)] & (1 << (index & 7))) != 0;
        }
        position += (count + 7) / 8;
      }
      case STRING -> {
        @Nullable String[] destination = strings;
        for (int index = 0; index < count; index++) {
          checkAvailable(position, limit, Integer.BYTES);
          int length = (int) INT_LITTLE_ENDIAN.get(data, position);
          position += Integer.BYTES;
          if (length < 0) {
            throw new ParquetDecodingException("negative string length " + length);
          }
          checkAvailable(position, limit, length);
          destination[size + index] = new String(data, position, length, StandardCharsets.UTF_8);
          position += length;
        }
      }
    }
    size += count;
    return position;
  }

  /** Appends {@code count} values looked up in {@code dictionary} by {@code indices[0, count)}. */
  void appendFromDictionary(ColumnValues dictionary, int[] indices, int count) {
    ensureCapacity(count);
    int dictionarySize = dictionary.size;
    for (int index = 0; index < count; index++) {
      int entry = indices[index];
      if (entry < 0 || entry >= dictionarySize) {
        throw new ParquetDecodingException(
            "dictionary index " + entry + " outside dictionary of " + dictionarySize + " entries");
      }
    }
    switch (type) {
      case INT32, INT64 -> {
        long[] source = dictionary.longs;
        long[] destination = longs;
        for (int index = 0; index < count; index++) {
          destination[size + index] = source[indices[index]];
        }
      }
      case FLOAT, DOUBLE -> {
        double[] source = dictionary.doubles;
        double[] destination = doubles;
        for (int index = 0; index < count; index++) {
          destination[size + index] = source[indices[index]];
        }
      }
      case BOOLEAN -> {
        boolean[] source = dictionary.booleans;
        boolean[] destination = booleans;
        for (int index = 0; index < count; index++) {
          destination[size + index] = source[indices[index]];
        }
      }
      case STRING -> {
        // Sharing the dictionary's String instances keeps repeated keys cheap to compare.
        @Nullable String[] source = dictionary.strings;
        @Nullable String[] destination = strings;
        for (int index = 0; index < count; index++) {
          destination[size + index] = source[indices[index]];
        }
      }
    }
    size += count;
  }

  /**
   * Spreads the last {@code nonNullCount} appended values over {@code levels.length}-style slots so
   * that slot {@code i} holds a value when {@code definitionLevels[i] == 1} and null otherwise.
   */
  void spreadOverNulls(int[] definitionLevels, int valueCount, int nonNullCount) {
    int start = size - nonNullCount;
    int end = start + valueCount;
    if (valueCount > capacity - start) {
      throw new ParquetDecodingException(
          "column holds more values than the " + capacity + " rows the footer declares");
    }
    if (nonNullCount == valueCount) {
      return;
    }
    if (nulls == null) {
      nulls = new BitSet(capacity);
    }
    // Moving from the back never overwrites a dense value that has not been moved yet.
    int source = size - 1;
    for (int slot = end - 1; slot >= start; slot--) {
      if (definitionLevels[slot - start] == 1) {
        moveValue(source--, slot);
      } else {
        clearValue(slot);
        nulls.set(slot);
      }
    }
    size = end;
  }

  private void moveValue(int from, int to) {
    if (from == to) {
      return;
    }
    switch (type) {
      case INT32, INT64 -> longs[to] = longs[from];
      case FLOAT, DOUBLE -> doubles[to] = doubles[from];
      case BOOLEAN -> booleans[to] = booleans[from];
      case STRING -> strings[to] = strings[from];
    }
  }

  private void clearValue(int slot) {
    switch (type) {
      case INT32, INT64 -> longs[slot] = 0;
      case FLOAT, DOUBLE -> doubles[slot] = Double.NaN;
      case BOOLEAN -> booleans[slot] = false;
      case STRING -> strings[slot] = null;
    }
  }

  private void ensureCapacity(int count) {
    if (count < 0 || count > capacity - size) {
      throw new ParquetDecodingException(
          "column holds more values than the " + capacity + " rows the footer declares");
    }
  }

  private static void checkAvailable(int position, int limit, long byteCount) {
    if (byteCount > limit - position) {
      throw new ParquetDecodingException(
          "page values truncated: need "
              + byteCount
              + " bytes at offset "
              + position
              + ", have "
              + (limit - position));
    }
  }
}
