package dev.afd.engine.internal.parquet;

/**
 * The value type of a {@link ParquetColumn}, named after the Parquet physical type it came from.
 */
public enum ColumnType {
  /** Parquet {@code BOOLEAN}. */
  BOOLEAN,
  /** Parquet {@code INT32}, held widened to {@code long}. */
  INT32,
  /** Parquet {@code INT64}. */
  INT64,
  /** Parquet {@code FLOAT}, held widened (exactly) to {@code double}. */
  FLOAT,
  /** Parquet {@code DOUBLE}. */
  DOUBLE,
  /** Parquet {@code BYTE_ARRAY}, decoded as UTF-8 text. */
  STRING;

  /** {@return whether values of this type convert to {@code double}} */
  public boolean isNumeric() {
    return this == INT32 || this == INT64 || this == FLOAT || this == DOUBLE;
  }

  /** {@return whether values of this type convert to {@code long} without loss} */
  public boolean isInteger() {
    return this == INT32 || this == INT64;
  }

  static ColumnType fromPhysicalType(int physicalType) {
    return switch (physicalType) {
      case ParquetFormat.TYPE_BOOLEAN -> BOOLEAN;
      case ParquetFormat.TYPE_INT32 -> INT32;
      case ParquetFormat.TYPE_INT64 -> INT64;
      case ParquetFormat.TYPE_FLOAT -> FLOAT;
      case ParquetFormat.TYPE_DOUBLE -> DOUBLE;
      case ParquetFormat.TYPE_BYTE_ARRAY -> STRING;
      default ->
          throw new ParquetDecodingException(
              "physical type "
                  + ParquetFormat.typeName(physicalType)
                  + " is not supported; supported types are"
                  + " [BOOLEAN, BYTE_ARRAY, DOUBLE, FLOAT, INT32, INT64]");
    };
  }
}
