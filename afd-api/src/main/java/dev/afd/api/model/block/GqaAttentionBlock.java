package dev.afd.api.model.block;

import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.SequenceBatch;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.AttentionKind;
import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MemoryOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import dev.afd.api.unit.Precision;
import java.util.Optional;

/**
 * Grouped-query (or multi-head, when {@code kvHeads == heads}) attention with an optional sliding
 * window, attention sinks, per-head query/key RMSNorm and projection biases (Qwen3, Llama, gpt-oss,
 * Mixtral, MiniMax, Step).
 *
 * <p>Operators per step: input RMSNorm; the fused QKV projection {@code (T, (H_q + 2H_kv)·d / tp,
 * h)}; the query/key norms when present; one {@link AttentionOperator} of kind {@link
 * AttentionKind#GQA} per sequence batch (span = the window); the output projection {@code (T, h,
 * H_q·d / tp)}; the tensor-parallel all-reduce. Tensor parallelism shards query heads and KV heads,
 * replicating KV heads when {@code tp > kvHeads}. KV per token and layer: {@code 2·H_kv·d}
 * elements. Sinks (one logit per head, gpt-oss) and biases count as parameters; their FLOPs are
 * negligible and not emitted. Immutable and thread-safe.
 *
 * @param hiddenSize model hidden size {@code h}
 * @param heads query heads {@code H_q}
 * @param kvHeads key/value heads {@code H_kv}
 * @param headDim head dimension {@code d}
 * @param slidingWindow window {@code W} in tokens, 0 for full attention
 * @param attentionSinks whether each head has a learned sink logit
 * @param queryKeyNorm whether queries and keys get a per-head RMSNorm (Qwen3)
 * @param bias whether the projections have biases
 * @param weightPrecision projection weight format
 * @param kvCachePrecision KV-cache format
 * @param activationPrecision activation format
 * @since 0.1
 */
public record GqaAttentionBlock(
    int hiddenSize,
    int heads,
    int kvHeads,
    int headDim,
    long slidingWindow,
    boolean attentionSinks,
    boolean queryKeyNorm,
    boolean bias,
    Precision weightPrecision,
    Precision kvCachePrecision,
    Precision activationPrecision)
    implements Block {

  /**
   * Validates the block.
   *
   * @param hiddenSize hidden size
   * @param heads query heads
   * @param kvHeads KV heads
   * @param headDim head dimension
   * @param slidingWindow window, 0 for none
   * @param attentionSinks sinks
   * @param queryKeyNorm QK norm
   * @param bias biases
   * @param weightPrecision weight precision
   * @param kvCachePrecision KV precision
   * @param activationPrecision activation precision
   */
  public GqaAttentionBlock {
    BlockOperators.positive(hiddenSize, "GQA attention", "hiddenSize");
    BlockOperators.positive(heads, "GQA attention", "heads");
    BlockOperators.positive(kvHeads, "GQA attention", "kvHeads");
    BlockOperators.positive(headDim, "GQA attention", "headDim");
    BlockOperators.nonNegative(slidingWindow, "GQA attention", "slidingWindow");
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "GQA attention heads (" + heads + ") must be a multiple of kvHeads (" + kvHeads + ")");
    }
    BlockOperators.requirePrecisions(weightPrecision, kvCachePrecision, activationPrecision);
  }

  @Override
  public String kind() {
    return slidingWindow > 0 ? "gqa-sliding-window" : "gqa";
  }

  @Override
  public BlockRole role() {
    return BlockRole.MIXER;
  }

  private long projectionElements(long queryHeads, long keyValueHeads) {
    return (long) hiddenSize * (queryHeads + 2 * keyValueHeads) * headDim
        + queryHeads * headDim * (long) hiddenSize;
  }

  private long smallVectorParameters() {
    long small = hiddenSize; // input RMSNorm
    if (bias) {
      small += (long) (heads + 2 * kvHeads) * headDim + hiddenSize;
    }
    if (queryKeyNorm) {
      small += 2L * headDim;
    }
    if (attentionSinks) {
      small += heads;
    }
    return small;
  }

  @Override
  public long parameterCount() {
    return projectionElements(heads, kvHeads) + smallVectorParameters();
  }

  /**
   * {@return query heads on one device}
   *
   * @param sharding the sharding
   */
  public int headsPerDevice(Sharding sharding) {
    return BlockOperators.ceilDiv(heads, sharding.attentionTensorParallel());
  }

  /**
   * {@return KV heads on one device: sharded, or replicated once TP exceeds them}
   *
   * @param sharding the sharding
   */
  public int kvHeadsPerDevice(Sharding sharding) {
    return BlockOperators.ceilDiv(kvHeads, sharding.attentionTensorParallel());
  }

  @Override
  public double weightBytesPerDevice(Sharding sharding) {
    return projectionElements(headsPerDevice(sharding), kvHeadsPerDevice(sharding))
            * weightPrecision.bytesPerElement()
        + smallVectorParameters() * BlockOperators.SMALL_VECTOR_BYTES;
  }

  @Override
  public double kvBytesPerTokenPerDevice(Sharding sharding) {
    return 2.0 * kvHeadsPerDevice(sharding) * headDim * kvCachePrecision.bytesPerElement();
  }

  /** {@inheritDoc} Query heads must divide by the attention TP; KV heads divide it or by it. */
  @Override
  public Optional<String> shardingProblem(Sharding sharding) {
    int tp = sharding.attentionTensorParallel();
    Optional<String> problem = BlockOperators.headsProblem(heads, "attention", sharding);
    if (problem.isPresent()) {
      return problem;
    }
    if (kvHeads % tp != 0 && tp % kvHeads != 0) {
      return Optional.of(
          kvHeads + " KV heads and attention TP " + tp + " do not divide one another");
    }
    return Optional.empty();
  }

  @Override
  public void emit(StepShape shape, Sharding sharding, OperatorSink sink) {
    long tokens = shape.tokens();
    int headsHere = headsPerDevice(sharding);
    int kvHeadsHere = kvHeadsPerDevice(sharding);
    BlockOperators.norm(sink, "input_norm", tokens, hiddenSize, activationPrecision);
    sink.accept(
        OperatorGroup.ATTENTION,
        GemmOperator.linear(
            "qkv_proj",
            tokens,
            (long) (headsHere + 2 * kvHeadsHere) * headDim,
            hiddenSize,
            weightPrecision,
            activationPrecision));
    if (queryKeyNorm) {
      double elements = tokens * (double) (headsHere + kvHeadsHere) * headDim;
      sink.accept(
          OperatorGroup.NORM,
          new MemoryOperator(
              "qk_norm",
              2.0 * elements * activationPrecision.bytesPerElement()
                  + 2.0 * headDim * BlockOperators.SMALL_VECTOR_BYTES,
              4.0 * elements));
    }
    double kvBytesPerToken = kvBytesPerTokenPerDevice(sharding);
    for (SequenceBatch batch : shape.batches()) {
      sink.accept(
          OperatorGroup.ATTENTION,
          new AttentionOperator(
              "attention",
              AttentionKind.GQA,
              batch.sequences(),
              batch.newTokens(),
              batch.cachedTokens(),
              headsHere,
              kvHeadsHere,
              headDim,
              headDim,
              slidingWindow,
              kvBytesPerToken,
              kvCachePrecision,
              activationPrecision));
    }
    BlockOperators.attentionOutput(
        sink,
        "o_proj",
        tokens,
        hiddenSize,
        (long) headsHere * headDim,
        weightPrecision,
        activationPrecision,
        sharding);
  }
}
