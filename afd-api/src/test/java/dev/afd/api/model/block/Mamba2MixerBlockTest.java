package dev.afd.api.model.block;

import static dev.afd.api.model.block.RecordingSink.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.StateSpaceOperator;
import dev.afd.api.unit.Precision;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived FLOPs and bytes of one Nemotron-3-Super Mamba2 mixer (h 4096, 128 heads × 64, state
 * 128, 8 groups, conv 4; config.json of nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-FP8), BF16.
 *
 * <p>Inner width d_i = 128·64 = 8192; in_proj width 2·8192 + 2·8·128 + 128 = 18560; convolution
 * channels 8192 + 2·8·128 = 10240.
 */
class Mamba2MixerBlockTest {
  private static final Mamba2MixerBlock MAMBA =
      new Mamba2MixerBlock(4096, 128, 64, 128, 8, 4, Precision.BF16, Precision.BF16);

  @Test
  void parametersAndState() {
    // in_proj 4096·18560 + out_proj 8192·4096 + conv 10240·4 + conv bias 10240 + A, D, dt 3·128
    // + gated norm 8192 + input norm 4096
    assertThat(MAMBA.parameterCount())
        .isEqualTo(4096L * 18560 + 8192L * 4096 + 10240L * 4 + 10240 + 384 + 8192 + 4096);
    // FP32 SSM state 128·64·128·4 B + conv window (4 − 1)·10240·2 B; no KV cache
    assertThat(MAMBA.stateBytesPerSequencePerDevice(Sharding.single()))
        .isEqualTo(128.0 * 64 * 128 * 4 + 3.0 * 10240 * 2);
    assertThat(MAMBA.kvBytesPerToken()).isZero();
  }

  @Test
  void prefill() {
    // One sequence prefills 1024 tokens: T = 1024.
    RecordingSink sink = new RecordingSink();
    MAMBA.emit(StepShape.prefill(1, 0, 1024), Sharding.single(), sink);
    assertThat(sink.names())
        .containsExactly("input_norm", "in_proj", "ssm_scan", "gated_norm", "out_proj");
    assertClose(sink.single("in_proj", GemmOperator.class).flops(), 2.0 * 1024 * 18560 * 4096);
    StateSpaceOperator scan = sink.single("ssm_scan", StateSpaceOperator.class);
    // per token: 6·heads·headDim·N + 2·conv·channels = 6·128·64·128 + 2·4·10240
    assertClose(scan.flops(), 1024.0 * (6.0 * 128 * 64 * 128 + 2.0 * 4 * 10240));
    // state read and written once (2·4194304 B) + 1024 tokens · 2·10240 channels · 2 B
    assertClose(scan.memoryBytes(), 2.0 * 4194304 + 1024.0 * 2 * 10240 * 2);
    assertClose(sink.single("out_proj", GemmOperator.class).flops(), 2.0 * 1024 * 4096 * 8192);
  }

  @Test
  void decodeCostDoesNotDependOnContext() {
    // 16 sequences add one token each; the cached context does not matter.
    RecordingSink shortContext = new RecordingSink();
    MAMBA.emit(StepShape.decode(16, 1000), Sharding.single(), shortContext);
    RecordingSink longContext = new RecordingSink();
    MAMBA.emit(StepShape.decode(16, 1_000_000), Sharding.single(), longContext);
    assertThat(longContext.flops()).isEqualTo(shortContext.flops());

    StateSpaceOperator scan = longContext.single("ssm_scan", StateSpaceOperator.class);
    assertClose(scan.flops(), 16.0 * (6.0 * 128 * 64 * 128 + 2.0 * 4 * 10240));
    // each of 16 states read and written + 16 tokens' channels
    assertClose(scan.memoryBytes(), 16.0 * 2 * 4194304 + 16.0 * 2 * 10240 * 2);
  }
}
