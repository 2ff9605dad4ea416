package dev.afd.strategykit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.unit.Precision;
import org.junit.jupiter.api.Test;

class QueueingTest {

  @Test
  void waitsAsAnMd1Queue() {
    // W = ρ·S / (2(1 − ρ)): ρ = 0.5, S = 10 ms → 0.5 · 10 / 1 = 5 ms.
    assertThat(Queueing.waitSeconds(0.5, 0.010)).isCloseTo(0.005, within(1e-15));
    // ρ = 0.9 → 0.9 · 10 / 0.2 = 45 ms.
    assertThat(Queueing.waitSeconds(0.9, 0.010)).isCloseTo(0.045, within(1e-15));
    assertThat(Queueing.waitSeconds(1.0, 0.010)).isInfinite();
  }

  @Test
  void countsDistinctFfnDevicesATokenReaches() {
    Precision bf16 = Precision.BF16;
    MoeFfnBlock moe =
        new MoeFfnBlock(1024, 8, 2, 512, 0, 0, true, 0, false, bf16, bf16, bf16, bf16);
    // E = 8, k = 2, EP = 4 → 2 experts per device. P(miss one device) = C(6,2)/C(8,2) = 15/28;
    // D = 4 · (1 − 15/28) = 13/7 ≈ 1.857; MoE TP 2 doubles it.
    assertThat(Experts.devicesReachedPerToken(moe, 1, 4)).isCloseTo(13.0 / 7, within(1e-12));
    assertThat(Experts.devicesReachedPerToken(moe, 2, 4)).isCloseTo(26.0 / 7, within(1e-12));
    assertThat(Experts.devicesReachedPerToken(moe, 1, 1)).isEqualTo(1);
    assertThat(Experts.devicesReachedPerToken(null, 4, 1)).isEqualTo(4);
  }

  @Test
  void formatsOneDecimalWithoutTheLocale() {
    assertThat(Memory.oneDecimal(12.34)).isEqualTo("12.3");
    assertThat(Memory.oneDecimal(0.05)).isEqualTo("0.1");
    assertThat(Memory.oneDecimal(-1.25)).isEqualTo("-1.3");
    assertThat(Memory.oneDecimal(3)).isEqualTo("3.0");
  }
}
