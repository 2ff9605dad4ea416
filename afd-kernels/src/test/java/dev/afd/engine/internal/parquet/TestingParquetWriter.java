package dev.afd.engine.internal.parquet;

import static java.util.Objects.requireNonNull;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes small flat Parquet files for tests, because the build has no Parquet writer and the
 * reference data must not be copied into the repository.
 *
 * <p>It covers what the reader supports: required and optional columns, PLAIN and dictionary
 * values, v1 and v2 data pages, several pages per column, and the UNCOMPRESSED, SNAPPY and ZSTD
 * codecs. It writes one row group.
 */
public final class TestingParquetWriter {
  private final List<Column> columns = new ArrayList<>();
  private int codec = ParquetFormat.CODEC_UNCOMPRESSED;
  private int dataPageVersion = 1;
  private boolean dictionaryEncoding;
  private int rowsPerPage = Integer.MAX_VALUE;

  private TestingParquetWriter() {}

  /** {@return a writer with no columns, uncompressed v1 pages and PLAIN values} */
  public static TestingParquetWriter builder() {
    return new TestingParquetWriter();
  }

  /** Adds a BYTE_ARRAY column; it is optional if any value is null. */
  public TestingParquetWriter stringColumn(String name, @Nullable String... values) {
    columns.add(new Column(name, ParquetFormat.TYPE_BYTE_ARRAY, values.clone()));
    return this;
  }

  /** Adds a required INT64 column. */
  public TestingParquetWriter longColumn(String name, long... values) {
    return add(name, ParquetFormat.TYPE_INT64, Arrays.stream(values).boxed().toArray());
  }

  /** Adds a required INT32 column. */
  public TestingParquetWriter intColumn(String name, int... values) {
    return add(name, ParquetFormat.TYPE_INT32, Arrays.stream(values).boxed().toArray());
  }

  /** Adds a required DOUBLE column. */
  public TestingParquetWriter doubleColumn(String name, double... values) {
    return add(name, ParquetFormat.TYPE_DOUBLE, Arrays.stream(values).boxed().toArray());
  }

  /** Adds a DOUBLE column that is optional if any value is null. */
  public TestingParquetWriter nullableDoubleColumn(String name, @Nullable Double... values) {
    return add(name, ParquetFormat.TYPE_DOUBLE, values.clone());
  }

  /** Adds a required FLOAT column. */
  public TestingParquetWriter floatColumn(String name, float... values) {
    Object[] boxed = new Object[values.length];
    for (int index = 0; index < values.length; index++) {
      boxed[index] = values[index];
    }
    return add(name, ParquetFormat.TYPE_FLOAT, boxed);
  }

  /** Adds a required BOOLEAN column. */
  public TestingParquetWriter booleanColumn(String name, boolean... values) {
    Object[] boxed = new Object[values.length];
    for (int index = 0; index < values.length; index++) {
      boxed[index] = values[index];
    }
    return add(name, ParquetFormat.TYPE_BOOLEAN, boxed);
  }

  /** Sets the codec, a {@code ParquetFormat.CODEC_*} constant. */
  public TestingParquetWriter codec(int newCodec) {
    this.codec = newCodec;
    return this;
  }

  /** Writes data pages in format version 1 or 2. */
  public TestingParquetWriter dataPageVersion(int version) {
    this.dataPageVersion = version;
    return this;
  }

  /** Dictionary-encodes every column, as pyarrow does by default. */
  public TestingParquetWriter dictionaryEncoding(boolean enabled) {
    this.dictionaryEncoding = enabled;
    return this;
  }

  /** Splits every column into pages of at most this many rows. */
  public TestingParquetWriter rowsPerPage(int rows) {
    this.rowsPerPage = rows;
    return this;
  }

  private TestingParquetWriter add(String name, int type, @Nullable Object[] values) {
    columns.add(new Column(name, type, values));
    return this;
  }

  /** Writes the file and returns it. */
  public Path write(Path file) {
    try {
      Files.createDirectories(requireNonNull(file.toAbsolutePath().getParent()));
      Files.write(file, build());
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
    return file;
  }

  /** {@return the file's bytes} */
  public byte[] build() {
    int rowCount = columns.isEmpty() ? 0 : columns.get(0).values.length;
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
    List<long[]> chunkOffsets = new ArrayList<>();
    for (Column column : columns) {
      if (column.values.length != rowCount) {
        throw new IllegalStateException("all columns need " + rowCount + " values");
      }
      chunkOffsets.add(writeChunk(file, column));
    }
    ThriftWriter footer = new ThriftWriter();
    footer.beginStruct();
    footer.i32Field(1, 1);
    footer.listField(2, ThriftCompactReader.TYPE_STRUCT, columns.size() + 1);
    footer.beginStruct();
    footer.stringField(4, "schema");
    footer.i32Field(5, columns.size());
    footer.endStruct();
    for (Column column : columns) {
      footer.beginStruct();
      footer.i32Field(1, column.type);
      footer.i32Field(
          3,
          column.optional()
              ? ParquetFormat.REPETITION_OPTIONAL
              : ParquetFormat.REPETITION_REQUIRED);
      footer.stringField(4, column.name);
      if (column.type == ParquetFormat.TYPE_BYTE_ARRAY) {
        footer.i32Field(6, 0); // ConvertedType UTF8
      }
      footer.endStruct();
    }
    footer.i64Field(3, rowCount);
    footer.listField(4, ThriftCompactReader.TYPE_STRUCT, 1);
    footer.beginStruct();
    footer.listField(1, ThriftCompactReader.TYPE_STRUCT, columns.size());
    for (int index = 0; index < columns.size(); index++) {
      Column column = columns.get(index);
      long[] offsets = chunkOffsets.get(index);
      footer.beginStruct();
      footer.i64Field(2, offsets[0]);
      footer.fieldHeader(3, ThriftCompactReader.TYPE_STRUCT);
      footer.beginStruct();
      footer.i32Field(1, column.type);
      footer.listField(2, ThriftCompactReader.TYPE_I32, 1);
      footer.varint(zigzag(ParquetFormat.ENCODING_PLAIN));
      footer.listField(3, ThriftCompactReader.TYPE_BINARY, 1);
      footer.string(column.name);
      footer.i32Field(4, codec);
      footer.i64Field(5, rowCount);
      footer.i64Field(6, offsets[2]);
      footer.i64Field(7, offsets[2]);
      footer.i64Field(9, offsets[1]);
      if (offsets[0] != offsets[1]) {
        footer.i64Field(11, offsets[0]);
      }
      footer.endStruct();
      footer.endStruct();
    }
    footer.i64Field(2, file.size());
    footer.i64Field(3, rowCount);
    footer.endStruct();
    footer.stringField(6, "afd TestingParquetWriter");
    footer.endStruct();
    byte[] footerBytes = footer.toByteArray();
    file.writeBytes(footerBytes);
    file.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footerBytes.length).array());
    file.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
    return file.toByteArray();
  }

  /** {@return chunk start offset, first data page offset and chunk size} */
  private long[] writeChunk(ByteArrayOutputStream file, Column column) {
    long start = file.size();
    Map<Object, Integer> dictionary = new LinkedHashMap<>();
    if (dictionaryEncoding) {
      for (Object value : column.values) {
        if (value != null) {
          dictionary.putIfAbsent(value, dictionary.size());
        }
      }
      byte[] plain = plain(column.type, new ArrayList<>(dictionary.keySet()));
      byte[] body = compress(plain);
      ThriftWriter header = new ThriftWriter();
      header.beginStruct();
      header.i32Field(1, ParquetFormat.PAGE_DICTIONARY);
      header.i32Field(2, plain.length);
      header.i32Field(3, body.length);
      header.fieldHeader(7, ThriftCompactReader.TYPE_STRUCT);
      header.beginStruct();
      header.i32Field(1, dictionary.size());
      header.i32Field(2, ParquetFormat.ENCODING_PLAIN);
      header.endStruct();
      header.endStruct();
      file.writeBytes(header.toByteArray());
      file.writeBytes(body);
    }
    long firstDataPage = file.size();
    for (int from = 0; from < column.values.length; from += rowsPerPage) {
      int to = (int) Math.min(column.values.length, (long) from + rowsPerPage);
      writeDataPage(file, column, Arrays.copyOfRange(column.values, from, to), dictionary);
    }
    return new long[] {start, firstDataPage, file.size() - start};
  }

  private void writeDataPage(
      ByteArrayOutputStream file,
      Column column,
      @Nullable Object[] values,
      Map<Object, Integer> dictionary) {
    List<Object> present = new ArrayList<>();
    int[] levels = new int[values.length];
    for (int index = 0; index < values.length; index++) {
      if (values[index] != null) {
        present.add(values[index]);
        levels[index] = 1;
      }
    }
    byte[] encodedValues;
    int encoding;
    if (dictionaryEncoding) {
      int[] indices = new int[present.size()];
      for (int index = 0; index < indices.length; index++) {
        indices[index] = dictionary.get(present.get(index));
      }
      int bitWidth = 32 - Integer.numberOfLeadingZeros(Math.max(dictionary.size() - 1, 0));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(bitWidth);
      out.writeBytes(bitPacked(indices, bitWidth));
      encodedValues = out.toByteArray();
      encoding = ParquetFormat.ENCODING_RLE_DICTIONARY;
    } else {
      encodedValues = plain(column.type, present);
      encoding = ParquetFormat.ENCODING_PLAIN;
    }
    byte[] encodedLevels = column.optional() ? bitPacked(levels, 1) : new byte[0];
    ThriftWriter header = new ThriftWriter();
    header.beginStruct();
    byte[] body;
    int uncompressedSize;
    if (dataPageVersion == 1) {
      ByteArrayOutputStream page = new ByteArrayOutputStream();
      if (column.optional()) {
        page.writeBytes(
            ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(encodedLevels.length)
                .array());
        page.writeBytes(encodedLevels);
      }
      page.writeBytes(encodedValues);
      byte[] uncompressed = page.toByteArray();
      uncompressedSize = uncompressed.length;
      body = compress(uncompressed);
      header.i32Field(1, ParquetFormat.PAGE_DATA);
      header.i32Field(2, uncompressedSize);
      header.i32Field(3, body.length);
      header.fieldHeader(5, ThriftCompactReader.TYPE_STRUCT);
      header.beginStruct();
      header.i32Field(1, values.length);
      header.i32Field(2, encoding);
      header.i32Field(3, ParquetFormat.ENCODING_RLE);
      header.i32Field(4, ParquetFormat.ENCODING_RLE);
      header.endStruct();
    } else {
      byte[] compressedValues = compress(encodedValues);
      ByteArrayOutputStream page = new ByteArrayOutputStream();
      page.writeBytes(encodedLevels);
      page.writeBytes(compressedValues);
      body = page.toByteArray();
      uncompressedSize = encodedLevels.length + encodedValues.length;
      header.i32Field(1, ParquetFormat.PAGE_DATA_V2);
      header.i32Field(2, uncompressedSize);
      header.i32Field(3, body.length);
      header.fieldHeader(8, ThriftCompactReader.TYPE_STRUCT);
      header.beginStruct();
      header.i32Field(1, values.length);
      header.i32Field(2, values.length - present.size());
      header.i32Field(3, values.length);
      header.i32Field(4, encoding);
      header.i32Field(5, encodedLevels.length);
      header.i32Field(6, 0);
      header.booleanField(7, codec != ParquetFormat.CODEC_UNCOMPRESSED);
      header.endStruct();
    }
    header.endStruct();
    file.writeBytes(header.toByteArray());
    file.writeBytes(body);
  }

  private byte[] compress(byte[] input) {
    byte[] output;
    int length;
    switch (codec) {
      case ParquetFormat.CODEC_UNCOMPRESSED -> {
        return input;
      }
      case ParquetFormat.CODEC_SNAPPY -> {
        SnappyCompressor compressor = new SnappyCompressor();
        output = new byte[compressor.maxCompressedLength(input.length)];
        length = compressor.compress(input, 0, input.length, output, 0, output.length);
      }
      case ParquetFormat.CODEC_ZSTD -> {
        ZstdCompressor compressor = new ZstdCompressor();
        output = new byte[compressor.maxCompressedLength(input.length)];
        length = compressor.compress(input, 0, input.length, output, 0, output.length);
      }
      default -> throw new IllegalStateException("codec " + codec + " cannot be written");
    }
    return Arrays.copyOf(output, length);
  }

  private static byte[] plain(int type, List<Object> values) {
    ByteBuffer buffer = ByteBuffer.allocate(16 + values.size() * 8 + stringBytes(values));
    buffer.order(ByteOrder.LITTLE_ENDIAN);
    if (type == ParquetFormat.TYPE_BOOLEAN) {
      int[] bits = new int[values.size()];
      for (int index = 0; index < bits.length; index++) {
        bits[index] = (Boolean) values.get(index) ? 1 : 0;
      }
      byte[] packed = new byte[(bits.length + 7) / 8];
      for (int index = 0; index < bits.length; index++) {
        packed[index / 8] |= (byte) (bits[index] << (index % 8));
      }
      return packed;
    }
    for (Object value : values) {
      switch (type) {
        case ParquetFormat.TYPE_INT32 -> buffer.putInt((Integer) value);
        case ParquetFormat.TYPE_INT64 -> buffer.putLong((Long) value);
        case ParquetFormat.TYPE_FLOAT -> buffer.putFloat((Float) value);
        case ParquetFormat.TYPE_DOUBLE -> buffer.putDouble((Double) value);
        case ParquetFormat.TYPE_BYTE_ARRAY -> {
          byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
          buffer.putInt(bytes.length);
          buffer.put(bytes);
        }
        default -> throw new IllegalStateException("type " + type + " cannot be written");
      }
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private static int stringBytes(List<Object> values) {
    int total = 0;
    for (Object value : values) {
      if (value instanceof String text) {
        total += 4 + text.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return total;
  }

  /** {@return values as one bit-packed run of the RLE/bit-packed hybrid encoding} */
  static byte[] bitPacked(int[] values, int bitWidth) {
    int groups = (values.length + 7) / 8;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (groups == 0) {
      return new byte[0];
    }
    writeVarint(out, ((long) groups << 1) | 1);
    byte[] packed = new byte[groups * bitWidth];
    long bit = 0;
    for (int value : values) {
      for (int index = 0; index < bitWidth; index++, bit++) {
        if (((value >>> index) & 1) != 0) {
          packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
      }
    }
    out.writeBytes(packed);
    return out.toByteArray();
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    long remaining = value;
    while ((remaining & ~0x7FL) != 0) {
      out.write((int) ((remaining & 0x7F) | 0x80));
      remaining >>>= 7;
    }
    out.write((int) remaining);
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static final class Column {
    final String name;
    final int type;
    final @Nullable Object[] values;

    Column(String name, int type, @Nullable Object[] values) {
      this.name = name;
      this.type = type;
      this.values = values;
    }

    boolean optional() {
      for (Object value : values) {
        if (value == null) {
          return true;
        }
      }
      return false;
    }
  }

  /** Writes the Thrift compact protocol, the mirror of {@link ThriftCompactReader}. */
  static final class ThriftWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int[] previousFieldIds = new int[32];
    private int depth;

    void beginStruct() {
      previousFieldIds[depth++] = 0;
    }

    void endStruct() {
      out.write(ThriftCompactReader.TYPE_STOP);
      depth--;
    }

    void fieldHeader(int fieldId, int type) {
      int delta = fieldId - previousFieldIds[depth - 1];
      if (delta > 0 && delta <= 15) {
        out.write((delta << 4) | type);
      } else {
        out.write(type);
        varint(zigzag(fieldId));
      }
      previousFieldIds[depth - 1] = fieldId;
    }

    void i32Field(int fieldId, int value) {
      fieldHeader(fieldId, ThriftCompactReader.TYPE_I32);
      varint(zigzag(value));
    }

    void i64Field(int fieldId, long value) {
      fieldHeader(fieldId, ThriftCompactReader.TYPE_I64);
      varint(zigzag(value));
    }

    void stringField(int fieldId, String value) {
      fieldHeader(fieldId, ThriftCompactReader.TYPE_BINARY);
      string(value);
    }

    void booleanField(int fieldId, boolean value) {
      fieldHeader(
          fieldId,
          value ? ThriftCompactReader.TYPE_BOOLEAN_TRUE : ThriftCompactReader.TYPE_BOOLEAN_FALSE);
    }

    void listField(int fieldId, int elementType, int size) {
      fieldHeader(fieldId, ThriftCompactReader.TYPE_LIST);
      listHeader(elementType, size);
    }

    void listHeader(int elementType, int size) {
      if (size < 15) {
        out.write((size << 4) | elementType);
      } else {
        out.write(0xF0 | elementType);
        varint(size);
      }
    }

    void string(String value) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      varint(bytes.length);
      out.writeBytes(bytes);
    }

    void varint(long value) {
      writeVarint(out, value);
    }

    void rawByte(int value) {
      out.write(value);
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
