package dev.afd.api.model;

/**
 * How one replica of the model is split over devices.
 *
 * <p>Attention runs on {@code attentionTensorParallel × attentionDataParallel} devices, each
 * data-parallel rank with its own sequences; the MoE layer on {@code moeTensorParallel ×
 * expertParallel} devices. Aggregated serving requires the two widths to be equal; AFD does not.
 *
 * @param attentionTensorParallel attention TP degree
 * @param attentionDataParallel attention DP degree
 * @param moeTensorParallel MoE (and dense FFN) TP degree
 * @param expertParallel expert-parallel degree
 * @param expertLoadImbalance busiest expert device's load over the mean, {@code >= 1}; 1 is
 *     perfectly balanced routing
 * @since 0.1
 */
public record Sharding(
    int attentionTensorParallel,
    int attentionDataParallel,
    int moeTensorParallel,
    int expertParallel,
    double expertLoadImbalance) {

  /**
   * Validates the sharding.
   *
   * @param attentionTensorParallel TP
   * @param attentionDataParallel DP
   * @param moeTensorParallel MoE TP
   * @param expertParallel EP
   * @param expertLoadImbalance imbalance
   */
  public Sharding {
    if (attentionTensorParallel < 1
        || attentionDataParallel < 1
        || moeTensorParallel < 1
        || expertParallel < 1) {
      throw new IllegalArgumentException(
          "sharding degrees must be >= 1, got tp="
              + attentionTensorParallel
              + " dp="
              + attentionDataParallel
              + " moe-tp="
              + moeTensorParallel
              + " ep="
              + expertParallel);
    }
    if (!(expertLoadImbalance >= 1) || !Double.isFinite(expertLoadImbalance)) {
      throw new IllegalArgumentException(
          "expertLoadImbalance must be finite and >= 1, got '" + expertLoadImbalance + "'");
    }
  }

  /** {@return a single device} */
  public static Sharding single() {
    return new Sharding(1, 1, 1, 1, 1);
  }

  /**
   * {@return pure tensor parallelism of degree {@code tp} for attention and FFN}
   *
   * @param tp degree
   */
  public static Sharding tensorParallel(int tp) {
    return new Sharding(tp, 1, tp, 1, 1);
  }

  /** {@return attention devices: TP × DP} */
  public int attentionDevices() {
    return attentionTensorParallel * attentionDataParallel;
  }

  /** {@return MoE devices: MoE TP × EP} */
  public int moeDevices() {
    return moeTensorParallel * expertParallel;
  }

  /**
   * {@return a copy with another load imbalance}
   *
   * @param imbalance the imbalance
   */
  public Sharding withExpertLoadImbalance(double imbalance) {
    return new Sharding(
        attentionTensorParallel,
        attentionDataParallel,
        moeTensorParallel,
        expertParallel,
        imbalance);
  }
}
