package dev.afd.engine.internal.parquet;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The parts of Parquet's {@code FileMetaData} footer that the reader needs.
 *
 * @param rowCount total number of rows over all row groups
 * @param schema the flattened schema tree in depth-first order; element 0 is the root
 * @param rowGroups the row groups in file order
 */
record FileMetadata(long rowCount, List<SchemaElement> schema, List<RowGroup> rowGroups) {
  FileMetadata {
    requireNonNull(schema, "schema");
    requireNonNull(rowGroups, "rowGroups");
    schema = List.copyOf(schema);
    rowGroups = List.copyOf(rowGroups);
  }

  /**
   * One node of the schema tree.
   *
   * @param name the column or group name
   * @param physicalType a {@code ParquetFormat.TYPE_*} constant, or -1 for a group node
   * @param repetition a {@code ParquetFormat.REPETITION_*} constant, or -1 where absent (root)
   * @param childCount number of children, 0 for a leaf column
   */
  record SchemaElement(String name, int physicalType, int repetition, int childCount) {
    SchemaElement {
      requireNonNull(name, "name");
    }
  }

  /**
   * One row group.
   *
   * @param rowCount number of rows in this group
   * @param columns one chunk per leaf column, in schema order
   */
  record RowGroup(long rowCount, List<ColumnChunk> columns) {
    RowGroup {
      requireNonNull(columns, "columns");
      columns = List.copyOf(columns);
    }
  }

  /**
   * Where one column's values for one row group live, from {@code ColumnMetaData}.
   *
   * @param physicalType a {@code ParquetFormat.TYPE_*} constant
   * @param path the column path in the schema
   * @param codec a {@code ParquetFormat.CODEC_*} constant
   * @param valueCount number of values including nulls
   * @param totalCompressedSize bytes of all pages including their headers
   * @param dataPageOffset file offset of the first data page
   * @param dictionaryPageOffset file offset of the dictionary page, or -1 if there is none
   */
  record ColumnChunk(
      int physicalType,
      List<String> path,
      int codec,
      long valueCount,
      long totalCompressedSize,
      long dataPageOffset,
      long dictionaryPageOffset) {
    ColumnChunk {
      requireNonNull(path, "path");
      path = List.copyOf(path);
    }

    /** {@return the file offset of the first page of this chunk} */
    long firstPageOffset() {
      // Some writers store 0 instead of leaving the field unset when there is no dictionary.
      if (dictionaryPageOffset > 0 && dictionaryPageOffset < dataPageOffset) {
        return dictionaryPageOffset;
      }
      return dataPageOffset;
    }
  }
}
