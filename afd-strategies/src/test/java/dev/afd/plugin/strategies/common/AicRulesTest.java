package dev.afd.plugin.strategies.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.spi.Conventions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AicRulesTest {

  @Test
  void queuesAggTtftByTheStepsToFinishTheContext() {
    // min(2 + (n − 3)/20, 4): n = 3 → 2; n = 23 → 3; n = 43 → 4; n = 100 → capped at 4;
    // n = 1 → 1.9 (the formula goes below 2 for short contexts).
    assertThat(AicRules.queuingFactor(3)).isEqualTo(2.0);
    assertThat(AicRules.queuingFactor(23)).isEqualTo(3.0);
    assertThat(AicRules.queuingFactor(43)).isEqualTo(4.0);
    assertThat(AicRules.queuingFactor(100)).isEqualTo(4.0);
    assertThat(AicRules.queuingFactor(1)).isCloseTo(1.9, within(1e-15));
  }

  @Test
  void pricesAggTtftAsMixedStepsTimesTheQueuingFactor() {
    // isl 512, b 8, C 1024: n = ⌈4096/1024⌉ = 4 → factor 2.05; ⌈512/1024⌉ = 1 step of 10 ms.
    assertThat(AicRules.stepsToFinishContext(512, 8, 1024)).isEqualTo(4);
    assertThat(AicRules.aggTtftSeconds(0.010, 512, 8, 1024)).isCloseTo(0.0205, within(1e-15));
    // isl 4096, b 8, C 1024: n = 32 → 2 + 29/20 = 3.45; ⌈4096/1024⌉ = 4 steps → 4 · 3.45 · 10 ms.
    assertThat(AicRules.aggTtftSeconds(0.010, 4096, 8, 1024)).isCloseTo(0.138, within(1e-12));
  }

  @Test
  void countsMaxOneOrNMinusThreeMixedStepsInTpot() {
    assertThat(AicRules.tpotMixSteps(2)).isEqualTo(1);
    assertThat(AicRules.tpotMixSteps(10)).isEqualTo(7);
    // n = 10 mixed steps of 2 s, D = 100: 7 mixed + 90 decode-only steps of 1 s → 104 / 97.
    assertThat(AicRules.aggStepSeconds(2, 1, 10, 100)).isCloseTo(104.0 / 97, within(1e-15));
    // n ≥ D: every step is mixed.
    assertThat(AicRules.aggStepSeconds(2, 1, 120, 100)).isEqualTo(2);
  }

  @Test
  void correctsPdTtft() {
    // 10 ms · 1.1 · 1.8 = 19.8 ms.
    assertThat(AicRules.pdTtftSeconds(0.010)).isCloseTo(0.0198, within(1e-15));
  }

  @Test
  void hidesTheRoundTripOnlyWithEnoughMicroBatches() {
    // a = 1, f = 2, c1 = c2 = 0.5: M ≥ 2 + 1/2 = 2.5 hides it: cycle max(1, 2, 1) = 2.
    assertThat(AicRules.afdCycleSeconds(1, 0.5, 2, 0.5, 3)).isEqualTo(2);
    // M = 2 < 2.5: conservative max(a + c1, f + c2) = max(1.5, 2.5) = 2.5.
    assertThat(AicRules.afdCycleSeconds(1, 0.5, 2, 0.5, 2)).isEqualTo(2.5);
    // A round trip longer than both computes, M = 5 ≥ 2 + 3/2: the network sets the cycle.
    assertThat(AicRules.afdCycleSeconds(1, 1.5, 2, 1.5, 5)).isEqualTo(3);
  }

  @Test
  void takesAicActivationCoefficientsByTensorParallel() {
    assertThat(AicRules.activationCoefficient(1)).isEqualTo(22);
    assertThat(AicRules.activationCoefficient(2)).isEqualTo(13);
    assertThat(AicRules.activationCoefficient(4)).isEqualTo(10);
    assertThat(AicRules.activationCoefficient(16)).isEqualTo(10);
  }

  @Test
  void followsTheProfileEachAssumptionNames() {
    Conventions conventions =
        Conventions.of("afd+agg-ttft=aic", Map.of(AicRules.AGG_TTFT, AicRules.AIC));
    assertThat(AicRules.follows(conventions, AicRules.AGG_TTFT)).isTrue();
    assertThat(AicRules.follows(conventions, AicRules.MEMORY)).isFalse();
    assertThat(AicRules.follows(Conventions.defaults(), AicRules.AGG_TTFT)).isFalse();
  }
}
