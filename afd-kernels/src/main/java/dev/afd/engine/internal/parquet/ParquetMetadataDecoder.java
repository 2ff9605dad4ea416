package dev.afd.engine.internal.parquet;

import static dev.afd.engine.internal.parquet.ThriftCompactReader.TYPE_BINARY;
import static dev.afd.engine.internal.parquet.ThriftCompactReader.TYPE_BOOLEAN_FALSE;
import static dev.afd.engine.internal.parquet.ThriftCompactReader.TYPE_BOOLEAN_TRUE;
import static dev.afd.engine.internal.parquet.ThriftCompactReader.TYPE_I32;
import static dev.afd.engine.internal.parquet.ThriftCompactReader.TYPE_I64;
import static dev.afd.engine.internal.parquet.ThriftCompactReader.TYPE_LIST;
import static dev.afd.engine.internal.parquet.ThriftCompactReader.TYPE_STOP;
import static dev.afd.engine.internal.parquet.ThriftCompactReader.TYPE_STRUCT;

import dev.afd.engine.internal.parquet.FileMetadata.ColumnChunk;
import dev.afd.engine.internal.parquet.FileMetadata.RowGroup;
import dev.afd.engine.internal.parquet.FileMetadata.SchemaElement;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Parquet's Thrift structures ({@code FileMetaData}, {@code PageHeader}) with field ids
 * from parquet-format's {@code parquet.thrift}.
 */
final class ParquetMetadataDecoder {
  private ParquetMetadataDecoder() {}

  /** Decodes the footer {@code FileMetaData} struct that starts at the reader's position. */
  static FileMetadata decodeFileMetadata(ThriftCompactReader reader) {
    long rowCount = -1;
    List<SchemaElement> schema = List.of();
    List<RowGroup> rowGroups = List.of();
    reader.beginStruct();
    for (int type = reader.readFieldHeader(); type != TYPE_STOP; type = reader.readFieldHeader()) {
      switch (reader.fieldId()) {
        case 2 -> {
          expectType(reader, type, TYPE_LIST, "FileMetaData.schema");
          int size = readStructListHeader(reader, "FileMetaData.schema");
          schema = new ArrayList<>(size);
          for (int index = 0; index < size; index++) {
            schema.add(decodeSchemaElement(reader));
          }
        }
        case 3 -> {
          expectType(reader, type, TYPE_I64, "FileMetaData.num_rows");
          rowCount = reader.readI64();
        }
        case 4 -> {
          expectType(reader, type, TYPE_LIST, "FileMetaData.row_groups");
          int size = readStructListHeader(reader, "FileMetaData.row_groups");
          rowGroups = new ArrayList<>(size);
          for (int index = 0; index < size; index++) {
            rowGroups.add(decodeRowGroup(reader));
          }
        }
        default -> reader.skip(type);
      }
    }
    if (rowCount < 0) {
      throw new ParquetDecodingException("footer has no valid num_rows, got " + rowCount);
    }
    if (schema.isEmpty()) {
      throw new ParquetDecodingException("footer has no schema");
    }
    return new FileMetadata(rowCount, schema, rowGroups);
  }

  private static SchemaElement decodeSchemaElement(ThriftCompactReader reader) {
    int physicalType = -1;
    int repetition = -1;
    String name = null;
    int childCount = 0;
    reader.beginStruct();
    for (int type = reader.readFieldHeader(); type != TYPE_STOP; type = reader.readFieldHeader()) {
      switch (reader.fieldId()) {
        case 1 -> {
          expectType(reader, type, TYPE_I32, "SchemaElement.type");
          physicalType = reader.readI32();
        }
        case 3 -> {
          expectType(reader, type, TYPE_I32, "SchemaElement.repetition_type");
          repetition = reader.readI32();
        }
        case 4 -> {
          expectType(reader, type, TYPE_BINARY, "SchemaElement.name");
          name = reader.readString();
        }
        case 5 -> {
          expectType(reader, type, TYPE_I32, "SchemaElement.num_children");
          childCount = reader.readI32();
        }
        default -> reader.skip(type);
      }
    }
    if (name == null) {
      throw new ParquetDecodingException("schema element without a name");
    }
    return new SchemaElement(name, physicalType, repetition, childCount);
  }

  private static RowGroup decodeRowGroup(ThriftCompactReader reader) {
    List<ColumnChunk> columns = List.of();
    long rowCount = -1;
    reader.beginStruct();
    for (int type = reader.readFieldHeader(); type != TYPE_STOP; type = reader.readFieldHeader()) {
      switch (reader.fieldId()) {
        case 1 -> {
          expectType(reader, type, TYPE_LIST, "RowGroup.columns");
          int size = readStructListHeader(reader, "RowGroup.columns");
          columns = new ArrayList<>(size);
          for (int index = 0; index < size; index++) {
            columns.add(decodeColumnChunk(reader));
          }
        }
        case 3 -> {
          expectType(reader, type, TYPE_I64, "RowGroup.num_rows");
          rowCount = reader.readI64();
        }
        default -> reader.skip(type);
      }
    }
    if (rowCount < 0) {
      throw new ParquetDecodingException("row group has no valid num_rows, got " + rowCount);
    }
    return new RowGroup(rowCount, columns);
  }

  private static ColumnChunk decodeColumnChunk(ThriftCompactReader reader) {
    ColumnChunk metadata = null;
    reader.beginStruct();
    for (int type = reader.readFieldHeader(); type != TYPE_STOP; type = reader.readFieldHeader()) {
      switch (reader.fieldId()) {
        case 1 -> {
          expectType(reader, type, TYPE_BINARY, "ColumnChunk.file_path");
          // Columns stored in other files are a rarely used feature that we do not follow.
          throw new ParquetDecodingException(
              "column chunk refers to external file '" + reader.readString() + "'");
        }
        case 3 -> {
          expectType(reader, type, TYPE_STRUCT, "ColumnChunk.meta_data");
          metadata = decodeColumnMetadata(reader);
        }
        default -> reader.skip(type);
      }
    }
    if (metadata == null) {
      throw new ParquetDecodingException("column chunk without meta_data");
    }
    return metadata;
  }

  private static ColumnChunk decodeColumnMetadata(ThriftCompactReader reader) {
    int physicalType = -1;
    List<String> path = List.of();
    int codec = -1;
    long valueCount = -1;
    long totalCompressedSize = -1;
    long dataPageOffset = -1;
    long dictionaryPageOffset = -1;
    reader.beginStruct();
    for (int type = reader.readFieldHeader(); type != TYPE_STOP; type = reader.readFieldHeader()) {
      switch (reader.fieldId()) {
        case 1 -> {
          expectType(reader, type, TYPE_I32, "ColumnMetaData.type");
          physicalType = reader.readI32();
        }
        case 3 -> {
          expectType(reader, type, TYPE_LIST, "ColumnMetaData.path_in_schema");
          int size = reader.readListHeader();
          if (reader.listElementType() != TYPE_BINARY) {
            throw new ParquetDecodingException(
                "ColumnMetaData.path_in_schema is not a string list");
          }
          path = new ArrayList<>(size);
          for (int index = 0; index < size; index++) {
            path.add(reader.readString());
          }
        }
        case 4 -> {
          expectType(reader, type, TYPE_I32, "ColumnMetaData.codec");
          codec = reader.readI32();
        }
        case 5 -> {
          expectType(reader, type, TYPE_I64, "ColumnMetaData.num_values");
          valueCount = reader.readI64();
        }
        case 7 -> {
          expectType(reader, type, TYPE_I64, "ColumnMetaData.total_compressed_size");
          totalCompressedSize = reader.readI64();
        }
        case 9 -> {
          expectType(reader, type, TYPE_I64, "ColumnMetaData.data_page_offset");
          dataPageOffset = reader.readI64();
        }
        case 11 -> {
          expectType(reader, type, TYPE_I64, "ColumnMetaData.dictionary_page_offset");
          dictionaryPageOffset = reader.readI64();
        }
        default -> reader.skip(type);
      }
    }
    if (physicalType < 0 || codec < 0 || valueCount < 0 || dataPageOffset < 0) {
      throw new ParquetDecodingException(
          "column metadata of " + path + " lacks type, codec, num_values or data_page_offset");
    }
    return new ColumnChunk(
        physicalType,
        path,
        codec,
        valueCount,
        totalCompressedSize,
        dataPageOffset,
        dictionaryPageOffset);
  }

  /** Decodes the {@code PageHeader} struct that starts at the reader's position. */
  static PageHeader decodePageHeader(ThriftCompactReader reader) {
    int start = reader.position();
    int pageType = -1;
    int uncompressedSize = -1;
    int compressedSize = -1;
    int[] dataPage = null;
    int[] dictionaryPage = null;
    int[] dataPageV2 = null;
    boolean compressed = true;
    reader.beginStruct();
    for (int type = reader.readFieldHeader(); type != TYPE_STOP; type = reader.readFieldHeader()) {
      switch (reader.fieldId()) {
        case 1 -> {
          expectType(reader, type, TYPE_I32, "PageHeader.type");
          pageType = reader.readI32();
        }
        case 2 -> {
          expectType(reader, type, TYPE_I32, "PageHeader.uncompressed_page_size");
          uncompressedSize = reader.readI32();
        }
        case 3 -> {
          expectType(reader, type, TYPE_I32, "PageHeader.compressed_page_size");
          compressedSize = reader.readI32();
        }
        case 5 -> {
          expectType(reader, type, TYPE_STRUCT, "PageHeader.data_page_header");
          dataPage = readI32Fields(reader, 4);
        }
        case 7 -> {
          expectType(reader, type, TYPE_STRUCT, "PageHeader.dictionary_page_header");
          dictionaryPage = readI32Fields(reader, 2);
        }
        case 8 -> {
          expectType(reader, type, TYPE_STRUCT, "PageHeader.data_page_header_v2");
          // Field 7 (is_compressed) is a boolean, read separately below.
          dataPageV2 = new int[7];
          reader.beginStruct();
          for (int fieldType = reader.readFieldHeader();
              fieldType != TYPE_STOP;
              fieldType = reader.readFieldHeader()) {
            int id = reader.fieldId();
            if (id >= 1 && id <= 6) {
              expectType(reader, fieldType, TYPE_I32, "DataPageHeaderV2 field " + id);
              dataPageV2[id] = reader.readI32();
            } else if (id == 7
                && (fieldType == TYPE_BOOLEAN_TRUE || fieldType == TYPE_BOOLEAN_FALSE)) {
              compressed = ThriftCompactReader.booleanFieldValue(fieldType);
            } else {
              reader.skip(fieldType);
            }
          }
        }
        default -> reader.skip(type);
      }
    }
    if (uncompressedSize < 0 || compressedSize < 0) {
      throw new ParquetDecodingException("page header without valid page sizes");
    }
    int headerLength = reader.position() - start;
    if (pageType == ParquetFormat.PAGE_DATA && dataPage != null) {
      return new PageHeader(
          pageType,
          uncompressedSize,
          compressedSize,
          dataPage[1],
          dataPage[2],
          dataPage[3],
          0,
          0,
          true,
          headerLength);
    }
    if (pageType == ParquetFormat.PAGE_DICTIONARY && dictionaryPage != null) {
      return new PageHeader(
          pageType,
          uncompressedSize,
          compressedSize,
          dictionaryPage[1],
          dictionaryPage[2],
          -1,
          0,
          0,
          true,
          headerLength);
    }
    if (pageType == ParquetFormat.PAGE_DATA_V2 && dataPageV2 != null) {
      return new PageHeader(
          pageType,
          uncompressedSize,
          compressedSize,
          dataPageV2[1],
          dataPageV2[4],
          ParquetFormat.ENCODING_RLE,
          dataPageV2[5],
          dataPageV2[6],
          compressed,
          headerLength);
    }
    if (pageType == ParquetFormat.PAGE_DATA
        || pageType == ParquetFormat.PAGE_DICTIONARY
        || pageType == ParquetFormat.PAGE_DATA_V2) {
      throw new ParquetDecodingException("page header of type " + pageType + " lacks its body");
    }
    // Index pages and page types added later are skipped by the caller.
    return new PageHeader(
        pageType, uncompressedSize, compressedSize, 0, -1, -1, 0, 0, true, headerLength);
  }

  /** Reads a struct whose fields 1..count are all i32, as in the v1 data and dictionary headers. */
  private static int[] readI32Fields(ThriftCompactReader reader, int count) {
    int[] values = new int[count + 1];
    reader.beginStruct();
    for (int type = reader.readFieldHeader(); type != TYPE_STOP; type = reader.readFieldHeader()) {
      int id = reader.fieldId();
      if (id >= 1 && id <= count && type == TYPE_I32) {
        values[id] = reader.readI32();
      } else {
        reader.skip(type);
      }
    }
    return values;
  }

  private static int readStructListHeader(ThriftCompactReader reader, String field) {
    int size = reader.readListHeader();
    if (size > 0 && reader.listElementType() != TYPE_STRUCT) {
      throw new ParquetDecodingException(field + " is not a list of structs");
    }
    return size;
  }

  private static void expectType(
      ThriftCompactReader reader, int actualType, int expectedType, String field) {
    if (actualType != expectedType) {
      throw new ParquetDecodingException(
          field
              + " has thrift type "
              + actualType
              + ", expected "
              + expectedType
              + " (before offset "
              + reader.position()
              + ")");
    }
  }
}
