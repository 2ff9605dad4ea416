package dev.afd.api.model.block;

import static java.util.Objects.requireNonNull;

import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import dev.afd.api.operator.ParallelScope;
import dev.afd.api.unit.Precision;

/**
 * The final RMSNorm and the LM-head GEMM {@code h × V}, vocabulary-parallel over the attention
 * tensor-parallel ranks.
 *
 * <p>Only the last token of each sequence produces logits, so one step emits the norm and the GEMM
 * for {@code m = sequences} rows, then under tensor parallelism an all-gather of the {@code m·V}
 * FP32 logits. With tied embeddings the head reuses the embedding table: it adds no parameters and
 * no weight bytes (publishers count tied weights once). Whether the head counts as active follows
 * the publisher, as for {@link EmbeddingBlock}. Immutable and thread-safe.
 *
 * @param vocabularySize vocabulary size {@code V}
 * @param hiddenSize model hidden size {@code h}
 * @param tiedToEmbedding whether the head shares the embedding table
 * @param weightPrecision head weight format
 * @param activationPrecision activation format
 * @param countedActive whether the publisher counts the head in active parameters
 * @since 0.1
 */
public record LmHeadBlock(
    int vocabularySize,
    int hiddenSize,
    boolean tiedToEmbedding,
    Precision weightPrecision,
    Precision activationPrecision,
    boolean countedActive)
    implements Block {

  /** Bytes of one logit: the head writes FP32 logits. */
  private static final double LOGIT_BYTES = 4.0;

  /**
   * Validates the block.
   *
   * @param vocabularySize vocabulary size
   * @param hiddenSize hidden size
   * @param tiedToEmbedding tied to the embedding
   * @param weightPrecision weight precision
   * @param activationPrecision activation precision
   * @param countedActive counted as active
   */
  public LmHeadBlock {
    BlockOperators.positive(vocabularySize, "LM head", "vocabularySize");
    BlockOperators.positive(hiddenSize, "LM head", "hiddenSize");
    requireNonNull(weightPrecision, "weightPrecision");
    requireNonNull(activationPrecision, "activationPrecision");
  }

  @Override
  public String kind() {
    return "lm-head";
  }

  @Override
  public BlockRole role() {
    return BlockRole.EDGE;
  }

  private long headElements() {
    return (long) vocabularySize * hiddenSize;
  }

  @Override
  public long parameterCount() {
    return hiddenSize + (tiedToEmbedding ? 0 : headElements());
  }

  @Override
  public long activeParameterCount() {
    return hiddenSize + (countedActive ? headElements() : 0);
  }

  @Override
  public double weightBytesPerDevice(Sharding sharding) {
    double head =
        tiedToEmbedding
            ? 0
            : BlockOperators.ceilDiv(vocabularySize, sharding.attentionTensorParallel())
                * (double) hiddenSize
                * weightPrecision.bytesPerElement();
    return head + hiddenSize * BlockOperators.SMALL_VECTOR_BYTES;
  }

  @Override
  public void emit(StepShape shape, Sharding sharding, OperatorSink sink) {
    long rows = shape.sequences();
    int tensorParallel = sharding.attentionTensorParallel();
    BlockOperators.norm(sink, "final_norm", rows, hiddenSize, activationPrecision);
    sink.accept(
        OperatorGroup.LM_HEAD,
        GemmOperator.linear(
            "lm_head",
            rows,
            BlockOperators.ceilDiv(vocabularySize, tensorParallel),
            hiddenSize,
            weightPrecision,
            activationPrecision));
    if (tensorParallel > 1) {
      sink.accept(
          OperatorGroup.COMMUNICATION,
          new CollectiveOperator(
              "logits_all_gather",
              CollectiveKind.ALL_GATHER,
              ParallelScope.ATTENTION_TENSOR,
              rows * (double) vocabularySize * LOGIT_BYTES,
              tensorParallel));
    }
  }
}
