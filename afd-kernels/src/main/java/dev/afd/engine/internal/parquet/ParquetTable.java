package dev.afd.engine.internal.parquet;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.internal.parquet.FileMetadata.ColumnChunk;
import dev.afd.engine.internal.parquet.FileMetadata.RowGroup;
import dev.afd.engine.internal.parquet.FileMetadata.SchemaElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, fully decoded Parquet file with a flat schema: named, typed columns of equal
 * length.
 *
 * <p>Use {@link #read(Path)}. The whole file is read into memory and decoded eagerly, which suits
 * the kernel-latency tables (under 2 MB each). Supported: physical types BOOLEAN, INT32, INT64,
 * FLOAT, DOUBLE and BYTE_ARRAY (as UTF-8 text); codecs UNCOMPRESSED, SNAPPY and ZSTD; data pages v1
 * and v2; encodings PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY and RLE (booleans); required and
 * optional columns. Nested or repeated columns, INT96, FIXED_LEN_BYTE_ARRAY and the DELTA and
 * BYTE_STREAM_SPLIT encodings are rejected with a message saying so.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ParquetTable {
  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
  private static final VarHandle INT_LITTLE_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final String source;
  private final int rowCount;
  private final List<ParquetColumn> columns;
  private final Map<String, ParquetColumn> columnsByName;

  private ParquetTable(String source, int rowCount, List<ParquetColumn> columns) {
    this.source = source;
    this.rowCount = rowCount;
    this.columns = List.copyOf(columns);
    Map<String, ParquetColumn> byName = new LinkedHashMap<>();
    for (ParquetColumn column : columns) {
      if (byName.put(column.name(), column) != null) {
        throw new IllegalArgumentException(
            "Cannot read parquet file '"
                + source
                + "': column '"
                + column.name()
                + "' appears twice");
      }
    }
    this.columnsByName = Collections.unmodifiableMap(byName);
  }

  /**
   * Reads and decodes a whole Parquet file.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not Parquet, is truncated or corrupt, or uses a
   *     feature this reader does not support; the message names the file and the problem
   */
  public static ParquetTable read(Path file) {
    requireNonNull(file, "file");
    byte[] contents;
    try {
      contents = Files.readAllBytes(file);
    } catch (IOException exception) {
      throw new UncheckedIOException(
          "Cannot read parquet file '" + file + "': " + exception, exception);
    }
    return decode(file.toString(), contents);
  }

  /** Decodes a Parquet file held in memory; {@code source} names it in error messages. */
  static ParquetTable decode(String source, byte[] contents) {
    requireNonNull(source, "source");
    requireNonNull(contents, "contents");
    int minimumLength = 2 * MAGIC.length + Integer.BYTES;
    if (contents.length < minimumLength) {
      throw new IllegalArgumentException(
          "Not a parquet file '"
              + source
              + "': it has "
              + contents.length
              + " bytes, fewer than the "
              + minimumLength
              + " of an empty parquet file");
    }
    if (!hasMagicAt(contents, 0)) {
      throw new IllegalArgumentException(
          "Not a parquet file '" + source + "': missing PAR1 magic at the start");
    }
    if (!hasMagicAt(contents, contents.length - MAGIC.length)) {
      throw new IllegalArgumentException(
          "Cannot read parquet file '"
              + source
              + "': missing PAR1 magic at the end, the file is probably truncated");
    }
    int footerLengthOffset = contents.length - MAGIC.length - Integer.BYTES;
    int footerLength = (int) INT_LITTLE_ENDIAN.get(contents, footerLengthOffset);
    if (footerLength <= 0 || footerLength > footerLengthOffset - MAGIC.length) {
      throw new IllegalArgumentException(
          "Cannot read parquet file '"
              + source
              + "': footer length "
              + footerLength
              + " does not fit in a file of "
              + contents.length
              + " bytes");
    }
    int footerStart = footerLengthOffset - footerLength;
    try {
      FileMetadata metadata =
          ParquetMetadataDecoder.decodeFileMetadata(
              new ThriftCompactReader(contents, footerStart, footerLengthOffset));
      return decodeColumns(source, contents, footerStart, metadata);
    } catch (ParquetDecodingException exception) {
      throw new IllegalArgumentException(
          "Cannot read parquet file '" + source + "': " + exception.getMessage(), exception);
    }
  }

  private static ParquetTable decodeColumns(
      String source, byte[] contents, int footerStart, FileMetadata metadata) {
    List<SchemaElement> schema = metadata.schema();
    SchemaElement root = schema.get(0);
    if (root.childCount() != schema.size() - 1) {
      throw new ParquetDecodingException(
          "only flat schemas are supported, but the schema has nested groups");
    }
    if (metadata.rowCount() > Integer.MAX_VALUE) {
      throw new ParquetDecodingException(
          "it has " + metadata.rowCount() + " rows, more than an in-memory table can hold");
    }
    int rowCount = (int) metadata.rowCount();
    long rowGroupRows = 0;
    for (RowGroup rowGroup : metadata.rowGroups()) {
      rowGroupRows += rowGroup.rowCount();
    }
    if (rowGroupRows != rowCount) {
      throw new ParquetDecodingException(
          "row groups hold " + rowGroupRows + " rows, the footer declares " + rowCount);
    }
    List<SchemaElement> leaves = schema.subList(1, schema.size());
    List<ColumnValues> values = new ArrayList<>(leaves.size());
    for (SchemaElement leaf : leaves) {
      if (leaf.childCount() != 0 || leaf.physicalType() < 0) {
        throw new ParquetDecodingException(
            "column '" + leaf.name() + "' is a nested group; only flat schemas are supported");
      }
      if (leaf.repetition() == ParquetFormat.REPETITION_REPEATED) {
        throw new ParquetDecodingException(
            "column '" + leaf.name() + "' is repeated; only flat schemas are supported");
      }
      values.add(new ColumnValues(ColumnType.fromPhysicalType(leaf.physicalType()), rowCount));
    }
    ColumnChunkDecoder decoder = new ColumnChunkDecoder(contents, footerStart);
    for (RowGroup rowGroup : metadata.rowGroups()) {
      if (rowGroup.columns().size() != leaves.size()) {
        throw new ParquetDecodingException(
            "row group has "
                + rowGroup.columns().size()
                + " column chunks for "
                + leaves.size()
                + " columns");
      }
      for (int index = 0; index < leaves.size(); index++) {
        SchemaElement leaf = leaves.get(index);
        ColumnChunk chunk = rowGroup.columns().get(index);
        if (!chunk.path().equals(List.of(leaf.name()))
            || chunk.physicalType() != leaf.physicalType()) {
          throw new ParquetDecodingException(
              "column chunk "
                  + chunk.path()
                  + " of type "
                  + ParquetFormat.typeName(chunk.physicalType())
                  + " does not match schema column '"
                  + leaf.name()
                  + "'");
        }
        try {
          decoder.decode(
              chunk,
              leaf.repetition() == ParquetFormat.REPETITION_OPTIONAL,
              rowGroup.rowCount(),
              values.get(index));
        } catch (ParquetDecodingException exception) {
          throw new ParquetDecodingException(
              "column '" + leaf.name() + "': " + exception.getMessage(), exception);
        }
      }
    }
    List<ParquetColumn> columns = new ArrayList<>(leaves.size());
    for (int index = 0; index < leaves.size(); index++) {
      columns.add(new ParquetColumn(source, leaves.get(index).name(), values.get(index)));
    }
    return new ParquetTable(source, rowCount, columns);
  }

  private static boolean hasMagicAt(byte[] contents, int offset) {
    for (int index = 0; index < MAGIC.length; index++) {
      if (contents[offset + index] != MAGIC[index]) {
        return false;
      }
    }
    return true;
  }

  /** {@return the file this table was read from, as given to {@link #read(Path)}} */
  public String source() {
    return source;
  }

  /** {@return the number of rows} */
  public int rowCount() {
    return rowCount;
  }

  /** {@return the columns in file order} */
  public List<ParquetColumn> columns() {
    return columns;
  }

  /** {@return the column names in file order} */
  public List<String> columnNames() {
    return List.copyOf(columnsByName.keySet());
  }

  /** {@return whether the table has a column called {@code name}} */
  public boolean hasColumn(String name) {
    return columnsByName.containsKey(requireNonNull(name, "name"));
  }

  /**
   * Returns the column called {@code name}.
   *
   * @throws IllegalArgumentException if there is no such column; the message lists the columns
   */
  public ParquetColumn column(String name) {
    requireNonNull(name, "name");
    ParquetColumn column = columnsByName.get(name);
    if (column == null) {
      List<String> known = new ArrayList<>(columnsByName.keySet());
      Collections.sort(known);
      throw new IllegalArgumentException(
          "Unknown column '" + name + "' in '" + source + "'. Known columns: " + known);
    }
    return column;
  }

  /** {@return a copy of an integer column's values}; see {@link ParquetColumn#toLongArray()} */
  public long[] longs(String name) {
    return column(name).toLongArray();
  }

  /** {@return a copy of a numeric column as doubles, NaN for nulls} */
  public double[] doubles(String name) {
    return column(name).toDoubleArray();
  }

  /** {@return a copy of a string column's values, null for nulls} */
  public @Nullable String[] strings(String name) {
    return column(name).toStringArray();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ParquetTable[%s, %d rows, %s]", source, rowCount, columns);
  }
}
