package dev.afd.api.model.block;

import static dev.afd.api.model.block.RecordingSink.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.operator.AttentionKind;
import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.unit.Precision;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived FLOPs and bytes of one DeepSeek-V3 MLA layer (h 7168, H 128, r_q 1536, r_kv 512, d_n
 * 128, d_r 64, d_v 128; config.json of deepseek-ai/DeepSeek-V3), BF16 everywhere so that every
 * element is 2 bytes.
 */
class MlaAttentionBlockTest {
  private static final MlaAttentionBlock MLA =
      new MlaAttentionBlock(
          7168, 128, 1536, 512, 128, 64, 128, Precision.BF16, Precision.BF16, Precision.BF16);

  @Test
  void parametersFollowTheProjections() {
    // q_a 7168·1536 + q_a_norm 1536 + q_b 1536·128·192 + kv_a 7168·576 + kv_a_norm 512
    // + kv_b 512·128·256 + o 128·128·7168 + input norm 7168
    long expected =
        7168L * 1536
            + 1536
            + 1536L * 128 * 192
            + 7168L * 576
            + 512
            + 512L * 128 * 256
            + 128L * 128 * 7168
            + 7168;
    assertThat(MLA.parameterCount()).isEqualTo(expected).isEqualTo(187_114_496L);
  }

  @Test
  void prefillRunsUnabsorbed() {
    // One sequence prefills 1024 new tokens with no cached context: T = 1024.
    RecordingSink sink = new RecordingSink();
    MLA.emit(StepShape.prefill(1, 0, 1024), Sharding.single(), sink);

    assertThat(sink.names())
        .containsExactly(
            "input_norm",
            "q_a_proj",
            "q_a_norm",
            "q_b_proj",
            "kv_a_proj",
            "kv_a_norm",
            "kv_b_proj",
            "attention",
            "o_proj");
    // q_a: 2·T·r_q·h
    assertClose(sink.single("q_a_proj", GemmOperator.class).flops(), 2.0 * 1024 * 1536 * 7168);
    // q_b: 2·T·H(d_n + d_r)·r_q = 2·1024·(128·192)·1536
    assertClose(sink.single("q_b_proj", GemmOperator.class).flops(), 2.0 * 1024 * 24576 * 1536);
    // kv_a: 2·T·(r_kv + d_r)·h
    assertClose(sink.single("kv_a_proj", GemmOperator.class).flops(), 2.0 * 1024 * 576 * 7168);
    // kv_b decompresses the whole context (c + s = 1024 tokens): 2·1024·H(d_n + d_v)·r_kv
    GemmOperator kvB = sink.single("kv_b_proj", GemmOperator.class);
    assertClose(kvB.flops(), 2.0 * 1024 * 32768 * 512);
    // weights 32768·512, input 1024·512, output 1024·32768, all 2 bytes
    assertClose(kvB.memoryBytes(), 2.0 * (32768.0 * 512 + 1024.0 * 512 + 1024.0 * 32768));

    AttentionOperator attention = sink.single("attention", AttentionOperator.class);
    assertThat(attention.kind()).isEqualTo(AttentionKind.MLA_UNABSORBED);
    assertThat(attention.qkHeadDim()).isEqualTo(192);
    assertThat(attention.vHeadDim()).isEqualTo(128);
    // causal: token i attends i positions, Σ_{i=1..1024} i = 1024·1025/2 = 524800;
    // FLOPs 2·H·(d_qk + d_v)·Σ = 2·128·(192 + 128)·524800
    assertClose(attention.flops(), 2.0 * 128 * 320 * 524800);
    // bytes: the latent (576·2 = 1152 B/token) read for 1024 positions and written for 1024 new
    // tokens, plus queries/outputs 1024·128·(192 + 128)·2
    assertClose(attention.memoryBytes(), 2048.0 * 1152 + 1024.0 * 128 * 320 * 2);

    // o: 2·T·h·H·d_v
    assertClose(sink.single("o_proj", GemmOperator.class).flops(), 2.0 * 1024 * 7168 * 16384);
  }

  @Test
  void decodeRunsAbsorbed() {
    // 8 sequences, each with 4096 cached tokens, add one token: T = 8.
    RecordingSink sink = new RecordingSink();
    MLA.emit(StepShape.decode(8, 4096), Sharding.single(), sink);

    assertThat(sink.names())
        .containsExactly(
            "input_norm",
            "q_a_proj",
            "q_a_norm",
            "q_b_proj",
            "kv_a_proj",
            "kv_a_norm",
            "q_absorb_bmm",
            "attention",
            "v_absorb_bmm",
            "o_proj");
    // q_nope → latent: batch H = 128 GEMMs [8 × 128]·[128 × 512]
    GemmOperator absorb = sink.single("q_absorb_bmm", GemmOperator.class);
    assertThat(absorb.batch()).isEqualTo(128);
    assertClose(absorb.flops(), 2.0 * 128 * 8 * 512 * 128);
    // weight bytes: W_UK, 128·512·128 elements of 2 bytes
    assertClose(absorb.weightBytes(), 128.0 * 512 * 128 * 2);

    AttentionOperator attention = sink.single("attention", AttentionOperator.class);
    assertThat(attention.kind()).isEqualTo(AttentionKind.MLA_ABSORBED);
    assertThat(attention.kvHeads()).isEqualTo(1);
    // each new token attends c + 1 = 4097 positions; QK dim r_kv + d_r = 576, V dim r_kv = 512:
    // 2·128·(576 + 512)·4097·8
    assertClose(attention.flops(), 2.0 * 128 * 1088 * 4097 * 8);
    // latent read for 4097 positions + 1 written, 1152 B each, per sequence; q/out 128·1088·2 B
    assertClose(attention.memoryBytes(), 8.0 * 4098 * 1152 + 8.0 * 128 * 1088 * 2);

    // latent → v: batch 128 GEMMs [8 × 512]·[512 × 128]
    assertClose(sink.single("v_absorb_bmm", GemmOperator.class).flops(), 2.0 * 128 * 8 * 128 * 512);
  }

  @Test
  void latentIsNotSplitByTensorParallelism() {
    Sharding tp8 = Sharding.tensorParallel(8);
    // 576 elements · 2 bytes on every rank
    assertThat(MLA.kvBytesPerTokenPerDevice(tp8)).isEqualTo(1152.0);
    assertThat(MLA.kvBytesPerToken()).isEqualTo(1152.0);

    RecordingSink sink = new RecordingSink();
    MLA.emit(StepShape.decode(8, 4096), tp8, sink);
    // 128 / 8 = 16 heads per rank
    assertThat(sink.single("attention", AttentionOperator.class).heads()).isEqualTo(16);
    // all-reduce of T·h·b_a = 8·7168·2 bytes in the attention TP group of 8
    CollectiveOperator allReduce = sink.single("attention_all_reduce", CollectiveOperator.class);
    assertThat(allReduce.kind()).isEqualTo(CollectiveKind.ALL_REDUCE);
    assertThat(allReduce.bytes()).isEqualTo(8.0 * 7168 * 2);
    assertThat(allReduce.groupSize()).isEqualTo(8);
  }
}
