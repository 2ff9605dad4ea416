package dev.afd.engine.internal.parquet;

import java.util.Arrays;

/**
 * Decodes Parquet's RLE/bit-packed hybrid encoding, used for definition levels, dictionary indices
 * and RLE booleans.
 *
 * <p>The input is a sequence of runs. A run header is an unsigned varint: an even header {@code h}
 * starts a run of {@code h >>> 1} copies of one value stored in {@code ceil(bitWidth / 8)}
 * little-endian bytes; an odd header starts {@code h >>> 1} groups of 8 values bit-packed
 * least-significant bit first. A length prefix, where the format has one, is handled by the caller.
 */
final class RleBitPackedHybridDecoder {
  private final byte[] buffer;
  private final int limit;
  private final int bitWidth;
  private int position;
  private int repeatedRemaining;
  private int repeatedValue;
  private int packedRemaining;
  private long packedBitOffset;

  /**
   * Creates a decoder over {@code buffer[offset, limit)}.
   *
   * @param bitWidth bits per value, 0 to 32; width 0 decodes zeros without reading input
   */
  RleBitPackedHybridDecoder(byte[] buffer, int offset, int limit, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new ParquetDecodingException("bit width must be between 0 and 32, got " + bitWidth);
    }
    if (offset < 0 || offset > limit || limit > buffer.length) {
      throw new ParquetDecodingException(
          "encoded values at " + offset + ".." + limit + " lie outside the page");
    }
    this.buffer = buffer;
    this.position = offset;
    this.limit = limit;
    this.bitWidth = bitWidth;
  }

  /** Decodes the next {@code count} values into {@code destination[offset, offset + count)}. */
  void readInts(int[] destination, int offset, int count) {
    int written = 0;
    while (written < count) {
      if (bitWidth == 0) {
        // A zero-width dictionary index means a one-entry dictionary; no bytes encode it.
        destination[offset + written++] = 0;
        continue;
      }
      if (repeatedRemaining == 0 && packedRemaining == 0) {
        readRunHeader();
        continue;
      }
      if (repeatedRemaining > 0) {
        int run = Math.min(repeatedRemaining, count - written);
        Arrays.fill(destination, offset + written, offset + written + run, repeatedValue);
        written += run;
        repeatedRemaining -= run;
      } else {
        int run = Math.min(packedRemaining, count - written);
        for (int index = 0; index < run; index++) {
          destination[offset + written + index] = readPackedValue();
        }
        written += run;
        packedRemaining -= run;
      }
    }
  }

  private void readRunHeader() {
    long header = readUnsignedVarint();
    if ((header & 1) == 0) {
      long length = header >>> 1;
      if (length == 0 || length > Integer.MAX_VALUE) {
        throw new ParquetDecodingException("invalid RLE run length " + length);
      }
      int byteWidth = (bitWidth + 7) / 8;
      if (byteWidth > limit - position) {
        throw truncated();
      }
      int value = 0;
      for (int index = 0; index < byteWidth; index++) {
        value |= (buffer[position++] & 0xFF) << (8 * index);
      }
      repeatedRemaining = (int) length;
      repeatedValue = value;
    } else {
      long groups = header >>> 1;
      if (groups == 0) {
        throw new ParquetDecodingException("empty bit-packed run");
      }
      // Dividing instead of multiplying avoids overflow on a corrupt group count.
      if (groups > (limit - position) / bitWidth) {
        throw truncated();
      }
      long byteLength = groups * bitWidth;
      packedRemaining = (int) (groups * 8);
      packedBitOffset = (long) position * 8;
      position += (int) byteLength;
    }
  }

  private int readPackedValue() {
    int byteIndex = (int) (packedBitOffset >>> 3);
    int bitShift = (int) (packedBitOffset & 7);
    long bits = 0;
    // At most 5 bytes hold a value of up to 32 bits starting at any bit offset.
    int bytesNeeded = (bitShift + bitWidth + 7) >>> 3;
    for (int index = 0; index < bytesNeeded; index++) {
      bits |= (long) (buffer[byteIndex + index] & 0xFF) << (8 * index);
    }
    packedBitOffset += bitWidth;
    return (int) ((bits >>> bitShift) & ((1L << bitWidth) - 1));
  }

  private long readUnsignedVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw truncated();
      }
      int next = buffer[position++] & 0xFF;
      result |= (long) (next & 0x7F) << shift;
      if ((next & 0x80) == 0) {
        return result;
      }
    }
    throw new ParquetDecodingException("varint longer than 10 bytes in RLE data");
  }

  private ParquetDecodingException truncated() {
    return new ParquetDecodingException("RLE/bit-packed data truncated at offset " + position);
  }
}
