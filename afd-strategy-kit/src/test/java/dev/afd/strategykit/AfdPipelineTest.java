package dev.afd.strategykit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.block.DenseFfnBlock;
import dev.afd.api.unit.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

class AfdPipelineTest {
  private static final double MS = 1e-3;

  /** One layer group of 2 layers with per-micro-batch stages a = 2, f = 3 (ms); no edges. */
  private static PricedStep[] stages() {
    List<LayerGroup> groups =
        List.of(
            new LayerGroup(
                "layers",
                2,
                List.of(new DenseFfnBlock(8, 8, true, Precision.BF16, Precision.BF16))));
    PricedStep attention = new PricedStep(groups);
    PricedStep ffn = new PricedStep(groups);
    attention.computePerLayer[0] = 2 * MS;
    ffn.computePerLayer[0] = 3 * MS;
    return new PricedStep[] {attention, ffn};
  }

  private static final double[][] TRANSFERS = {{1 * MS, 1 * MS}};

  @Test
  void oneMicroBatchIsTheSerialSumOfItsStages() {
    PricedStep[] stages = stages();
    AfdPipeline.Step step = AfdPipeline.step(stages[0], stages[1], TRANSFERS, 1, true);
    // M = 1: each of L = 2 layers runs a + c1 + f + c2 = 2 + 1 + 3 + 1 = 7 ms; 2 · 7 = 14 ms.
    assertThat(step.seconds()).isCloseTo(14 * MS, within(1e-12));
    assertThat(
            step.attentionBusy()
                + step.attentionToFfnBusy()
                + step.ffnBusy()
                + step.ffnToAttentionBusy())
        .isCloseTo(step.seconds(), within(1e-12));
  }

  @Test
  void pingPongIsBoundByTheCrossLayerDependencyThenByTheSlowestStage() {
    PricedStep[] stages = stages();
    // M = 2: P = max(2·max(2, 1, 3, 1), 2 + 1 + 3 + 1) = max(6, 7) = 7 ms per layer: a
    // micro-batch cannot start layer l+1 before its own F→A of layer l returns. Two layers give
    // 14 ms, plus the drain of the last micro-batch after the bottleneck: 7 − 3 = 4 ms → 18 ms.
    assertThat(AfdPipeline.step(stages[0], stages[1], TRANSFERS, 2, true).seconds())
        .isCloseTo(18 * MS, within(1e-12));
    // M = 3: P = max(3·3, 7) = 9 ms; 2 · 9 + 4 = 22 ms; the FFN (3 ms × 3) is the bottleneck.
    AfdPipeline.Step three = AfdPipeline.step(stages[0], stages[1], TRANSFERS, 3, true);
    assertThat(three.seconds()).isCloseTo(22 * MS, within(1e-12));
    assertThat(three.ffnBusy()).isCloseTo(18 * MS, within(1e-12));
    // Bubble = step − busiest stage = 22 − 18 = 4 ms.
    assertThat(three.stages().get("bubble").seconds()).isCloseTo(4 * MS, within(1e-12));
  }

  @Test
  void routerMovesBetweenStages() {
    PricedStep[] stages = stages();
    stages[1].routerPerLayer[0] = 0.5 * MS;
    // Router on attention: a = 2.5, f = 3 − 0.5 = 2.5 (the router was part of the FFN compute).
    AfdPipeline.Step onAttention = AfdPipeline.step(stages[0], stages[1], TRANSFERS, 1, true);
    AfdPipeline.Step onFfn = AfdPipeline.step(stages[0], stages[1], TRANSFERS, 1, false);
    assertThat(onAttention.attentionBusy()).isCloseTo(5 * MS, within(1e-12));
    assertThat(onFfn.attentionBusy()).isCloseTo(4 * MS, within(1e-12));
    assertThat(onAttention.seconds()).isCloseTo(onFfn.seconds(), within(1e-12));
  }

  @Test
  void aCycleRuleGivesTheFillPlusCyclesAndOverlapsEvenOneMicroBatch() {
    PricedStep[] stages = stages();
    // A cycle rule (the built-ins' AIConfigurator rule, tested in AicRulesTest) gives a step of
    // fill a + c1 + f + c2 = 7 ms plus (M·L − 1) cycles.
    // A 3 ms cycle at M = 3: 7 + 3·5 = 22 ms.
    assertThat(AfdPipeline.step(stages[0], stages[1], TRANSFERS, 3, true, fixedCycle(3)).seconds())
        .isCloseTo(22 * MS, within(1e-12));
    // A 4 ms cycle at M = 2: 7 + 4·3 = 19 ms (afd: 18 ms).
    assertThat(AfdPipeline.step(stages[0], stages[1], TRANSFERS, 2, true, fixedCycle(4)).seconds())
        .isCloseTo(19 * MS, within(1e-12));
    // M = 1: a 4 ms cycle overlaps attention and FFN of one micro-batch: 7 + 4·1 = 11 ms, where
    // afd's serial sum is 14 ms.
    assertThat(AfdPipeline.step(stages[0], stages[1], TRANSFERS, 1, true, fixedCycle(4)).seconds())
        .isCloseTo(11 * MS, within(1e-12));
  }

  private static AfdPipeline.Cycle fixedCycle(double milliseconds) {
    return (attention, toFfn, ffn, toAttention, microBatches) -> milliseconds * MS;
  }
}
