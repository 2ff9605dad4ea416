package dev.afd.api.unit;

import dev.afd.api.AfdConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A numeric format for weights, activations or KV cache, counted in bits.
 *
 * <p>Block-scaled formats store a scale per block; their storage cost per element includes it
 * ({@link #sizeOf(long)}), while {@link #bits()} is the element width. {@link #computeClass()}
 * names the tensor-core rate an operator in this format runs at.
 *
 * @since 0.1
 */
public enum Precision {
  /** IEEE single precision. */
  FP32(32, 32, 1),
  /** bfloat16. */
  BF16(16, 16, 1),
  /** IEEE half precision. */
  FP16(16, 16, 1),
  /** FP8 (E4M3) with per-tensor scales. */
  FP8(8, 8, 1),
  /**
   * FP8 (E4M3) with one FP32 scale per 128×128 weight block, as DeepSeek-V3 ships (DeepSeek-V3
   * technical report §3.3): 8 + 32/16384 bits per element.
   */
  FP8_BLOCK(8, 8 * 16384 + 32, 16384),
  /** 8-bit integer. */
  INT8(8, 8, 1),
  /** 4-bit integer (weight-only quantization, for example AWQ/GPTQ). */
  INT4(4, 4, 1),
  /** NVIDIA NVFP4: E2M1 elements with one FP8 scale per 16 elements: 4.5 bits per element. */
  NVFP4(4, 4 * 16 + 8, 16),
  /** OCP MXFP4: E2M1 elements with one E8M0 scale per 32 elements: 4.25 bits per element. */
  MXFP4(4, 4 * 32 + 8, 32);

  private final int bits;
  private final long storageBitsPerBlock;
  private final long elementsPerBlock;

  Precision(int bits, long storageBitsPerBlock, long elementsPerBlock) {
    this.bits = bits;
    this.storageBitsPerBlock = storageBitsPerBlock;
    this.elementsPerBlock = elementsPerBlock;
  }

  /** {@return the width of one element in bits, without block scales} */
  public int bits() {
    return bits;
  }

  /** {@return the storage cost of one element in bytes, block scales included} */
  public double bytesPerElement() {
    return storageBitsPerBlock / (8.0 * elementsPerBlock);
  }

  /**
   * {@return the bytes that {@code elements} elements occupy, block scales included, rounded up}
   *
   * @param elements the element count, {@code >= 0}
   * @throws ArithmeticException on overflow
   */
  public DataSize sizeOf(long elements) {
    if (elements < 0) {
      throw new IllegalArgumentException("elements must be >= 0, got '" + elements + "'");
    }
    long blocks = Math.multiplyExact(elements, storageBitsPerBlock);
    long denominator = 8 * elementsPerBlock;
    return DataSize.ofBytes((blocks + denominator - 1) / denominator);
  }

  /**
   * {@return the precision whose tensor-core peak an operator in this format runs at}
   *
   * <p>Block-scaled FP8 runs at the FP8 rate, MXFP4 and NVFP4 at the FP4 rate (listed as {@link
   * #NVFP4}), INT4 weight-only quantization dequantizes to BF16.
   */
  public Precision computeClass() {
    return switch (this) {
      case FP8_BLOCK -> FP8;
      case MXFP4 -> NVFP4;
      case INT4 -> BF16;
      default -> this;
    };
  }

  /**
   * {@return the lower-case name used in files and on the command line, for example "fp8-block"}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a precision id such as {@code "fp8"}, {@code "bf16"} or {@code "nvfp4"}, ignoring case.
   *
   * @param text the text
   * @return the precision
   * @throws AfdConfigurationException for an unknown precision, listing the known ones
   */
  public static Precision parse(String text) {
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Precision precision : values()) {
      if (precision.name().equals(normalized)) {
        return precision;
      }
    }
    throw new AfdConfigurationException(
        "Unknown precision '"
            + text
            + "'. Known precisions: "
            + Arrays.stream(values())
                .map(Precision::id)
                .sorted()
                .collect(Collectors.joining(", ", "[", "]")));
  }
}
