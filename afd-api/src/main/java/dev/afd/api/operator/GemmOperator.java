package dev.afd.api.operator;

import static java.util.Objects.requireNonNull;

import dev.afd.api.unit.Precision;

/**
 * A (batched) matrix multiply {@code [m × k] · [k × n]}, repeated {@code batch} times with distinct
 * weights (a batched GEMM such as MLA's per-head absorption; 1 for a plain linear layer).
 *
 * <p>FLOPs {@code 2·batch·m·n·k}; bytes: weights {@code batch·n·k} at the weight precision, input
 * {@code batch·m·k} and output {@code batch·m·n} at the activation precision.
 *
 * @param name short name
 * @param batch independent multiplies, {@code >= 1}
 * @param m rows (tokens), {@code >= 1}
 * @param n output features, {@code >= 1}
 * @param k input features, {@code >= 1}
 * @param weightPrecision storage format of the weights; also the compute format when it is FP8 or
 *     FP4
 * @param activationPrecision format of inputs and outputs
 * @since 0.1
 */
public record GemmOperator(
    String name,
    long batch,
    long m,
    long n,
    long k,
    Precision weightPrecision,
    Precision activationPrecision)
    implements Operator {

  /**
   * Validates the shape.
   *
   * @param name name
   * @param batch batch
   * @param m m
   * @param n n
   * @param k k
   * @param weightPrecision weight precision
   * @param activationPrecision activation precision
   */
  public GemmOperator {
    requireNonNull(name, "name");
    requireNonNull(weightPrecision, "weightPrecision");
    requireNonNull(activationPrecision, "activationPrecision");
    if (batch < 1 || m < 1 || n < 1 || k < 1) {
      throw new IllegalArgumentException(
          "GEMM '"
              + name
              + "' needs batch, m, n, k >= 1, got "
              + batch
              + ", "
              + m
              + ", "
              + n
              + ", "
              + k);
    }
  }

  /**
   * {@return a plain linear layer}
   *
   * @param name name
   * @param m tokens
   * @param n output features
   * @param k input features
   * @param weightPrecision weight precision
   * @param activationPrecision activation precision
   */
  public static GemmOperator linear(
      String name,
      long m,
      long n,
      long k,
      Precision weightPrecision,
      Precision activationPrecision) {
    return new GemmOperator(name, 1, m, n, k, weightPrecision, activationPrecision);
  }

  @Override
  public double flops() {
    return 2.0 * batch * m * n * k;
  }

  @Override
  public double memoryBytes() {
    return batch
        * (n * (double) k * weightPrecision.bytesPerElement()
            + (m * (double) k + m * (double) n) * activationPrecision.bytesPerElement());
  }

  /** {@return the weight bytes alone} */
  public double weightBytes() {
    return batch * n * (double) k * weightPrecision.bytesPerElement();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The lower of weight and activation precision when both are low-precision formats; a
   * BF16-activation GEMM with FP8 weights runs as FP8 in the serving engines afd models (they
   * quantize activations on the fly).
   */
  @Override
  public Precision computePrecision() {
    return weightPrecision.bits() <= 8 && weightPrecision != Precision.INT4
        ? weightPrecision.computeClass()
        : weightPrecision.bits() < activationPrecision.bits()
            ? weightPrecision.computeClass()
            : activationPrecision.computeClass();
  }
}
