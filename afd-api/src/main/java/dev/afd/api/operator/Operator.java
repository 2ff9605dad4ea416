package dev.afd.api.operator;

import dev.afd.api.unit.Precision;

/**
 * One kernel of a model step on one device, with its exact work and traffic.
 *
 * <p>The vocabulary is closed so that every cost model can price every operator; a new architecture
 * expresses itself in these operators. Quantities are primitive doubles in SI base units because
 * operators are created in the evaluation hot path.
 *
 * @since 0.1
 */
public sealed interface Operator
    permits GemmOperator,
        MoeOperator,
        AttentionOperator,
        StateSpaceOperator,
        MemoryOperator,
        CollectiveOperator {

  /** {@return a short name for breakdowns, for example {@code "q_b_proj"}} */
  String name();

  /** {@return floating-point operations on one device} */
  double flops();

  /** {@return bytes read and written in device memory on one device} */
  double memoryBytes();

  /** {@return the precision whose tensor-core rate the arithmetic runs at} */
  Precision computePrecision();
}
