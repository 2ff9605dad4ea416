package dev.afd.api.cost;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.operator.Operator;

/**
 * Prices operators on an accelerator: measured tables where they cover the shape, the roofline
 * elsewhere.
 *
 * <p>The engine builds one and hands it to strategies through {@link dev.afd.spi.StrategyContext}.
 * Implementations are immutable and thread-safe and are called in the evaluation hot path.
 * Collectives are priced by a {@link dev.afd.api.network.NetworkModel}, not here.
 *
 * @since 0.1
 */
public interface KernelCostModel {

  /** {@return the model's id, for example {@code "roofline"} or {@code "measured"}} */
  String id();

  /**
   * Prices one operator.
   *
   * @param operator the operator (never a collective)
   * @param accelerator the accelerator it runs on
   * @return the time and its fidelity
   */
  OperatorTime time(Operator operator, AcceleratorSpec accelerator);

  /**
   * Prices a collective from a measured collective kernel, where the model has one for it (for
   * example TensorRT-LLM's NVLink all-reduce inside a node); otherwise empty and the network model
   * prices it. The default has none.
   *
   * @param collective the collective
   * @param accelerator the accelerator it runs on
   * @return the measured time, or empty
   * @since 0.1
   */
  default java.util.Optional<OperatorTime> measuredCollective(
      dev.afd.api.operator.CollectiveOperator collective, AcceleratorSpec accelerator) {
    return java.util.Optional.empty();
  }
}
