package dev.afd.plugin.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.plugin.strategies.afd.PdAfdStrategyProvider;
import dev.afd.plugin.strategies.pd.PdStrategyProvider;
import dev.afd.spi.StrategyProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code pd} and {@code pd-afd} on the TCK fixture: the tiny MoE (2 layers, hidden 1024, GQA 8×128
 * with 8 KV heads, 8 gated experts of 512, top-2, vocabulary 32000, BF16), 100 TFLOP/s and 1 TB/s
 * devices with a plain roofline, links of 100 GB/s and 1 µs. One decoding sequence, prefix 0, isl
 * 1, osl 1024, every layout one device wide.
 *
 * <p>Bytes a decode step reads (derivation in {@code AggStrategyHandDerivedTest}): attention
 * projections 16.78 MB, two touched experts per layer 12.58 MB, router 0.03 MB, LM head 65.54 MB,
 * KV 2 × 515 × 4096 B = 4.22 MB; 99.15 MB in all, so 99.15 µs at 1 TB/s.
 */
class DisaggregatedHandDerivedTest {
  private static final WorkloadSpec DECODE_HEAVY = new WorkloadSpec("decode", 0, 1, 1024);

  private static ServingResult evaluate(StrategyProvider provider, Map<String, String> extra) {
    return evaluate(provider, extra, DECODE_HEAVY);
  }

  private static ServingResult evaluate(
      StrategyProvider provider, Map<String, String> extra, WorkloadSpec workload) {
    Map<String, String> options =
        SingleCandidate.oneDevice("batch", "1", "decode-workers", "1", "prefill-batch", "1");
    options.putAll(extra);
    return SingleCandidate.evaluate(provider, options, workload);
  }

  @Test
  void prefillDecodeAddsThePrefillStepAndOneLayerOfKvTransferToTtft() {
    ServingResult result = evaluate(new PdStrategyProvider(), Map.of());
    assertThat(result.feasible()).as(result.reason()).isTrue();
    // Decode: the 99.15 µs step above.
    assertThat(result.timePerOutputToken().seconds()).isCloseTo(99.15e-6, withinPercentage(1));
    // Prefill of the 1 new token reads the same weights but only 1 KV position per layer
    // (2 × 2 × 4096 B): 16.78 + 12.58 + 0.03 + 65.54 + 0.02 = 94.95 MB → 94.95 µs.
    // KV transfer: 1 token × 8192 B over one 100 GB/s link, 1 µs + 0.08 µs, overlapped layer by
    // layer so one of 2 layers shows: 0.54 µs. The pool runs at ρ = (1/(1024 · 99.15 µs)) /
    // (1/94.95 µs) = 9.4e-4, so the M/D/1 wait is ρ·S/(2(1 − ρ)) = 0.04 µs.
    // TTFT = 0.04 + 94.95 + 0.54 = 95.53 µs.
    assertThat(result.timeToFirstToken().seconds()).isCloseTo(95.53e-6, withinPercentage(1));
    assertThat(result.kvTransfer().seconds()).isCloseTo(0.54e-6, withinPercentage(1));
    assertThat(result.devicesByRole())
        .containsExactly(Map.entry("prefill", 1), Map.entry("decode", 1));
  }

  @Test
  void attentionFfnDecodeAddsTwoTransfersPerLayer() {
    ServingResult result =
        evaluate(new PdAfdStrategyProvider(), Map.of("micro-batches", "1", "router", "attention"));
    assertThat(result.feasible()).as(result.reason()).isTrue();
    // The same 99.15 MB are read, split between the attention device (projections, KV, router,
    // LM head) and the FFN device (experts), one after the other (one micro-batch). Each of the 2
    // layers adds A→F: 1 token × 1024 × 1 B (FP8 dispatch) → 1 µs + 0.01 µs, and F→A: 2048 B
    // (BF16) → 1 µs + 0.02 µs. TPOT = 99.15 + 2 × 2.03 = 103.21 µs.
    assertThat(result.timePerOutputToken().seconds()).isCloseTo(103.21e-6, withinPercentage(1));
    assertThat(result.stageTimes().get("a2f").seconds())
        .isCloseTo(2 * 1.01024e-6, withinPercentage(0.1));
    assertThat(result.stageTimes().get("f2a").seconds())
        .isCloseTo(2 * 1.02048e-6, withinPercentage(0.1));
    assertThat(result.stageTimes().get("bubble").seconds()).isGreaterThan(0);
    assertThat(result.devicesByRole())
        .containsExactly(Map.entry("prefill", 1), Map.entry("attention", 1), Map.entry("ffn", 1));
  }

  @Test
  void prefillWorkersThatAreAttentionFfnUnitsAddTheirTransfersToTtft() {
    ServingResult result =
        evaluate(
            new PdAfdStrategyProvider(),
            Map.of(
                "micro-batches", "1",
                "router", "attention",
                "prefill-worker", "afd",
                "prefill-micro-batches", "1"));
    assertThat(result.feasible()).as(result.reason()).isTrue();
    // The prefill unit reads the 94.95 MB of the plain prefill step (test above), split between
    // its attention and FFN devices, one after the other (one micro-batch), and each of the 2
    // layers adds the decode unit's A→F 1.01 µs and F→A 1.02 µs: 94.95 + 2 × 2.03 = 99.01 µs.
    // Utilisation (1/(1024 · 103.21 µs)) / (1/99.01 µs) = 9.4e-4 gives an M/D/1 wait of 0.05 µs;
    // the KV leaves the prefill unit's attention device as in the test above: 0.54 µs.
    // TTFT = 0.05 + 99.01 + 0.54 = 99.60 µs.
    assertThat(result.timeToFirstToken().seconds()).isCloseTo(99.60e-6, withinPercentage(1));
    assertThat(result.timePerOutputToken().seconds()).isCloseTo(103.21e-6, withinPercentage(1));
    assertThat(result.knobs()).containsEntry("prefill-micro-batches", "1");
    // A prefill unit is one attention and one FFN device.
    assertThat(result.devicesByRole())
        .containsExactly(Map.entry("prefill", 2), Map.entry("attention", 1), Map.entry("ffn", 1));
  }

  @Test
  void aFixedPrefillPoolThatCannotKeepUpIsInfeasibleNotInfinite() {
    // 4096-token prompts, 2 output tokens, 64 decoding sequences: the decode pool finishes
    // thousands of requests a second, while one prefill worker needs milliseconds per prompt, so
    // its utilisation is far above 1 and an open-loop queue would grow without bound.
    WorkloadSpec prefillHeavy = new WorkloadSpec("prefill-heavy", 0, 4096, 2);
    Map<String, String> pd = Map.of("batch", "64", "prefill-workers", "1");
    Map<String, String> pdAfd = new HashMap<>(pd);
    pdAfd.putAll(Map.of("micro-batches", "1", "router", "attention"));

    for (Map.Entry<StrategyProvider, Map<String, String>> run :
        List.of(
            Map.entry((StrategyProvider) new PdStrategyProvider(), pd),
            Map.entry((StrategyProvider) new PdAfdStrategyProvider(), pdAfd))) {
      ServingResult result = evaluate(run.getKey(), run.getValue(), prefillHeavy);

      assertThat(result.feasible()).isFalse();
      assertThat(result.reason())
          .startsWith("prefill pool of 1 worker(s) × 1 devices is saturated at ")
          .endsWith("≥ 1): give it more prefill-workers or let afd choose them");
    }
  }
}
