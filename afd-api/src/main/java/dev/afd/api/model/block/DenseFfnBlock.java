package dev.afd.api.model.block;

import static java.util.Objects.requireNonNull;

import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import dev.afd.api.unit.Precision;

/**
 * A dense feed-forward layer (dense models, the first-k dense layers of MoE models, Llama-4's
 * interleaved dense layers).
 *
 * <p>Gated (SwiGLU: gate, up, down, {@code 3·h·I} weights) or plain ({@code 2·h·I}). Operators per
 * step: the pre-FFN RMSNorm, the fused gate/up projection {@code (t, 2I/tp, h)} (or up {@code (t,
 * I/tp, h)}), the down projection {@code (t, h, I/tp)} and the tensor-parallel all-reduce, where
 * {@code t = ceil(T / expertParallel)} tokens and {@code tp} the MoE tensor-parallel degree: the
 * layer is sharded like the MoE layer's shared experts and replicated across expert-parallel ranks.
 * Immutable and thread-safe.
 *
 * @param hiddenSize model hidden size {@code h}
 * @param intermediateSize intermediate size {@code I}
 * @param gated whether the layer is gated (three matrices)
 * @param weightPrecision weight format
 * @param activationPrecision activation format
 * @since 0.1
 */
public record DenseFfnBlock(
    int hiddenSize,
    int intermediateSize,
    boolean gated,
    Precision weightPrecision,
    Precision activationPrecision)
    implements Block {

  /**
   * Validates the block.
   *
   * @param hiddenSize hidden size
   * @param intermediateSize intermediate size
   * @param gated gated
   * @param weightPrecision weight precision
   * @param activationPrecision activation precision
   */
  public DenseFfnBlock {
    BlockOperators.positive(hiddenSize, "dense FFN", "hiddenSize");
    BlockOperators.positive(intermediateSize, "dense FFN", "intermediateSize");
    requireNonNull(weightPrecision, "weightPrecision");
    requireNonNull(activationPrecision, "activationPrecision");
  }

  @Override
  public String kind() {
    return "dense-ffn";
  }

  @Override
  public BlockRole role() {
    return BlockRole.FEED_FORWARD;
  }

  private int matrices() {
    return gated ? 3 : 2;
  }

  @Override
  public long parameterCount() {
    return (long) matrices() * hiddenSize * intermediateSize + hiddenSize;
  }

  @Override
  public double weightBytesPerDevice(Sharding sharding) {
    long intermediateHere = BlockOperators.ceilDiv(intermediateSize, sharding.moeTensorParallel());
    return (double) matrices() * hiddenSize * intermediateHere * weightPrecision.bytesPerElement()
        + hiddenSize * BlockOperators.SMALL_VECTOR_BYTES;
  }

  @Override
  public void emit(StepShape shape, Sharding sharding, OperatorSink sink) {
    long tokens = BlockOperators.ceilDiv(shape.tokens(), sharding.expertParallel());
    int tensorParallel = sharding.moeTensorParallel();
    long intermediateHere = BlockOperators.ceilDiv(intermediateSize, tensorParallel);
    BlockOperators.norm(sink, "ffn_norm", tokens, hiddenSize, activationPrecision);
    sink.accept(
        OperatorGroup.DENSE_FFN,
        GemmOperator.linear(
            gated ? "gate_up_proj" : "up_proj",
            tokens,
            (gated ? 2 : 1) * intermediateHere,
            hiddenSize,
            weightPrecision,
            activationPrecision));
    sink.accept(
        OperatorGroup.DENSE_FFN,
        GemmOperator.linear(
            "down_proj",
            tokens,
            hiddenSize,
            intermediateHere,
            weightPrecision,
            activationPrecision));
    BlockOperators.ffnAllReduce(sink, tokens, hiddenSize, activationPrecision, tensorParallel);
  }
}
