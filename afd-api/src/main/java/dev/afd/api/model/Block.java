package dev.afd.api.model;

import dev.afd.api.operator.OperatorSink;
import dev.afd.api.unit.Precision;
import java.util.Optional;

/**
 * One part of a layer (attention, MLA, DSA, Mamba2 mixer, dense FFN, MoE FFN, embedding, LM head)
 * that knows its parameters and KV footprint and turns a step into operators.
 *
 * <p>Built-in blocks are records in {@code dev.afd.api.model.block}; a model plugin may ship its
 * own block type, which must emit the standard operator vocabulary. Implementations are immutable
 * and thread-safe; {@link #emit} runs in the evaluation hot path.
 *
 * @since 0.1
 */
public interface Block {

  /** {@return the block kind, for example {@code "mla"} or {@code "moe"}} */
  String kind();

  /** {@return where the block runs under attention-FFN disaggregation} */
  BlockRole role();

  /** {@return every parameter of the block} */
  long parameterCount();

  /**
   * {@return parameters one token uses (routed experts: top-k of them); by default every parameter,
   * as in a dense block}
   */
  default long activeParameterCount() {
    return parameterCount();
  }

  /**
   * {@return the weight bytes one device holds under {@code sharding}, at the block's weight
   * precision}
   *
   * @param sharding the sharding
   */
  double weightBytesPerDevice(Sharding sharding);

  /** {@return the format the block's weights are stored in} */
  Precision weightPrecision();

  /**
   * {@return the KV-cache bytes one token adds to this block on one device (0 for blocks without a
   * cache)}
   *
   * @param sharding the sharding
   */
  default double kvBytesPerTokenPerDevice(Sharding sharding) {
    return 0;
  }

  /** {@return the KV-cache bytes one token adds to this block, unsharded} */
  default double kvBytesPerToken() {
    return kvBytesPerTokenPerDevice(Sharding.single());
  }

  /**
   * {@return fixed per-sequence state bytes on one device (Mamba2 state), 0 for most blocks}
   *
   * @param sharding the sharding
   */
  default double stateBytesPerSequencePerDevice(Sharding sharding) {
    return 0;
  }

  /**
   * Emits the operators of one step on one device.
   *
   * @param shape the step on one data-parallel rank (for FFN blocks: the tokens reaching the MoE
   *     group)
   * @param sharding the sharding
   * @param sink receives the operators
   */
  void emit(StepShape shape, Sharding sharding, OperatorSink sink);

  /**
   * {@return why the block cannot be split as {@code sharding} says, for example {@code "32
   * attention heads are not divisible by attention TP 5"}; empty when it can (the default)}
   *
   * <p>The explorer asks this of every block for each layout a strategy reports feasible, and turns
   * a result whose layout cannot be sharded infeasible. A block checks only the degrees that split
   * it: attention blocks the attention TP, MoE blocks the MoE TP and EP.
   *
   * @param sharding the sharding
   * @since 0.1
   */
  default Optional<String> shardingProblem(Sharding sharding) {
    return Optional.empty();
  }
}
