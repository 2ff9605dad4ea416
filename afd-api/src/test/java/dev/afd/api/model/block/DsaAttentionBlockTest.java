package dev.afd.api.model.block;

import static dev.afd.api.model.block.RecordingSink.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.AttentionKind;
import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.unit.Precision;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived FLOPs and bytes of one DeepSeek-V3.2 DSA layer at 128K context (MLA dims of
 * DeepSeek-V3; indexer 64 heads × 128, top-k 2048; config.json of deepseek-ai/DeepSeek-V3.2).
 * Latent cache and activations BF16, indexer keys FP8 (128 bytes + a 4-byte scale per token).
 */
class DsaAttentionBlockTest {
  private static final DsaAttentionBlock DSA =
      new DsaAttentionBlock(
          new MlaAttentionBlock(
              7168, 128, 1536, 512, 128, 64, 128, Precision.BF16, Precision.BF16, Precision.BF16),
          64,
          128,
          2048,
          Precision.FP8);

  private static final long CONTEXT = 131072;

  @Test
  void kvBytesIncludeTheIndexerKeys() {
    // latent 576·2 = 1152 B + indexer keys 128·1 + 4 = 132 B
    assertThat(DSA.indexerKeyBytesPerToken()).isEqualTo(132.0);
    assertThat(DSA.kvBytesPerToken()).isEqualTo(1284.0);
    // indexer: wq_b 1536·64·128 + wk 7168·128 + weights_proj 7168·64 + k LayerNorm 2·128
    assertThat(DSA.indexerParameterCount())
        .isEqualTo(1536L * 64 * 128 + 7168L * 128 + 7168L * 64 + 256);
  }

  @Test
  void decodeAt128kScoresEveryTokenButAttendsTopK() {
    // 4 sequences with 128K cached tokens add one token each.
    RecordingSink sink = new RecordingSink();
    DSA.emit(StepShape.decode(4, CONTEXT), Sharding.single(), sink);

    AttentionOperator indexer = sink.single("indexer", AttentionOperator.class);
    assertThat(indexer.kind()).isEqualTo(AttentionKind.SPARSE_INDEXER);
    // every query scores c + 1 = 131073 positions at 2·H_I·(d_I + 1) FLOPs (dot products plus
    // the weighted head sum): 2·64·129·131073 per sequence
    assertClose(indexer.flops(), 2.0 * 64 * 129 * 131073 * 4);
    // reads the whole indexer key cache (131073 positions) and writes 1, at 132 B; q and weights
    // 64·(128 + 1)·2 B per token
    assertClose(indexer.memoryBytes(), 4.0 * 131074 * 132 + 4.0 * 64 * 129 * 2);

    AttentionOperator attention = sink.single("attention", AttentionOperator.class);
    assertThat(attention.kind()).isEqualTo(AttentionKind.SPARSE_MLA);
    // attends min(131073, 2048) = 2048 positions, absorbed: 2·128·(576 + 512)·2048 per sequence
    assertClose(attention.flops(), 2.0 * 128 * 1088 * 2048 * 4);
    // reads 2048 latent positions and writes 1, at 1152 B; q/out 128·1088·2 B
    assertClose(attention.memoryBytes(), 4.0 * 2049 * 1152 + 4.0 * 128 * 1088 * 2);

    // indexer is O(context), attention O(top-k): at 128K the FP8 indexer does
    // (64·129·131073)/(128·1088·2048) = 3.794 times the attention's FLOPs
    assertThat(indexer.flops() / attention.flops()).isCloseTo(3.7941, within());
  }

  @Test
  void prefillOfTheLast4kTokensOfA128kContext() {
    // One sequence with 126976 cached tokens prefills 4096 more, reaching 131072.
    RecordingSink sink = new RecordingSink();
    DSA.emit(StepShape.prefill(1, CONTEXT - 4096, 4096), Sharding.single(), sink);
    assertThat(sink.names())
        .containsExactly(
            "input_norm",
            "q_a_proj",
            "q_a_norm",
            "q_b_proj",
            "kv_a_proj",
            "kv_a_norm",
            "indexer_q_proj",
            "indexer_k_proj",
            "indexer_k_norm",
            "indexer_weights_proj",
            "indexer",
            "q_absorb_bmm",
            "attention",
            "v_absorb_bmm",
            "o_proj");

    AttentionOperator indexer = sink.single("indexer", AttentionOperator.class);
    // causal scoring: Σ_{i=1..4096} (126976 + i) = 4096·126976 + 4096·4097/2 = 528484352
    assertThat(indexer.attendedPositionsPerSequence()).isEqualTo(528_484_352.0);
    assertClose(indexer.flops(), 2.0 * 64 * 129 * 528_484_352.0);

    AttentionOperator attention = sink.single("attention", AttentionOperator.class);
    // every query already sees more than 2048 tokens: 2048 each, 2048·4096 in all
    assertClose(attention.flops(), 2.0 * 128 * 1088 * 2048 * 4096);
    // sparse attention is absorbed in prefill too: the BMMs run over the 4096 new tokens
    assertClose(
        sink.single("q_absorb_bmm", GemmOperator.class).flops(), 2.0 * 128 * 4096 * 512 * 128);
    // indexer projections: wq_b 2·T·(64·128)·1536, wk 2·T·128·7168
    assertClose(
        sink.single("indexer_q_proj", GemmOperator.class).flops(), 2.0 * 4096 * 8192 * 1536);
    assertClose(sink.single("indexer_k_proj", GemmOperator.class).flops(), 2.0 * 4096 * 128 * 7168);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-4);
  }
}
