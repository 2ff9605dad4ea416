package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.network.CollectiveKind;
import java.util.List;

/**
 * The analytical price of one collective, decomposed.
 *
 * @param kind the collective
 * @param algorithm the algorithm that was fastest
 * @param overheadSeconds the fixed overhead, in seconds
 * @param latencySeconds the latency (α) part, in seconds
 * @param bandwidthSeconds the bandwidth part at the model's efficiency, in seconds
 * @param dimensions the per-dimension shares, innermost first, only dimensions the group spans
 */
public record CollectiveCost(
    CollectiveKind kind,
    CollectiveAlgorithm algorithm,
    double overheadSeconds,
    double latencySeconds,
    double bandwidthSeconds,
    List<DimensionCost> dimensions) {

  /**
   * Validates the record.
   *
   * @param kind kind
   * @param algorithm algorithm
   * @param overheadSeconds overhead
   * @param latencySeconds latency
   * @param bandwidthSeconds bandwidth time
   * @param dimensions shares
   */
  public CollectiveCost {
    requireNonNull(kind, "kind");
    requireNonNull(algorithm, "algorithm");
    dimensions = List.copyOf(dimensions);
  }

  /** {@return the total time in seconds} */
  public double seconds() {
    return overheadSeconds + latencySeconds + bandwidthSeconds;
  }
}
