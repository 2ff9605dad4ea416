package dev.afd.api.model.block;

import static dev.afd.api.model.block.RecordingSink.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MoeOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.unit.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-derived FLOPs and bytes of one DeepSeek-V3 MoE layer (h 7168, 256 routed experts, top-8,
 * intermediate 2048, one shared expert of 2048; config.json of deepseek-ai/DeepSeek-V3), BF16
 * weights and activations, FP8 dispatch.
 */
class MoeFfnBlockTest {
  private static final MoeFfnBlock MOE =
      new MoeFfnBlock(
          7168,
          256,
          8,
          2048,
          1,
          2048,
          true,
          0,
          true,
          Precision.BF16,
          Precision.BF16,
          Precision.BF16,
          Precision.FP8);

  /** Weight bytes of one expert: 3·7168·2048 elements of 2 bytes. */
  private static final double EXPERT_BYTES = 3.0 * 7168 * 2048 * 2;

  @Test
  void parameters() {
    // router 7168·256 + bias 256 + norm 7168 + shared 3·7168·2048 + experts 256·3·7168·2048
    long nonExpert = 7168L * 256 + 256 + 7168 + 3L * 7168 * 2048;
    assertThat(MOE.parameterCount()).isEqualTo(nonExpert + 256L * 3 * 7168 * 2048);
    assertThat(MOE.activeParameterCount()).isEqualTo(nonExpert + 8L * 3 * 7168 * 2048);
  }

  @ParameterizedTest(name = "{0} tokens touch {1} experts")
  @CsvSource({
    // E·(1 − (1 − k/E)^T) with k/E = 1/32:
    // T = 1: 256·(1/32) = 8
    "1, 8.0",
    // T = 8: 256·(1 − (31/32)^8) = 256·(1 − 0.7757...) = 57.4208...
    "8, 57.42083",
    // T = 4096: (31/32)^4096 ≈ 2.5e-57, so all 256
    "4096, 256.0"
  })
  void expectedExpertsTouched(long tokens, double touched) {
    RecordingSink sink = new RecordingSink();
    MOE.emit(StepShape.decode(tokens, 1024), Sharding.single(), sink);
    MoeOperator experts = sink.single("experts", MoeOperator.class);
    assertThat(experts.expertsTouched()).isCloseTo(touched, within(1e-4));
    // FLOPs: T·k token-expert pairs, 2·3·h·I each
    assertClose(experts.flops(), tokens * 8.0 * 2 * 3 * 7168 * 2048);
    // bytes: weights of the experts touched + per pair (2h + 2I) activations of 2 bytes
    assertClose(
        experts.memoryBytes(),
        experts.expertsTouched() * EXPERT_BYTES + tokens * 8.0 * (2 * 7168 + 2 * 2048) * 2);
    // router 2·T·E·h in its own group; shared expert 2·T·(2·2048)·h + 2·T·h·2048
    assertThat(sink.groupOf("router")).isEqualTo(OperatorGroup.ROUTER);
    assertClose(sink.single("router", GemmOperator.class).flops(), 2.0 * tokens * 256 * 7168);
    assertClose(
        sink.single("shared_gate_up_proj", GemmOperator.class).flops()
            + sink.single("shared_down_proj", GemmOperator.class).flops(),
        2.0 * tokens * 3 * 2048 * 7168);
  }

  @Test
  void singleTokenReadsEightExpertsNotAll() {
    // At T = 1 the weights read, not the FLOPs, set the time: 8 of 256 experts are read.
    RecordingSink sink = new RecordingSink();
    MOE.emit(StepShape.decode(1, 1024), Sharding.single(), sink);
    MoeOperator experts = sink.single("experts", MoeOperator.class);
    assertClose(experts.memoryBytes(), 8 * EXPERT_BYTES + 8.0 * (2 * 7168 + 2 * 2048) * 2);
  }

  @Test
  void expertParallelAt4096TokensDispatchesAndBalances() {
    // 4096 tokens reach an EP-8 group with a 1.2 load imbalance; each device owns 512 tokens.
    Sharding ep8 = new Sharding(1, 8, 1, 8, 1.2);
    RecordingSink sink = new RecordingSink();
    MOE.emit(StepShape.decode(4096, 1024), ep8, sink);
    assertThat(sink.names())
        .containsExactly(
            "ffn_norm",
            "router",
            "moe_dispatch",
            "experts",
            "moe_combine",
            "shared_gate_up_proj",
            "shared_down_proj");
    // dispatch: 512 local tokens · 8 copies · 7168 elements · 1 byte (FP8)
    assertThat(sink.single("moe_dispatch", CollectiveOperator.class).bytes())
        .isEqualTo(512.0 * 8 * 7168);
    // combine in BF16: twice that
    assertThat(sink.single("moe_combine", CollectiveOperator.class).bytes())
        .isEqualTo(512.0 * 8 * 7168 * 2);
    MoeOperator experts = sink.single("experts", MoeOperator.class);
    // busiest device: 4096·8/8 pairs · 1.2
    assertThat(experts.pairsOnBusiestDevice()).isCloseTo(4915.2, within(1e-9));
    // all of its 32 experts are touched
    assertThat(experts.expertsTouched()).isCloseTo(32.0, within(1e-9));
    // 32 experts per device + replicated shared expert, router, norm
    assertClose(
        MOE.weightBytesPerDevice(ep8),
        32 * EXPERT_BYTES + 3.0 * 7168 * 2048 * 2 + (7168.0 * 256 + 256 + 7168) * 2);
  }

  @Test
  void tensorParallelAttentionOverTheExpertGroupAllReducesInsteadOfAllToAll() {
    // Attention TP 8 without attention DP over an EP-8 MoE: every rank holds all 64 tokens, runs
    // its 32 experts on them and one all-reduce over the 8 ranks sums the outputs.
    Sharding tp8ep8 = new Sharding(8, 1, 1, 8, 1.0);
    RecordingSink sink = new RecordingSink();
    MOE.emit(StepShape.decode(64, 1024), tp8ep8, sink);
    assertThat(sink.names())
        .containsExactly(
            "ffn_norm",
            "router",
            "experts",
            "shared_gate_up_proj",
            "shared_down_proj",
            "ffn_all_reduce");
    CollectiveOperator reduce = sink.single("ffn_all_reduce", CollectiveOperator.class);
    assertThat(reduce.groupSize()).isEqualTo(8);
    // all 64 tokens · 7168 elements · 2 bytes (BF16)
    assertThat(reduce.bytes()).isEqualTo(64.0 * 7168 * 2);
    // the router sees every token; the shared expert's 2048 columns are split 8 ways
    assertThat(sink.single("router", GemmOperator.class).m()).isEqualTo(64);
    GemmOperator shared = sink.single("shared_gate_up_proj", GemmOperator.class);
    assertThat(shared.m()).isEqualTo(64);
    assertThat(shared.n()).isEqualTo(2 * 2048 / 8);
    assertThat(sink.single("experts", MoeOperator.class).tokens()).isEqualTo(64);
  }
}
