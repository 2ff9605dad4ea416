package dev.afd.engine.internal.parquet;

/**
 * Numeric constants of the Parquet Thrift definitions (parquet-format's {@code parquet.thrift}).
 *
 * <p>They are kept as {@code int}s rather than enums because the decoders compare them against raw
 * Thrift values in hot loops and must still be able to report values that a newer writer may add.
 */
final class ParquetFormat {
  static final int TYPE_BOOLEAN = 0;
  static final int TYPE_INT32 = 1;
  static final int TYPE_INT64 = 2;
  static final int TYPE_INT96 = 3;
  static final int TYPE_FLOAT = 4;
  static final int TYPE_DOUBLE = 5;
  static final int TYPE_BYTE_ARRAY = 6;
  static final int TYPE_FIXED_LEN_BYTE_ARRAY = 7;

  static final int REPETITION_REQUIRED = 0;
  static final int REPETITION_OPTIONAL = 1;
  static final int REPETITION_REPEATED = 2;

  static final int CODEC_UNCOMPRESSED = 0;
  static final int CODEC_SNAPPY = 1;
  static final int CODEC_ZSTD = 6;

  static final int ENCODING_PLAIN = 0;
  static final int ENCODING_PLAIN_DICTIONARY = 2;
  static final int ENCODING_RLE = 3;
  static final int ENCODING_RLE_DICTIONARY = 8;

  static final int PAGE_DATA = 0;
  static final int PAGE_INDEX = 1;
  static final int PAGE_DICTIONARY = 2;
  static final int PAGE_DATA_V2 = 3;

  private static final String[] TYPE_NAMES = {
    "BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"
  };
  private static final String[] CODEC_NAMES = {
    "UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"
  };
  private static final String[] ENCODING_NAMES = {
    "PLAIN",
    "GROUP_VAR_INT",
    "PLAIN_DICTIONARY",
    "RLE",
    "BIT_PACKED",
    "DELTA_BINARY_PACKED",
    "DELTA_LENGTH_BYTE_ARRAY",
    "DELTA_BYTE_ARRAY",
    "RLE_DICTIONARY",
    "BYTE_STREAM_SPLIT"
  };

  private ParquetFormat() {}

  static String typeName(int type) {
    return name(TYPE_NAMES, type, "type");
  }

  static String codecName(int codec) {
    return name(CODEC_NAMES, codec, "codec");
  }

  static String encodingName(int encoding) {
    return name(ENCODING_NAMES, encoding, "encoding");
  }

  private static String name(String[] names, int value, String kind) {
    if (value >= 0 && value < names.length) {
      return names[value];
    }
    return "unknown " + kind + " " + value;
  }
}
