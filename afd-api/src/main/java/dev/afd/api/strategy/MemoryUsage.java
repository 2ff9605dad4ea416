package dev.afd.api.strategy;

import static java.util.Objects.requireNonNull;

import dev.afd.api.unit.DataSize;

/**
 * Memory on one device of a group (the fullest one).
 *
 * @param group the group, for example {@code "attention"}, {@code "ffn"}, {@code "prefill"}
 * @param weights weight bytes
 * @param kvCache KV cache (and Mamba state) bytes
 * @param activations activation bytes of the largest step
 * @param reserve runtime reserve (framework, CUDA graphs, communication buffers)
 * @param capacity device memory capacity
 * @since 0.1
 */
public record MemoryUsage(
    String group,
    DataSize weights,
    DataSize kvCache,
    DataSize activations,
    DataSize reserve,
    DataSize capacity) {

  /**
   * Validates the usage.
   *
   * @param group group
   * @param weights weights
   * @param kvCache KV
   * @param activations activations
   * @param reserve reserve
   * @param capacity capacity
   */
  public MemoryUsage {
    requireNonNull(group, "group");
    requireNonNull(weights, "weights");
    requireNonNull(kvCache, "kvCache");
    requireNonNull(activations, "activations");
    requireNonNull(reserve, "reserve");
    requireNonNull(capacity, "capacity");
  }

  /** {@return the total} */
  public DataSize total() {
    return weights.plus(kvCache).plus(activations).plus(reserve);
  }

  /** {@return whether the total fits in the capacity} */
  public boolean fits() {
    return total().bytes() <= capacity.bytes();
  }
}
