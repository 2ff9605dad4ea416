package dev.afd.api.operator;

/**
 * Receives the operators a block emits for one step.
 *
 * <p>Implemented by cost accumulators in the engine and strategies; called from one thread per
 * emission.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface OperatorSink {
  /**
   * Accepts one operator.
   *
   * @param group the part of the layer it belongs to
   * @param operator the operator
   */
  void accept(OperatorGroup group, Operator operator);
}
