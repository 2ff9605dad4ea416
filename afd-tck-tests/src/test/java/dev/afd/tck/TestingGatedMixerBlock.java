package dev.afd.tck;

import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.SequenceBatch;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MemoryOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import dev.afd.api.operator.ParallelScope;
import dev.afd.api.unit.Precision;

/**
 * A block type that is not in {@code dev.afd.api.model.block}, as a model plugin would ship: a
 * gated linear token mixer (two projections, an elementwise gate, an output projection, and an
 * all-reduce across attention tensor parallelism), with a fixed state per sequence and no KV cache.
 *
 * @param hiddenSize model hidden size
 * @param stateSize per-sequence state elements
 */
record TestingGatedMixerBlock(int hiddenSize, int stateSize) implements Block {
  private static final Precision PRECISION = Precision.BF16;

  @Override
  public String kind() {
    return "testing-gated-mixer";
  }

  @Override
  public BlockRole role() {
    return BlockRole.MIXER;
  }

  @Override
  public long parameterCount() {
    return 3L * hiddenSize * hiddenSize;
  }

  @Override
  public long activeParameterCount() {
    return parameterCount();
  }

  @Override
  public double weightBytesPerDevice(Sharding sharding) {
    return PRECISION.bytesPerElement() * parameterCount() / sharding.attentionTensorParallel();
  }

  @Override
  public Precision weightPrecision() {
    return PRECISION;
  }

  @Override
  public double stateBytesPerSequencePerDevice(Sharding sharding) {
    return PRECISION.bytesPerElement() * stateSize / sharding.attentionTensorParallel();
  }

  @Override
  public void emit(StepShape shape, Sharding sharding, OperatorSink sink) {
    int tp = sharding.attentionTensorParallel();
    long tokens = shape.tokens();
    long shard = Math.max(1, hiddenSize / tp);
    sink.accept(
        OperatorGroup.ATTENTION,
        GemmOperator.linear("gated_in_proj", tokens, 2 * shard, hiddenSize, PRECISION, PRECISION));
    double stateBytes = 0;
    for (SequenceBatch batch : shape.batches()) {
      stateBytes += batch.sequences() * stateBytesPerSequencePerDevice(sharding);
    }
    sink.accept(
        OperatorGroup.ATTENTION,
        new MemoryOperator(
            "gated_state_update",
            2 * stateBytes + 3 * tokens * shard * PRECISION.bytesPerElement(),
            4.0 * tokens * shard));
    sink.accept(
        OperatorGroup.ATTENTION,
        GemmOperator.linear("gated_out_proj", tokens, hiddenSize, shard, PRECISION, PRECISION));
    sink.accept(
        OperatorGroup.COMMUNICATION,
        new CollectiveOperator(
            "gated_all_reduce",
            CollectiveKind.ALL_REDUCE,
            ParallelScope.ATTENTION_TENSOR,
            tokens * (double) hiddenSize * PRECISION.bytesPerElement(),
            tp));
  }
}
