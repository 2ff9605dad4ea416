package dev.afd.engine.internal.parquet;

/**
 * The parts of a Parquet {@code PageHeader} the reader needs, flattened over the data page (v1 and
 * v2) and dictionary page variants.
 *
 * @param pageType a {@code ParquetFormat.PAGE_*} constant
 * @param uncompressedSize page size in bytes after decompression, excluding the header
 * @param compressedSize page size in bytes as stored, excluding the header
 * @param valueCount number of values in the page, including nulls
 * @param encoding value encoding, a {@code ParquetFormat.ENCODING_*} constant
 * @param definitionLevelEncoding definition level encoding of a v1 data page
 * @param definitionLevelsByteLength length of the definition levels of a v2 data page
 * @param repetitionLevelsByteLength length of the repetition levels of a v2 data page
 * @param compressed whether the values section of a v2 data page is compressed
 * @param headerLength length in bytes of the serialized header itself
 */
record PageHeader(
    int pageType,
    int uncompressedSize,
    int compressedSize,
    int valueCount,
    int encoding,
    int definitionLevelEncoding,
    int definitionLevelsByteLength,
    int repetitionLevelsByteLength,
    boolean compressed,
    int headerLength) {}
