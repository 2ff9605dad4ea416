package dev.afd.engine.internal.parquet;

import dev.afd.engine.internal.parquet.FileMetadata.ColumnChunk;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the pages of one column chunk: an optional dictionary page followed by v1 or v2 data
 * pages with PLAIN, dictionary or (for booleans) RLE values, and definition levels for optional
 * columns.
 *
 * <p>One instance serves all chunks of a file and reuses its scratch arrays; it is not thread-safe.
 */
final class ColumnChunkDecoder {
  private static final VarHandle INT_LITTLE_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] file;
  private final int pagesEnd;
  private final PageDecompressor decompressor = new PageDecompressor();
  private int[] definitionLevels = new int[0];
  private int[] dictionaryIndices = new int[0];

  /**
   * Creates a decoder over a whole file's bytes.
   *
   * @param pagesEnd offset where the footer starts; no page may extend past it
   */
  ColumnChunkDecoder(byte[] file, int pagesEnd) {
    this.file = file;
    this.pagesEnd = pagesEnd;
  }

  /**
   * Decodes all values of {@code chunk} and appends them to {@code destination}.
   *
   * @param optional whether the column may hold nulls, meaning pages carry definition levels
   * @param rowCount the row group's row count, which a flat column's value count must equal
   */
  void decode(ColumnChunk chunk, boolean optional, long rowCount, ColumnValues destination) {
    if (chunk.valueCount() != rowCount) {
      throw new ParquetDecodingException(
          "column holds " + chunk.valueCount() + " values in a row group of " + rowCount + " rows");
    }
    long offset = chunk.firstPageOffset();
    long end =
        chunk.totalCompressedSize() > 0 ? offset + chunk.totalCompressedSize() : (long) pagesEnd;
    if (offset < 4 || end > pagesEnd) {
      throw new ParquetDecodingException(
          "column chunk at offsets " + offset + ".." + end + " lies outside the data section");
    }
    ColumnValues dictionary = null;
    long valuesRead = 0;
    while (valuesRead < chunk.valueCount()) {
      if (offset >= end) {
        throw new ParquetDecodingException(
            "column chunk ends after " + valuesRead + " of " + chunk.valueCount() + " values");
      }
      ThriftCompactReader reader = new ThriftCompactReader(file, (int) offset, (int) end);
      PageHeader header = ParquetMetadataDecoder.decodePageHeader(reader);
      int bodyStart = (int) offset + header.headerLength();
      if (header.compressedSize() > end - bodyStart) {
        throw new ParquetDecodingException(
            "page at offset " + offset + " extends past the end of its column chunk");
      }
      int bodyEnd = bodyStart + header.compressedSize();
      switch (header.pageType()) {
        case ParquetFormat.PAGE_DICTIONARY -> {
          if (dictionary != null) {
            throw new ParquetDecodingException("column chunk has two dictionary pages");
          }
          dictionary = decodeDictionaryPage(chunk, header, bodyStart, destination.type);
        }
        case ParquetFormat.PAGE_DATA, ParquetFormat.PAGE_DATA_V2 -> {
          checkValueCount(header, valuesRead, chunk.valueCount());
          PageValues values =
              header.pageType() == ParquetFormat.PAGE_DATA
                  ? pageValues(chunk, header, bodyStart, optional)
                  : pageValuesVersion2(chunk, header, bodyStart, optional);
          decodeValues(
              header.encoding(),
              values.data(),
              values.position(),
              values.limit(),
              values.nonNullCount(),
              dictionary,
              destination);
          if (optional) {
            destination.spreadOverNulls(
                definitionLevels, header.valueCount(), values.nonNullCount());
          }
          valuesRead += header.valueCount();
        }
        default -> {
          // Index pages and unknown page types carry no values; their size tells us where to go.
        }
      }
      offset = bodyEnd;
    }
  }

  private static void checkValueCount(PageHeader header, long valuesRead, long valueCount) {
    if (header.valueCount() < 0 || header.valueCount() > valueCount - valuesRead) {
      throw new ParquetDecodingException(
          "data page declares "
              + header.valueCount()
              + " values, but only "
              + (valueCount - valuesRead)
              + " remain in the column chunk");
    }
  }

  private ColumnValues decodeDictionaryPage(
      ColumnChunk chunk, PageHeader header, int bodyStart, ColumnType type) {
    if (header.encoding() != ParquetFormat.ENCODING_PLAIN
        && header.encoding() != ParquetFormat.ENCODING_PLAIN_DICTIONARY) {
      throw new ParquetDecodingException(
          "dictionary page encoding "
              + ParquetFormat.encodingName(header.encoding())
              + " is not supported; expected PLAIN");
    }
    if (header.valueCount() < 0) {
      throw new ParquetDecodingException(
          "dictionary page declares " + header.valueCount() + " values");
    }
    byte[] data =
        decompressor.decompress(
            chunk.codec(), file, bodyStart, header.compressedSize(), header.uncompressedSize());
    ColumnValues dictionary = new ColumnValues(type, header.valueCount());
    dictionary.appendPlain(data, 0, data.length, header.valueCount());
    return dictionary;
  }

  /**
   * Where a data page's values lie once its definition levels are read.
   *
   * @param data the bytes holding the values
   * @param position where they start
   * @param limit where they end
   * @param nonNullCount how many values are not null
   */
  private record PageValues(byte[] data, int position, int limit, int nonNullCount) {}

  /** {@return a v1 data page's values: levels and values compressed together, levels prefixed} */
  private PageValues pageValues(
      ColumnChunk chunk, PageHeader header, int bodyStart, boolean optional) {
    byte[] data =
        decompressor.decompress(
            chunk.codec(), file, bodyStart, header.compressedSize(), header.uncompressedSize());
    int valueCount = header.valueCount();
    int position = 0;
    int nonNullCount = valueCount;
    if (optional) {
      if (header.definitionLevelEncoding() != ParquetFormat.ENCODING_RLE) {
        throw new ParquetDecodingException(
            "definition level encoding "
                + ParquetFormat.encodingName(header.definitionLevelEncoding())
                + " is not supported; expected RLE");
      }
      int length = readLengthPrefix(data, position, data.length);
      position += Integer.BYTES;
      nonNullCount = decodeDefinitionLevels(data, position, position + length, valueCount);
      position += length;
    }
    return new PageValues(data, position, data.length, nonNullCount);
  }

  /** {@return a v2 data page's values: levels uncompressed before the values} */
  private PageValues pageValuesVersion2(
      ColumnChunk chunk, PageHeader header, int bodyStart, boolean optional) {
    int repetitionLength = header.repetitionLevelsByteLength();
    int definitionLength = header.definitionLevelsByteLength();
    if (repetitionLength < 0
        || definitionLength < 0
        || (long) repetitionLength + definitionLength > header.compressedSize()) {
      throw new ParquetDecodingException(
          "data page v2 level lengths "
              + repetitionLength
              + " and "
              + definitionLength
              + " exceed the page size "
              + header.compressedSize());
    }
    int valueCount = header.valueCount();
    int nonNullCount = valueCount;
    // In v2 pages the levels precede the values uncompressed and without a length prefix.
    int levelsStart = bodyStart + repetitionLength;
    if (optional) {
      nonNullCount =
          decodeDefinitionLevels(file, levelsStart, levelsStart + definitionLength, valueCount);
    }
    int valuesStart = levelsStart + definitionLength;
    int valuesLength = header.compressedSize() - repetitionLength - definitionLength;
    byte[] data;
    int position;
    int limit;
    if (header.compressed() && chunk.codec() != ParquetFormat.CODEC_UNCOMPRESSED) {
      data =
          decompressor.decompress(
              chunk.codec(),
              file,
              valuesStart,
              valuesLength,
              header.uncompressedSize() - repetitionLength - definitionLength);
      position = 0;
      limit = data.length;
    } else {
      data = file;
      position = valuesStart;
      limit = valuesStart + valuesLength;
    }
    return new PageValues(data, position, limit, nonNullCount);
  }

  /** Decodes bit-width-1 definition levels into the scratch array and counts the non-null ones. */
  private int decodeDefinitionLevels(byte[] data, int start, int end, int valueCount) {
    if (definitionLevels.length < valueCount) {
      definitionLevels = new int[valueCount];
    }
    new RleBitPackedHybridDecoder(data, start, end, 1).readInts(definitionLevels, 0, valueCount);
    int nonNullCount = 0;
    for (int index = 0; index < valueCount; index++) {
      nonNullCount += definitionLevels[index];
    }
    return nonNullCount;
  }

  private void decodeValues(
      int encoding,
      byte[] data,
      int position,
      int limit,
      int count,
      @Nullable ColumnValues dictionary,
      ColumnValues destination) {
    switch (encoding) {
      case ParquetFormat.ENCODING_PLAIN -> destination.appendPlain(data, position, limit, count);
      case ParquetFormat.ENCODING_PLAIN_DICTIONARY, ParquetFormat.ENCODING_RLE_DICTIONARY -> {
        if (dictionary == null) {
          throw new ParquetDecodingException("dictionary-encoded page without a dictionary page");
        }
        if (count == 0) {
          return;
        }
        if (position >= limit) {
          throw new ParquetDecodingException("dictionary-encoded page has no bit width");
        }
        int bitWidth = data[position] & 0xFF;
        decodeHybrid(data, position + 1, limit, bitWidth, count);
        destination.appendFromDictionary(dictionary, dictionaryIndices, count);
      }
      case ParquetFormat.ENCODING_RLE -> {
        if (destination.type != ColumnType.BOOLEAN) {
          throw new ParquetDecodingException(
              "RLE value encoding is only defined for BOOLEAN, column is " + destination.type);
        }
        int length = readLengthPrefix(data, position, limit);
        int start = position + Integer.BYTES;
        decodeHybrid(data, start, start + length, 1, count);
        destination.appendFromDictionary(BooleanDictionary.VALUES, dictionaryIndices, count);
      }
      default ->
          throw new ParquetDecodingException(
              "value encoding "
                  + ParquetFormat.encodingName(encoding)
                  + " is not supported; supported encodings are"
                  + " [PLAIN, PLAIN_DICTIONARY, RLE, RLE_DICTIONARY]");
    }
  }

  private void decodeHybrid(byte[] data, int start, int end, int bitWidth, int count) {
    if (dictionaryIndices.length < count) {
      dictionaryIndices = new int[count];
    }
    new RleBitPackedHybridDecoder(data, start, end, bitWidth).readInts(dictionaryIndices, 0, count);
  }

  private static int readLengthPrefix(byte[] data, int position, int limit) {
    if (limit - position < Integer.BYTES) {
      throw new ParquetDecodingException("length prefix truncated at offset " + position);
    }
    int length = (int) INT_LITTLE_ENDIAN.get(data, position);
    if (length < 0 || length > limit - position - Integer.BYTES) {
      throw new ParquetDecodingException(
          "length prefix " + length + " at offset " + position + " exceeds the page");
    }
    return length;
  }

  /** Maps RLE-encoded boolean bits (0 or 1) to values through the dictionary code path. */
  private static final class BooleanDictionary {
    static final ColumnValues VALUES = createValues();

    private static ColumnValues createValues() {
      ColumnValues values = new ColumnValues(ColumnType.BOOLEAN, 2);
      values.appendPlain(new byte[] {0b10}, 0, 1, 2);
      return values;
    }
  }
}
