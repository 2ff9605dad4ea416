package dev.afd.engine.internal.parquet;

import java.nio.charset.StandardCharsets;

/**
 * Reads the Thrift compact protocol, which Parquet uses for its footer and page headers.
 *
 * <p>This is deliberately a pull reader with no generated code: the decoder in {@link
 * ParquetMetadataDecoder} reads the few fields it needs and {@linkplain #skip skips} the rest, so
 * fields added by newer Parquet writers are ignored instead of breaking the reader. Every read is
 * bounds-checked, and truncated input raises {@link ParquetDecodingException}.
 *
 * <p>Structs are read with this loop; the reader remembers the previous field id of each nested
 * struct because compact field headers store ids as deltas:
 *
 * <pre>{@code
 * reader.beginStruct();
 * for (int type = reader.readFieldHeader(); type != TYPE_STOP; type = reader.readFieldHeader()) {
 *   switch (reader.fieldId()) { ... default -> reader.skip(type); }
 * }
 * }</pre>
 */
final class ThriftCompactReader {
  static final int TYPE_STOP = 0;
  static final int TYPE_BOOLEAN_TRUE = 1;
  static final int TYPE_BOOLEAN_FALSE = 2;
  static final int TYPE_BYTE = 3;
  static final int TYPE_I16 = 4;
  static final int TYPE_I32 = 5;
  static final int TYPE_I64 = 6;
  static final int TYPE_DOUBLE = 7;
  static final int TYPE_BINARY = 8;
  static final int TYPE_LIST = 9;
  static final int TYPE_SET = 10;
  static final int TYPE_MAP = 11;
  static final int TYPE_STRUCT = 12;

  /** Parquet metadata nests a handful of levels; this guards against malicious recursion. */
  private static final int MAXIMUM_NESTING_DEPTH = 64;

  private final byte[] buffer;
  private final int limit;
  private int position;
  private final int[] previousFieldIds = new int[MAXIMUM_NESTING_DEPTH];
  private int depth;
  private int fieldId;
  private int listElementType;

  ThriftCompactReader(byte[] buffer, int offset, int limit) {
    if (offset < 0 || offset > limit || limit > buffer.length) {
      throw new IllegalArgumentException(
          "offset and limit must lie inside the buffer of "
              + buffer.length
              + " bytes, got "
              + offset
              + " and "
              + limit);
    }
    this.buffer = buffer;
    this.position = offset;
    this.limit = limit;
  }

  /** {@return the offset of the next unread byte in the buffer} */
  int position() {
    return position;
  }

  void beginStruct() {
    if (depth == MAXIMUM_NESTING_DEPTH) {
      throw new ParquetDecodingException(
          "thrift structs nested deeper than " + MAXIMUM_NESTING_DEPTH + " levels");
    }
    previousFieldIds[depth++] = 0;
  }

  /**
   * Reads the next field header of the current struct.
   *
   * @return the field's compact type, or {@link #TYPE_STOP} at the end of the struct, which also
   *     ends the struct started by {@link #beginStruct()}
   */
  int readFieldHeader() {
    if (depth == 0) {
      throw new IllegalStateException("readFieldHeader() called outside a struct");
    }
    int header = readUnsignedByte();
    int type = header & 0x0F;
    if (type == TYPE_STOP) {
      depth--;
      return TYPE_STOP;
    }
    int delta = header >>> 4;
    if (delta == 0) {
      fieldId = zigzagDecode((int) readVarint());
    } else {
      fieldId = previousFieldIds[depth - 1] + delta;
    }
    previousFieldIds[depth - 1] = fieldId;
    return type;
  }

  /** {@return the id of the field whose header was read last} */
  int fieldId() {
    return fieldId;
  }

  /** {@return the value of a boolean struct field, which compact Thrift stores in its type} */
  static boolean booleanFieldValue(int type) {
    return type == TYPE_BOOLEAN_TRUE;
  }

  int readI32() {
    return zigzagDecode((int) readVarint());
  }

  long readI64() {
    long value = readVarint();
    return (value >>> 1) ^ -(value & 1);
  }

  String readString() {
    int length = readLength();
    String value = new String(buffer, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  /**
   * Reads a list or set header.
   *
   * @return the number of elements; their type is then available from {@link #listElementType()}
   */
  int readListHeader() {
    int header = readUnsignedByte();
    listElementType = header & 0x0F;
    int size = header >>> 4;
    if (size == 15) {
      size = readLength();
    }
    return size;
  }

  /** {@return the element type of the list whose header was read last} */
  int listElementType() {
    return listElementType;
  }

  /** Skips one value of the given compact type, including nested structs and containers. */
  void skip(int type) {
    skip(type, false);
  }

  private void skip(int type, boolean insideContainer) {
    switch (type) {
      case TYPE_BOOLEAN_TRUE, TYPE_BOOLEAN_FALSE -> {
        // Inside lists and maps a boolean occupies one byte; as a struct field it is all header.
        if (insideContainer) {
          readUnsignedByte();
        }
      }
      case TYPE_BYTE -> readUnsignedByte();
      case TYPE_I16, TYPE_I32, TYPE_I64 -> readVarint();
      case TYPE_DOUBLE -> advance(8);
      case TYPE_BINARY -> advance(readLength());
      case TYPE_LIST, TYPE_SET -> {
        int size = readListHeader();
        int elementType = listElementType;
        for (int index = 0; index < size; index++) {
          skip(elementType, true);
        }
      }
      case TYPE_MAP -> {
        int size = readLength();
        if (size > 0) {
          int keyAndValueTypes = readUnsignedByte();
          for (int index = 0; index < size; index++) {
            skip(keyAndValueTypes >>> 4, true);
            skip(keyAndValueTypes & 0x0F, true);
          }
        }
      }
      case TYPE_STRUCT -> {
        beginStruct();
        for (int fieldType = readFieldHeader();
            fieldType != TYPE_STOP;
            fieldType = readFieldHeader()) {
          skip(fieldType, false);
        }
      }
      default ->
          throw new ParquetDecodingException(
              "unknown thrift compact type " + type + " at offset " + (position - 1));
    }
  }

  private int readUnsignedByte() {
    if (position >= limit) {
      throw truncated();
    }
    return buffer[position++] & 0xFF;
  }

  private long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int next = readUnsignedByte();
      result |= (long) (next & 0x7F) << shift;
      if ((next & 0x80) == 0) {
        return result;
      }
    }
    throw new ParquetDecodingException("thrift varint longer than 10 bytes at offset " + position);
  }

  private int readLength() {
    long length = readVarint();
    if (length < 0 || length > limit - position) {
      throw truncated();
    }
    return (int) length;
  }

  private void advance(int length) {
    if (length > limit - position) {
      throw truncated();
    }
    position += length;
  }

  private ParquetDecodingException truncated() {
    return new ParquetDecodingException("thrift data truncated at offset " + position);
  }

  private static int zigzagDecode(int value) {
    return (value >>> 1) ^ -(value & 1);
  }
}
