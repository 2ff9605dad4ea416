package dev.afd.api.operator;

import static java.util.Objects.requireNonNull;

import dev.afd.api.network.CollectiveKind;
import dev.afd.api.unit.Precision;

/**
 * A collective inside one parallel group, emitted by blocks and priced by a network model once a
 * strategy has placed the group.
 *
 * @param name short name
 * @param kind the collective
 * @param scope which parallel group runs it
 * @param bytes the buffer size per device in bytes (for all-to-all: what one device sends in all)
 * @param groupSize devices in the group, {@code >= 1}; 1 means no communication
 * @since 0.1
 */
public record CollectiveOperator(
    String name, CollectiveKind kind, ParallelScope scope, double bytes, int groupSize)
    implements Operator {

  /**
   * Validates the collective.
   *
   * @param name name
   * @param kind kind
   * @param scope scope
   * @param bytes bytes
   * @param groupSize group size
   */
  public CollectiveOperator {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(scope, "scope");
    if (!(bytes >= 0) || groupSize < 1) {
      throw new IllegalArgumentException(
          "collective '" + name + "' needs bytes >= 0 and groupSize >= 1");
    }
  }

  @Override
  public double flops() {
    return 0;
  }

  @Override
  public double memoryBytes() {
    return 0;
  }

  @Override
  public Precision computePrecision() {
    return Precision.BF16;
  }
}
