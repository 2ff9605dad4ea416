package dev.afd.api.operator;

import static java.util.Objects.requireNonNull;

import dev.afd.api.unit.Precision;

/**
 * The routed experts of one MoE layer on the busiest device of an expert-parallel group.
 *
 * <p>{@code tokens} routed tokens reach the group; each picks {@code topK} of {@code expertCount}
 * experts. A device holds {@code expertCount / expertParallel} experts, each sharded {@code
 * tensorParallel} ways on the intermediate dimension. Under uniform routing a device serves {@code
 * tokens·topK / expertParallel} token-expert pairs and touches {@code e·(1 − (1 − topK/E)^tokens)}
 * of its {@code e} experts; the busiest device serves {@code loadImbalance} times the mean. Gated
 * experts have three matrices (gate, up, down), plain ones two.
 *
 * @param name short name
 * @param tokens routed tokens reaching the expert-parallel group, {@code >= 1}
 * @param hiddenSize model hidden size (or the latent size for latent MoE)
 * @param intermediateSize expert intermediate size, before tensor-parallel sharding
 * @param topK experts per token
 * @param expertCount routed experts
 * @param tensorParallel MoE tensor-parallel degree
 * @param expertParallel expert-parallel degree
 * @param gated whether experts are gated (three matrices)
 * @param loadImbalance busiest device's load over the mean, {@code >= 1}
 * @param weightPrecision expert weight format
 * @param activationPrecision activation format
 * @since 0.1
 */
public record MoeOperator(
    String name,
    long tokens,
    long hiddenSize,
    long intermediateSize,
    int topK,
    int expertCount,
    int tensorParallel,
    int expertParallel,
    boolean gated,
    double loadImbalance,
    Precision weightPrecision,
    Precision activationPrecision)
    implements Operator {

  /**
   * Validates the shape.
   *
   * @param name name
   * @param tokens tokens
   * @param hiddenSize hidden size
   * @param intermediateSize intermediate size
   * @param topK top-k
   * @param expertCount experts
   * @param tensorParallel MoE TP
   * @param expertParallel EP
   * @param gated gated
   * @param loadImbalance imbalance
   * @param weightPrecision weight precision
   * @param activationPrecision activation precision
   */
  public MoeOperator {
    requireNonNull(name, "name");
    requireNonNull(weightPrecision, "weightPrecision");
    requireNonNull(activationPrecision, "activationPrecision");
    if (tokens < 1 || hiddenSize < 1 || intermediateSize < 1 || topK < 1 || expertCount < topK) {
      throw new IllegalArgumentException(
          "MoE '" + name + "' needs tokens, sizes >= 1 and 1 <= topK <= expertCount");
    }
    if (tensorParallel < 1 || expertParallel < 1 || expertParallel > expertCount) {
      throw new IllegalArgumentException(
          "MoE '"
              + name
              + "' needs tensorParallel >= 1 and 1 <= expertParallel <= expertCount ("
              + expertCount
              + "), got "
              + tensorParallel
              + " and "
              + expertParallel);
    }
    if (!(loadImbalance >= 1) || !Double.isFinite(loadImbalance)) {
      throw new IllegalArgumentException(
          "loadImbalance must be finite and >= 1, got '" + loadImbalance + "'");
    }
  }

  /** {@return experts held by one device} */
  public double expertsPerDevice() {
    return expertCount / (double) expertParallel;
  }

  /** {@return token-expert pairs the busiest device computes} */
  public double pairsOnBusiestDevice() {
    return tokens * (double) topK / expertParallel * loadImbalance;
  }

  /** {@return expected distinct experts the busiest device reads, never more than pairs} */
  public double expertsTouched() {
    double perExpertMiss = Math.pow(1.0 - topK / (double) expertCount, (double) tokens);
    double touched = expertsPerDevice() * (1.0 - perExpertMiss);
    return Math.min(Math.max(touched, Math.min(1.0, expertsPerDevice())), pairsOnBusiestDevice());
  }

  private double matrices() {
    return gated ? 3 : 2;
  }

  /** {@return weight elements of one expert on one device} */
  public double weightElementsPerExpert() {
    return matrices() * hiddenSize * (intermediateSize / (double) tensorParallel);
  }

  @Override
  public double flops() {
    return 2.0 * pairsOnBusiestDevice() * weightElementsPerExpert();
  }

  @Override
  public double memoryBytes() {
    double weights =
        expertsTouched() * weightElementsPerExpert() * weightPrecision.bytesPerElement();
    double activations =
        pairsOnBusiestDevice()
            * (2.0 * hiddenSize + 2.0 * intermediateSize / tensorParallel)
            * activationPrecision.bytesPerElement();
    return weights + activations;
  }

  @Override
  public Precision computePrecision() {
    return weightPrecision == Precision.INT4 ? Precision.BF16 : weightPrecision.computeClass();
  }
}
