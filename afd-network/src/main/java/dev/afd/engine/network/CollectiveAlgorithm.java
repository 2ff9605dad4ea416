package dev.afd.engine.network;

import java.util.Locale;

/** How a collective moves its bytes. */
public enum CollectiveAlgorithm {
  /**
   * A (bidirectional) ring over all devices of the group; across several dimensions every step runs
   * at the slowest dimension's latency and bandwidth.
   */
  RING,
  /**
   * One phase per network dimension: reduce-scatter inward, the reduction across the outer
   * dimensions on the reduced shard, all-gather back out (NCCL's tree/hierarchical and the 2D
   * algorithms); for all-to-all, one shuffle per dimension.
   */
  HIERARCHICAL,
  /** Every device sends straight to every other (all-to-all on a switch or full mesh). */
  DIRECT;

  /** {@return the lower-case id} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
