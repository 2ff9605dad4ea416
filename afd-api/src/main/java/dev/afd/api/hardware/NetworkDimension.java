package dev.afd.api.hardware;

import static java.util.Objects.requireNonNull;

import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.TimeSpan;

/**
 * One dimension of a multi-dimensional network, innermost first (as in ASTRA-sim): for example an
 * 8-GPU NVLink switch, then InfiniBand between nodes.
 *
 * @param name a short name, for example {@code "nvlink"} or {@code "infiniband"}
 * @param kind how the devices of this dimension are joined
 * @param size how many units of the next-inner level this dimension joins, {@code >= 1}
 * @param bandwidthPerDirection bandwidth per device per direction in this dimension, {@code > 0}
 * @param latency one-hop latency (α) of this dimension
 * @since 0.1
 */
public record NetworkDimension(
    String name, DimensionKind kind, int size, ByteRate bandwidthPerDirection, TimeSpan latency) {

  /**
   * Validates the dimension.
   *
   * @param name the name
   * @param kind the kind
   * @param size the size
   * @param bandwidthPerDirection the bandwidth
   * @param latency the latency
   */
  public NetworkDimension {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(bandwidthPerDirection, "bandwidthPerDirection");
    requireNonNull(latency, "latency");
    if (size < 1) {
      throw new IllegalArgumentException(
          "size of network dimension '" + name + "' must be >= 1, got '" + size + "'");
    }
    if (bandwidthPerDirection.bytesPerSecond() <= 0) {
      throw new IllegalArgumentException(
          "bandwidthPerDirection of network dimension '" + name + "' must be > 0, got '0 B/s'");
    }
  }

  /**
   * {@return a copy with another size}
   *
   * @param newSize the size
   */
  public NetworkDimension withSize(int newSize) {
    return new NetworkDimension(name, kind, newSize, bandwidthPerDirection, latency);
  }
}
