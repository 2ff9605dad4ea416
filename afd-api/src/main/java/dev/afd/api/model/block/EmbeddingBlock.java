package dev.afd.api.model.block;

import static java.util.Objects.requireNonNull;

import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.MemoryOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import dev.afd.api.operator.ParallelScope;
import dev.afd.api.unit.Precision;

/**
 * The token embedding table, vocabulary-parallel over the attention tensor-parallel ranks.
 *
 * <p>One step gathers one row per token: a {@link MemoryOperator} reading {@code T·h} weights and
 * writing {@code T·h} activations, followed under tensor parallelism by the all-reduce that
 * vocabulary-parallel embedding needs. Whether the table counts as active parameters follows the
 * publisher: Mistral and Qwen count it, OpenAI, DeepSeek, Moonshot, NVIDIA, Zhipu and MiniMax do
 * not (a gather touches one row, not the table). Immutable and thread-safe.
 *
 * @param vocabularySize vocabulary size {@code V}
 * @param hiddenSize model hidden size {@code h}
 * @param weightPrecision table format
 * @param activationPrecision activation format
 * @param countedActive whether the publisher counts the table in active parameters
 * @since 0.1
 */
public record EmbeddingBlock(
    int vocabularySize,
    int hiddenSize,
    Precision weightPrecision,
    Precision activationPrecision,
    boolean countedActive)
    implements Block {

  /**
   * Validates the block.
   *
   * @param vocabularySize vocabulary size
   * @param hiddenSize hidden size
   * @param weightPrecision weight precision
   * @param activationPrecision activation precision
   * @param countedActive counted as active
   */
  public EmbeddingBlock {
    BlockOperators.positive(vocabularySize, "embedding", "vocabularySize");
    BlockOperators.positive(hiddenSize, "embedding", "hiddenSize");
    requireNonNull(weightPrecision, "weightPrecision");
    requireNonNull(activationPrecision, "activationPrecision");
  }

  @Override
  public String kind() {
    return "embedding";
  }

  @Override
  public BlockRole role() {
    return BlockRole.EDGE;
  }

  @Override
  public long parameterCount() {
    return (long) vocabularySize * hiddenSize;
  }

  @Override
  public long activeParameterCount() {
    return countedActive ? parameterCount() : 0;
  }

  @Override
  public double weightBytesPerDevice(Sharding sharding) {
    return BlockOperators.ceilDiv(vocabularySize, sharding.attentionTensorParallel())
        * (double) hiddenSize
        * weightPrecision.bytesPerElement();
  }

  @Override
  public void emit(StepShape shape, Sharding sharding, OperatorSink sink) {
    long tokens = shape.tokens();
    double elements = tokens * (double) hiddenSize;
    sink.accept(
        OperatorGroup.EMBEDDING,
        new MemoryOperator(
            "embedding",
            elements * (weightPrecision.bytesPerElement() + activationPrecision.bytesPerElement()),
            0));
    BlockOperators.allReduce(
        sink,
        "embedding_all_reduce",
        ParallelScope.ATTENTION_TENSOR,
        tokens,
        hiddenSize,
        activationPrecision,
        sharding.attentionTensorParallel());
  }
}
