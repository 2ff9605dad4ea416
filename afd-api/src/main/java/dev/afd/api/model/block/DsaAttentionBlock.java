package dev.afd.api.model.block;

import static java.util.Objects.requireNonNull;

import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.SequenceBatch;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.AttentionKind;
import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import dev.afd.api.unit.Precision;
import java.util.Optional;

/**
 * DeepSeek sparse attention (DeepSeek-V3.2, GLM-5): {@link MlaAttentionBlock MLA} plus a lightning
 * indexer that scores every cached token and keeps the top {@code indexerTopK} for attention.
 *
 * <p>Indexer: {@code H_I} heads of dim {@code d_I}; projections {@code wq_b: r_q → H_I·d_I}, {@code
 * wk: h → d_I} (with a LayerNorm), {@code weights_proj: h → H_I}; a key cache of {@code d_I}
 * elements per token and layer in {@code indexerKeyPrecision}, plus one FP32 scale per token when
 * that precision is 8 bits or narrower (DeepSeek-V3.2 stores 128 FP8 values and a scale: 132
 * bytes). Scoring is emitted as an {@link AttentionOperator} of kind {@link
 * AttentionKind#SPARSE_INDEXER} with QK dim {@code d_I} and V dim 1: each query token and position
 * costs {@code 2·H_I·(d_I + 1)} FLOPs, the dot products plus the weighted sum of the per-head ReLU
 * scores ({@code I = Σ_j w_j·ReLU(q_j·k)}), and the whole indexer key cache of the sequence is read
 * once. This keeps the indexer {@code O(context)} and exactly causal.
 *
 * <p>Sparse attention runs MLA's absorbed (MQA) form in prefill and decode alike, as DeepSeek's
 * sparse kernels do, over {@code min(c + i, topK)} positions per query ({@link
 * AttentionKind#SPARSE_MLA}, span = top-k). Indexer weights are replicated across tensor-parallel
 * ranks. Immutable and thread-safe.
 *
 * @param attention the MLA part
 * @param indexerHeads indexer heads {@code H_I} ({@code index_n_heads})
 * @param indexerHeadDim indexer head dimension {@code d_I} ({@code index_head_dim})
 * @param indexerTopK tokens attended per query ({@code index_topk})
 * @param indexerKeyPrecision format of the indexer key cache
 * @since 0.1
 */
public record DsaAttentionBlock(
    MlaAttentionBlock attention,
    int indexerHeads,
    int indexerHeadDim,
    long indexerTopK,
    Precision indexerKeyPrecision)
    implements Block {

  /**
   * Validates the block.
   *
   * @param attention MLA part
   * @param indexerHeads indexer heads
   * @param indexerHeadDim indexer head dimension
   * @param indexerTopK top-k
   * @param indexerKeyPrecision indexer key cache precision
   */
  public DsaAttentionBlock {
    requireNonNull(attention, "attention");
    BlockOperators.positive(indexerHeads, "DSA attention", "indexerHeads");
    BlockOperators.positive(indexerHeadDim, "DSA attention", "indexerHeadDim");
    BlockOperators.positive(indexerTopK, "DSA attention", "indexerTopK");
    requireNonNull(indexerKeyPrecision, "indexerKeyPrecision");
  }

  @Override
  public String kind() {
    return "dsa";
  }

  @Override
  public BlockRole role() {
    return BlockRole.MIXER;
  }

  @Override
  public Precision weightPrecision() {
    return attention.weightPrecision();
  }

  private long indexerMatrixElements() {
    long queryInput =
        attention.queryLoraRank() > 0 ? attention.queryLoraRank() : attention.hiddenSize();
    return queryInput * indexerHeads * indexerHeadDim
        + (long) attention.hiddenSize() * indexerHeadDim;
  }

  private long indexerSmallParameters() {
    // weights_proj (h × H_I, kept in BF16) and the key LayerNorm's weight and bias
    return (long) attention.hiddenSize() * indexerHeads + 2L * indexerHeadDim;
  }

  /** {@return parameters of the lightning indexer alone} */
  public long indexerParameterCount() {
    return indexerMatrixElements() + indexerSmallParameters();
  }

  @Override
  public long parameterCount() {
    return attention.parameterCount() + indexerParameterCount();
  }

  @Override
  public double weightBytesPerDevice(Sharding sharding) {
    return attention.weightBytesPerDevice(sharding)
        + indexerMatrixElements() * attention.weightPrecision().bytesPerElement()
        + indexerSmallParameters() * BlockOperators.SMALL_VECTOR_BYTES;
  }

  /** {@return indexer key-cache bytes per token and layer, scale included} */
  public double indexerKeyBytesPerToken() {
    double scale = indexerKeyPrecision.bits() <= 8 ? 4.0 : 0.0;
    return indexerHeadDim * indexerKeyPrecision.bytesPerElement() + scale;
  }

  /** The MLA latent plus the indexer keys, neither split by tensor parallelism. */
  @Override
  public double kvBytesPerTokenPerDevice(Sharding sharding) {
    return attention.kvBytesPerTokenPerDevice(sharding) + indexerKeyBytesPerToken();
  }

  /** {@inheritDoc} As its MLA part. */
  @Override
  public Optional<String> shardingProblem(Sharding sharding) {
    return attention.shardingProblem(sharding);
  }

  @Override
  public void emit(StepShape shape, Sharding sharding, OperatorSink sink) {
    long tokens = shape.tokens();
    int headsHere = attention.headsPerDevice(sharding);
    Precision weights = attention.weightPrecision();
    Precision activations = attention.activationPrecision();
    attention.emitInputProjections(tokens, headsHere, sink);
    long queryInput =
        attention.queryLoraRank() > 0 ? attention.queryLoraRank() : attention.hiddenSize();
    sink.accept(
        OperatorGroup.ATTENTION,
        GemmOperator.linear(
            "indexer_q_proj",
            tokens,
            (long) indexerHeads * indexerHeadDim,
            queryInput,
            weights,
            activations));
    sink.accept(
        OperatorGroup.ATTENTION,
        GemmOperator.linear(
            "indexer_k_proj",
            tokens,
            indexerHeadDim,
            attention.hiddenSize(),
            weights,
            activations));
    BlockOperators.norm(sink, "indexer_k_norm", tokens, indexerHeadDim, activations);
    sink.accept(
        OperatorGroup.ATTENTION,
        GemmOperator.linear(
            "indexer_weights_proj",
            tokens,
            indexerHeads,
            attention.hiddenSize(),
            Precision.BF16,
            activations));
    double latentBytes = attention.kvBytesPerTokenPerDevice(sharding);
    double indexerBytes = indexerKeyBytesPerToken();
    for (SequenceBatch batch : shape.batches()) {
      sink.accept(
          OperatorGroup.ATTENTION,
          new AttentionOperator(
              "indexer",
              AttentionKind.SPARSE_INDEXER,
              batch.sequences(),
              batch.newTokens(),
              batch.cachedTokens(),
              indexerHeads,
              1,
              indexerHeadDim,
              1,
              0,
              indexerBytes,
              indexerKeyPrecision,
              activations));
      attention.emitAbsorbed(
          batch, headsHere, AttentionKind.SPARSE_MLA, indexerTopK, latentBytes, sink);
    }
    attention.emitOutput(tokens, headsHere, sharding, sink);
  }
}
