package dev.afd.api.model.block;

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
 * Multi-head latent attention (DeepSeek-V3/R1, Kimi-K2).
 *
 * <p>Projections: {@code q_a: h→r_q} (or {@code q: h→H(d_n+d_r)} when {@code r_q = 0}), {@code
 * kv_a: h→r_kv+d_r}, {@code q_b: r_q→H(d_n+d_r)}, {@code kv_b: r_kv→H(d_n+d_v)}, {@code o:
 * H·d_v→h}. Under tensor parallelism {@code q_a} and {@code kv_a} are replicated and {@code q_b},
 * {@code kv_b}, {@code o} are sharded by heads. The cache holds the latent plus the rope key,
 * {@code r_kv + d_r} elements per token and layer, whole on every tensor-parallel rank.
 *
 * <p>A sequence batch with more than one new token (prefill) runs unabsorbed: {@code kv_b}
 * decompresses the latent of the whole context ({@code m = sequences·(c + s)}), then multi-head
 * attention with QK dim {@code d_n + d_r} and V dim {@code d_v} ({@link
 * AttentionKind#MLA_UNABSORBED}). A decode batch (one new token) runs absorbed: a batched GEMM maps
 * {@code q_nope} into the latent ({@code H × [m × d_n]·[d_n × r_kv]}), attention runs over the
 * latent with QK dim {@code r_kv + d_r} and V dim {@code r_kv} ({@link AttentionKind#MLA_ABSORBED},
 * one shared KV head), and a second batched GEMM maps back ({@code H × [m × r_kv]·[r_kv × d_v]}).
 * Immutable and thread-safe.
 *
 * @param hiddenSize model hidden size {@code h}
 * @param heads attention heads {@code H}
 * @param queryLoraRank {@code q_lora_rank r_q}, 0 when queries are projected directly
 * @param kvLoraRank {@code kv_lora_rank r_kv}
 * @param qkNopeHeadDim {@code qk_nope_head_dim d_n}
 * @param qkRopeHeadDim {@code qk_rope_head_dim d_r}
 * @param valueHeadDim {@code v_head_dim d_v}
 * @param weightPrecision projection weight format
 * @param kvCachePrecision latent cache format
 * @param activationPrecision activation format
 * @since 0.1
 */
public record MlaAttentionBlock(
    int hiddenSize,
    int heads,
    int queryLoraRank,
    int kvLoraRank,
    int qkNopeHeadDim,
    int qkRopeHeadDim,
    int valueHeadDim,
    Precision weightPrecision,
    Precision kvCachePrecision,
    Precision activationPrecision)
    implements Block {

  /**
   * Validates the block: positive sizes, a non-negative query LoRA rank, non-null precisions.
   *
   * @param hiddenSize hidden size
   * @param heads heads
   * @param queryLoraRank q LoRA rank, 0 for none
   * @param kvLoraRank KV LoRA rank
   * @param qkNopeHeadDim nope dim
   * @param qkRopeHeadDim rope dim
   * @param valueHeadDim value dim
   * @param weightPrecision weight precision
   * @param kvCachePrecision KV precision
   * @param activationPrecision activation precision
   */
  public MlaAttentionBlock {
    BlockOperators.positive(hiddenSize, "MLA attention", "hiddenSize");
    BlockOperators.positive(heads, "MLA attention", "heads");
    BlockOperators.nonNegative(queryLoraRank, "MLA attention", "queryLoraRank");
    BlockOperators.positive(kvLoraRank, "MLA attention", "kvLoraRank");
    BlockOperators.positive(qkNopeHeadDim, "MLA attention", "qkNopeHeadDim");
    BlockOperators.positive(qkRopeHeadDim, "MLA attention", "qkRopeHeadDim");
    BlockOperators.positive(valueHeadDim, "MLA attention", "valueHeadDim");
    BlockOperators.requirePrecisions(weightPrecision, kvCachePrecision, activationPrecision);
  }

  @Override
  public String kind() {
    return "mla";
  }

  @Override
  public BlockRole role() {
    return BlockRole.MIXER;
  }

  /** {@return the cached elements per token and layer: {@code r_kv + d_r}} */
  public int latentWidth() {
    return kvLoraRank + qkRopeHeadDim;
  }

  private int queryHeadWidth() {
    return qkNopeHeadDim + qkRopeHeadDim;
  }

  /** Weight elements replicated on every tensor-parallel rank: q_a (or nothing) and kv_a. */
  private long replicatedElements() {
    long queryDown = queryLoraRank > 0 ? (long) hiddenSize * queryLoraRank : 0;
    return queryDown + (long) hiddenSize * latentWidth();
  }

  /** Weight elements sharded by heads, for {@code headCount} heads. */
  private long headElements(long headCount) {
    long queryInput = queryLoraRank > 0 ? queryLoraRank : hiddenSize;
    return queryInput * headCount * queryHeadWidth()
        + (long) kvLoraRank * headCount * (qkNopeHeadDim + valueHeadDim)
        + headCount * valueHeadDim * (long) hiddenSize;
  }

  private long smallVectorParameters() {
    // input RMSNorm, q_a RMSNorm (when present), kv_a RMSNorm
    return (long) hiddenSize + queryLoraRank + kvLoraRank;
  }

  @Override
  public long parameterCount() {
    return replicatedElements() + headElements(heads) + smallVectorParameters();
  }

  /**
   * {@return attention heads on one device}
   *
   * @param sharding the sharding, whose attention tensor parallelism splits the heads
   */
  public int headsPerDevice(Sharding sharding) {
    return BlockOperators.ceilDiv(heads, sharding.attentionTensorParallel());
  }

  @Override
  public double weightBytesPerDevice(Sharding sharding) {
    return (replicatedElements() + headElements(headsPerDevice(sharding)))
            * weightPrecision.bytesPerElement()
        + smallVectorParameters() * BlockOperators.SMALL_VECTOR_BYTES;
  }

  /** MLA's latent is not split by tensor parallelism: every rank holds all of it. */
  @Override
  public double kvBytesPerTokenPerDevice(Sharding sharding) {
    return latentWidth() * kvCachePrecision.bytesPerElement();
  }

  /** {@inheritDoc} Heads must divide by the attention TP. */
  @Override
  public Optional<String> shardingProblem(Sharding sharding) {
    return BlockOperators.headsProblem(heads, "attention", sharding);
  }

  @Override
  public void emit(StepShape shape, Sharding sharding, OperatorSink sink) {
    long tokens = shape.tokens();
    int headsHere = headsPerDevice(sharding);
    emitInputProjections(tokens, headsHere, sink);
    double latentBytes = kvBytesPerTokenPerDevice(sharding);
    for (SequenceBatch batch : shape.batches()) {
      if (batch.newTokens() > 1) {
        sink.accept(
            OperatorGroup.ATTENTION,
            GemmOperator.linear(
                "kv_b_proj",
                batch.sequences() * (batch.cachedTokens() + batch.newTokens()),
                (long) headsHere * (qkNopeHeadDim + valueHeadDim),
                kvLoraRank,
                weightPrecision,
                activationPrecision));
        attention(
            batch,
            AttentionKind.MLA_UNABSORBED,
            headsHere,
            headsHere,
            queryHeadWidth(),
            valueHeadDim,
            0,
            latentBytes,
            sink);
      } else {
        emitAbsorbed(batch, headsHere, AttentionKind.MLA_ABSORBED, 0, latentBytes, sink);
      }
    }
    emitOutput(tokens, headsHere, sharding, sink);
  }

  /** Emits the input norm and the query and latent projections of {@code tokens} tokens. */
  void emitInputProjections(long tokens, int headsHere, OperatorSink sink) {
    BlockOperators.norm(sink, "input_norm", tokens, hiddenSize, activationPrecision);
    long queryWidth = (long) headsHere * queryHeadWidth();
    if (queryLoraRank > 0) {
      sink.accept(
          OperatorGroup.ATTENTION,
          GemmOperator.linear(
              "q_a_proj", tokens, queryLoraRank, hiddenSize, weightPrecision, activationPrecision));
      BlockOperators.norm(sink, "q_a_norm", tokens, queryLoraRank, activationPrecision);
      sink.accept(
          OperatorGroup.ATTENTION,
          GemmOperator.linear(
              "q_b_proj", tokens, queryWidth, queryLoraRank, weightPrecision, activationPrecision));
    } else {
      sink.accept(
          OperatorGroup.ATTENTION,
          GemmOperator.linear(
              "q_proj", tokens, queryWidth, hiddenSize, weightPrecision, activationPrecision));
    }
    sink.accept(
        OperatorGroup.ATTENTION,
        GemmOperator.linear(
            "kv_a_proj", tokens, latentWidth(), hiddenSize, weightPrecision, activationPrecision));
    BlockOperators.norm(sink, "kv_a_norm", tokens, kvLoraRank, activationPrecision);
  }

  /** Emits the absorbed form for one batch: q absorption BMM, latent attention, V BMM. */
  void emitAbsorbed(
      SequenceBatch batch,
      int headsHere,
      AttentionKind kind,
      long span,
      double latentBytes,
      OperatorSink sink) {
    sink.accept(
        OperatorGroup.ATTENTION,
        new GemmOperator(
            "q_absorb_bmm",
            headsHere,
            batch.tokens(),
            kvLoraRank,
            qkNopeHeadDim,
            weightPrecision,
            activationPrecision));
    attention(batch, kind, headsHere, 1, latentWidth(), kvLoraRank, span, latentBytes, sink);
    sink.accept(
        OperatorGroup.ATTENTION,
        new GemmOperator(
            "v_absorb_bmm",
            headsHere,
            batch.tokens(),
            valueHeadDim,
            kvLoraRank,
            weightPrecision,
            activationPrecision));
  }

  /** Emits the attention of one batch over the latent cache, unabsorbed or absorbed. */
  private void attention(
      SequenceBatch batch,
      AttentionKind kind,
      int queryHeads,
      int keyValueHeads,
      int queryKeyWidth,
      int valueWidth,
      long span,
      double latentBytes,
      OperatorSink sink) {
    sink.accept(
        OperatorGroup.ATTENTION,
        new AttentionOperator(
            "attention",
            kind,
            batch.sequences(),
            batch.newTokens(),
            batch.cachedTokens(),
            queryHeads,
            keyValueHeads,
            queryKeyWidth,
            valueWidth,
            span,
            latentBytes,
            kvCachePrecision,
            activationPrecision));
  }

  /** Emits the output projection and the tensor-parallel all-reduce. */
  void emitOutput(long tokens, int headsHere, Sharding sharding, OperatorSink sink) {
    BlockOperators.attentionOutput(
        sink,
        "o_proj",
        tokens,
        hiddenSize,
        (long) headsHere * valueHeadDim,
        weightPrecision,
        activationPrecision,
        sharding);
  }
}
