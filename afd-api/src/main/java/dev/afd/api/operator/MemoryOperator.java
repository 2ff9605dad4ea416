package dev.afd.api.operator;

import static java.util.Objects.requireNonNull;

import dev.afd.api.unit.Precision;

/**
 * A memory-bound kernel (norm, residual add, activation, embedding gather) given by its bytes and
 * FLOPs.
 *
 * @param name short name
 * @param memoryBytes bytes read and written
 * @param flops floating-point operations
 * @since 0.1
 */
public record MemoryOperator(String name, double memoryBytes, double flops) implements Operator {

  /**
   * Validates the operator.
   *
   * @param name name
   * @param memoryBytes bytes
   * @param flops FLOPs
   */
  public MemoryOperator {
    requireNonNull(name, "name");
    if (!(memoryBytes >= 0) || !(flops >= 0)) {
      throw new IllegalArgumentException("memory operator '" + name + "' needs bytes, FLOPs >= 0");
    }
  }

  @Override
  public Precision computePrecision() {
    return Precision.BF16;
  }
}
