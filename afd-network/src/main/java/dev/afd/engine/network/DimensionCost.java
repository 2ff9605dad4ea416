package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.hardware.DimensionKind;

/**
 * The share of one network dimension in a communication time.
 *
 * @param dimension the dimension's name, {@code "cross-system"} for the cluster fabric
 * @param kind the dimension's kind
 * @param span how many positions of this dimension the group spans
 * @param latencySeconds the latency (α) terms paid in this dimension, in seconds
 * @param bandwidthSeconds the bandwidth (β) terms paid in this dimension, in seconds
 * @param bytesPerDevice the bytes one device sends over this dimension
 */
public record DimensionCost(
    String dimension,
    DimensionKind kind,
    int span,
    double latencySeconds,
    double bandwidthSeconds,
    double bytesPerDevice) {

  /**
   * Validates the record.
   *
   * @param dimension dimension
   * @param kind kind
   * @param span span
   * @param latencySeconds latency
   * @param bandwidthSeconds bandwidth time
   * @param bytesPerDevice bytes
   */
  public DimensionCost {
    requireNonNull(dimension, "dimension");
    requireNonNull(kind, "kind");
  }

  /** {@return latency plus bandwidth seconds} */
  public double seconds() {
    return latencySeconds + bandwidthSeconds;
  }
}
