package dev.afd.engine.internal.parquet;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;

/**
 * Decompresses page bodies with aircompressor's pure-Java codecs, so that reading parquet needs
 * neither Hadoop nor native libraries.
 *
 * <p>Instances hold decompressor state and are not thread-safe; {@link ParquetTable#read} creates
 * one per file.
 */
final class PageDecompressor {
  private final ZstdDecompressor zstd = new ZstdDecompressor();
  private final SnappyDecompressor snappy = new SnappyDecompressor();

  /**
   * Decompresses {@code input[offset, offset + length)}.
   *
   * @return a new array of exactly {@code uncompressedSize} bytes
   */
  byte[] decompress(int codec, byte[] input, int offset, int length, int uncompressedSize) {
    if (uncompressedSize < 0) {
      throw new ParquetDecodingException(
          "page declares " + uncompressedSize + " uncompressed bytes");
    }
    checkDeclaredSize(codec, input, offset, length, uncompressedSize);
    byte[] output = new byte[uncompressedSize];
    int written;
    try {
      written =
          switch (codec) {
            case ParquetFormat.CODEC_ZSTD ->
                zstd.decompress(input, offset, length, output, 0, uncompressedSize);
            case ParquetFormat.CODEC_SNAPPY ->
                snappy.decompress(input, offset, length, output, 0, uncompressedSize);
            case ParquetFormat.CODEC_UNCOMPRESSED -> {
              if (length != uncompressedSize) {
                throw new ParquetDecodingException(
                    "uncompressed page of "
                        + length
                        + " bytes declares "
                        + uncompressedSize
                        + " uncompressed bytes");
              }
              System.arraycopy(input, offset, output, 0, length);
              yield length;
            }
            default ->
                throw new ParquetDecodingException(
                    "compression codec "
                        + ParquetFormat.codecName(codec)
                        + " is not supported; supported codecs are [SNAPPY, UNCOMPRESSED, ZSTD]");
          };
    } catch (MalformedInputException | IndexOutOfBoundsException exception) {
      // aircompressor reports corrupt or truncated frames with either exception type.
      throw new ParquetDecodingException(
          ParquetFormat.codecName(codec) + " page data is corrupt: " + exception.getMessage(),
          exception);
    }
    if (written != uncompressedSize) {
      throw new ParquetDecodingException(
          ParquetFormat.codecName(codec)
              + " page decompressed to "
              + written
              + " bytes, header declares "
              + uncompressedSize);
    }
    return output;
  }

  /**
   * Compares the page header's size with the size the compressed frame itself declares, before
   * allocating: a corrupt header could otherwise demand gigabytes.
   */
  private static void checkDeclaredSize(
      int codec, byte[] input, int offset, int length, int uncompressedSize) {
    long declared;
    try {
      declared =
          switch (codec) {
            case ParquetFormat.CODEC_ZSTD ->
                ZstdDecompressor.getDecompressedSize(input, offset, length);
            case ParquetFormat.CODEC_SNAPPY ->
                SnappyDecompressor.getUncompressedLength(input, offset);
            default -> uncompressedSize;
          };
    } catch (MalformedInputException | IndexOutOfBoundsException exception) {
      throw new ParquetDecodingException(
          ParquetFormat.codecName(codec) + " page data is corrupt: " + exception.getMessage(),
          exception);
    }
    // zstd frames may omit their size (-1); then the decompressor's bounds checks protect us.
    if (declared >= 0 && declared != uncompressedSize) {
      throw new ParquetDecodingException(
          ParquetFormat.codecName(codec)
              + " page holds "
              + declared
              + " uncompressed bytes, header declares "
              + uncompressedSize);
    }
  }
}
