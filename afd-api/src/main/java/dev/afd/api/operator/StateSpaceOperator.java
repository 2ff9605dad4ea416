package dev.afd.api.operator;

import static java.util.Objects.requireNonNull;

import dev.afd.api.unit.Precision;

/**
 * A Mamba2 selective-state-space scan (with its short convolution) over {@code sequences} identical
 * sequences on one device; in/out projections are separate {@link GemmOperator}s.
 *
 * <p>Per new token and head: the state {@code headDim × stateSize} is decayed, updated with an
 * outer product and read out: {@code 6·headDim·stateSize} FLOPs, plus the causal convolution {@code
 * 2·convolutionWidth·channels}. Bytes: the FP32 state read and written once per sequence and step,
 * and the token activations.
 *
 * @param name short name
 * @param sequences sequences, {@code >= 1}
 * @param newTokens new tokens per sequence, {@code >= 1}
 * @param heads SSM heads on this device
 * @param headDim head dimension
 * @param stateSize state size per head
 * @param convolutionChannels channels of the causal convolution on this device
 * @param convolutionWidth convolution kernel width
 * @param activationPrecision activation format
 * @since 0.1
 */
public record StateSpaceOperator(
    String name,
    long sequences,
    long newTokens,
    int heads,
    int headDim,
    int stateSize,
    int convolutionChannels,
    int convolutionWidth,
    Precision activationPrecision)
    implements Operator {

  /**
   * Validates the shape.
   *
   * @param name name
   * @param sequences sequences
   * @param newTokens new tokens
   * @param heads heads
   * @param headDim head dim
   * @param stateSize state size
   * @param convolutionChannels conv channels
   * @param convolutionWidth conv width
   * @param activationPrecision activation precision
   */
  public StateSpaceOperator {
    requireNonNull(name, "name");
    requireNonNull(activationPrecision, "activationPrecision");
    if (sequences < 1 || newTokens < 1 || heads < 1 || headDim < 1 || stateSize < 1) {
      throw new IllegalArgumentException("state-space scan '" + name + "' needs sizes >= 1");
    }
  }

  /** {@return bytes of the FP32 recurrent state per sequence on this device} */
  public double stateBytesPerSequence() {
    return 4.0 * heads * headDim * stateSize;
  }

  @Override
  public double flops() {
    double tokens = sequences * (double) newTokens;
    return tokens
        * (6.0 * heads * headDim * stateSize + 2.0 * convolutionWidth * convolutionChannels);
  }

  @Override
  public double memoryBytes() {
    double tokens = sequences * (double) newTokens;
    return sequences * 2.0 * stateBytesPerSequence()
        + tokens * 2.0 * convolutionChannels * activationPrecision.bytesPerElement();
  }

  @Override
  public Precision computePrecision() {
    return Precision.FP32;
  }
}
