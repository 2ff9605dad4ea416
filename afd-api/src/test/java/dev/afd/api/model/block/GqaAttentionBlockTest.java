package dev.afd.api.model.block;

import static dev.afd.api.model.block.RecordingSink.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.ParallelScope;
import dev.afd.api.unit.Precision;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived FLOPs and bytes of one gpt-oss-120b sliding-window attention layer (h 2880, 64 query
 * heads, 8 KV heads, head dim 64, window 128, sinks, biases; config.json of openai/gpt-oss-120b),
 * BF16 everywhere.
 */
class GqaAttentionBlockTest {
  private static final GqaAttentionBlock SLIDING =
      new GqaAttentionBlock(
          2880, 64, 8, 64, 128, true, false, true, Precision.BF16, Precision.BF16, Precision.BF16);

  @Test
  void parametersIncludeBiasesAndSinks() {
    // q 2880·4096, k and v 2880·512 each, o 4096·2880; biases 4096 + 2·512 + 2880; sinks 64;
    // input norm 2880
    long expected =
        2880L * 4096 + 2 * 2880L * 512 + 4096L * 2880 + (4096 + 1024 + 2880) + 64 + 2880;
    assertThat(SLIDING.parameterCount()).isEqualTo(expected);
    // KV per token and layer: 2·H_kv·d = 2·8·64 elements of 2 bytes
    assertThat(SLIDING.kvBytesPerToken()).isEqualTo(2048.0);
  }

  @Test
  void prefillCapsEachQueryAtTheWindow() {
    // One sequence prefills 1024 tokens, no cache: T = 1024.
    RecordingSink sink = new RecordingSink();
    SLIDING.emit(StepShape.prefill(1, 0, 1024), Sharding.single(), sink);
    assertThat(sink.names()).containsExactly("input_norm", "qkv_proj", "attention", "o_proj");

    // QKV: 2·T·(H_q + 2H_kv)·d·h = 2·1024·(64 + 16)·64·2880
    assertClose(sink.single("qkv_proj", GemmOperator.class).flops(), 2.0 * 1024 * 80 * 64 * 2880);
    AttentionOperator attention = sink.single("attention", AttentionOperator.class);
    // token i attends min(i, 128): Σ_{i=1..128} i + 128·(1024 − 128) = 8256 + 114688 = 122944
    assertThat(attention.attendedPositionsPerSequence()).isEqualTo(122944.0);
    // 4·H_q·d·122944
    assertClose(attention.flops(), 4.0 * 64 * 64 * 122944);
    // KV: min(1024, 128) = 128 positions read + 1024 written, 2048 B each; q/out 1024·64·128·2 B
    assertClose(attention.memoryBytes(), (128.0 + 1024) * 2048 + 1024.0 * 64 * 128 * 2);
    // o: 2·T·h·H_q·d
    assertClose(sink.single("o_proj", GemmOperator.class).flops(), 2.0 * 1024 * 2880 * 4096);
  }

  @Test
  void decodeReadsOnlyTheWindow() {
    // 4 sequences at 8192 cached tokens add one token each: T = 4.
    RecordingSink sink = new RecordingSink();
    SLIDING.emit(StepShape.decode(4, 8192), Sharding.single(), sink);
    AttentionOperator attention = sink.single("attention", AttentionOperator.class);
    // each attends min(8193, 128) = 128 positions: 4·H_q·d·128 per sequence
    assertClose(attention.flops(), 4.0 * 64 * 64 * 128 * 4);
    // 128 positions read + 1 written per sequence at 2048 B; q/out 4·64·128·2 B
    assertClose(attention.memoryBytes(), 4.0 * 129 * 2048 + 4.0 * 64 * 128 * 2);
  }

  @Test
  void tensorParallelBeyondKvHeadsReplicatesThem() {
    Sharding tp16 = Sharding.tensorParallel(16);
    // 64 / 16 = 4 query heads; 8 KV heads over 16 ranks: one (replicated) per rank
    assertThat(SLIDING.headsPerDevice(tp16)).isEqualTo(4);
    assertThat(SLIDING.kvHeadsPerDevice(tp16)).isEqualTo(1);
    assertThat(SLIDING.kvBytesPerTokenPerDevice(tp16)).isEqualTo(2.0 * 64 * 2);

    RecordingSink sink = new RecordingSink();
    SLIDING.emit(StepShape.decode(4, 8192), tp16, sink);
    // QKV: n = (4 + 2·1)·64
    assertThat(sink.single("qkv_proj", GemmOperator.class).n()).isEqualTo(6 * 64);
    CollectiveOperator allReduce = sink.single("attention_all_reduce", CollectiveOperator.class);
    assertThat(allReduce.scope()).isEqualTo(ParallelScope.ATTENTION_TENSOR);
    // T·h·b_a = 4·2880·2 bytes over 16 ranks
    assertThat(allReduce.bytes()).isEqualTo(4.0 * 2880 * 2);
    assertThat(allReduce.groupSize()).isEqualTo(16);
  }

  @Test
  void rejectsHeadsThatAreNotAMultipleOfKvHeads() {
    assertThatThrownBy(
            () ->
                new GqaAttentionBlock(
                    2880,
                    64,
                    6,
                    64,
                    0,
                    false,
                    false,
                    false,
                    Precision.BF16,
                    Precision.BF16,
                    Precision.BF16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GQA attention heads (64) must be a multiple of kvHeads (6)");
  }
}
