package dev.afd.engine.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RleBitPackedHybridDecoderTest {
  @Test
  void decodesTheBitPackedExampleOfTheSpecification() {
    // parquet-format Encodings.md: values 0..7 with bit width 3 pack to 10001000 11000110 11111010.
    byte[] encoded = {0x03, (byte) 0b10001000, (byte) 0b11000110, (byte) 0b11111010};
    int[] values = new int[8];

    new RleBitPackedHybridDecoder(encoded, 0, encoded.length, 3).readInts(values, 0, 8);

    assertThat(values).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void decodesRepeatedRunsAcrossCalls() {
    // Run of 5 × 300 (two-byte value, width 9), then a bit-packed group with width 9.
    int[] packedValues = {1, 511, 2, 256, 0, 0, 0, 0};
    byte[] packed = TestingParquetWriter.bitPacked(packedValues, 9);
    byte[] encoded = new byte[3 + packed.length];
    encoded[0] = 5 << 1;
    encoded[1] = (byte) (300 & 0xFF);
    encoded[2] = (byte) (300 >>> 8);
    System.arraycopy(packed, 0, encoded, 3, packed.length);
    RleBitPackedHybridDecoder decoder =
        new RleBitPackedHybridDecoder(encoded, 0, encoded.length, 9);
    int[] values = new int[9];

    decoder.readInts(values, 0, 3);
    decoder.readInts(values, 3, 6);

    assertThat(values).containsExactly(300, 300, 300, 300, 300, 1, 511, 2, 256);
  }

  @Test
  void decodesZerosForBitWidthZero() {
    int[] values = {7, 7, 7};

    new RleBitPackedHybridDecoder(new byte[0], 0, 0, 0).readInts(values, 0, 3);

    assertThat(values).containsExactly(0, 0, 0);
  }

  @Test
  void rejectsARunPastTheEnd() {
    byte[] encoded = {(byte) ((4 << 1) | 1), 0x01};
    RleBitPackedHybridDecoder decoder =
        new RleBitPackedHybridDecoder(encoded, 0, encoded.length, 2);

    assertThatThrownBy(() -> decoder.readInts(new int[8], 0, 8))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("RLE/bit-packed data truncated at offset 1");
  }

  @Test
  void rejectsAnImpossibleBitWidth() {
    assertThatThrownBy(() -> new RleBitPackedHybridDecoder(new byte[1], 0, 1, 33))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("bit width must be between 0 and 32, got 33");
  }
}
