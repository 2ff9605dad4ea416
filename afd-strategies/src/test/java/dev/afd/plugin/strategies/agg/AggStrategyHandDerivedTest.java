package dev.afd.plugin.strategies.agg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.plugin.strategies.SingleCandidate;
import org.junit.jupiter.api.Test;

/**
 * {@code agg} on the TCK's tiny MoE (2 layers, hidden 1024, GQA 8×128 with 8 KV heads, 8 gated
 * experts of 512 with top-2, vocabulary 32000, BF16) on one 100 TFLOP/s, 1 TB/s device with a plain
 * roofline (efficiency 1, no overhead), batch 1.
 */
class AggStrategyHandDerivedTest {

  @Test
  void decodeOfOneSequenceReadsItsWeightsAndKvOnce() {
    // isl 1, osl 1024: prefill needs 1·1/1024 tokens per iteration, which rounds to none, so an
    // iteration is one decode token at the mean context 0 + 1 + 1023/2 = 512.5 → 513 cached.
    WorkloadSpec workload = new WorkloadSpec("decode", 0, 1, 1024);
    ServingResult result =
        SingleCandidate.evaluate(
            new AggStrategyProvider(),
            SingleCandidate.oneDevice("batch", "1", "chunk", "512"),
            workload);

    // One token: every operator is memory-bound (arithmetic intensity ≈ 1 FLOP/B ≪ 100), so
    // TPOT ≈ bytes / 1 TB/s. Bytes per step, BF16 = 2 B:
    //   attention projections, 2 layers × (QKV 1024·3072 + O 1024·1024) · 2 B = 16.78 MB
    //   touched experts: 1 token picks 2 of 8: 2 layers × 2 × 3·1024·512 · 2 B  = 12.58 MB
    //   router 2 × 1024·8 · 2 B                                               =  0.03 MB
    //   LM head 32000·1024 · 2 B                                              = 65.54 MB
    //   KV: 514 cached positions read + 1 written, 2·8·128·2 B = 4096 B each,
    //       2 layers × 515 · 4096 B                                           =  4.22 MB
    //   total ≈ 99.15 MB → 99.15 µs; norms, embedding row and activations add < 0.1 %.
    assertThat(result.feasible()).isTrue();
    assertThat(result.timePerOutputToken().seconds()).isCloseTo(99.15e-6, withinPercentage(1));
    // TTFT: the 1-token prefill needs ⌈1/(512 − 1)⌉ = 1 iteration that carries it, S: the decode
    // token plus the prompt token. Two tokens pick 8·(1 − (6/8)²) = 3.5 distinct experts, 1.5 more
    // than one token: + 1.5 × 2 layers × 3·1024·512 · 2 B = 9.44 MB → S ≈ 108.6 µs. Utilization
    // ρ = 1·1/1024; M/D/1 wait ρS/(2(1 − ρ)) = S/2046.
    double tpot = result.timePerOutputToken().seconds();
    assertThat(result.timeToFirstToken().seconds() / (1 + 1.0 / 2046))
        .isCloseTo(108.6e-6, withinPercentage(1));
    // The fixture has 8 devices: 8 one-device replicas, each decoding one sequence at 1/TPOT.
    assertThat(result.knobs()).containsEntry("replicas", "8");
    assertThat(result.tokensPerSecond()).isCloseTo(8 / tpot, withinPercentage(0.001));
  }

  private static ServingResult closedLoop(WorkloadSpec workload, int clients) {
    return SingleCandidate.evaluate(
        new AggStrategyProvider(),
        SingleCandidate.oneDevice(
            "batch", String.valueOf(clients), "chunk", "8192", "arrivals", "closed-loop"),
        workload);
  }

  @Test
  void aClosedLoopLargerThanTheKvCacheWaitsForSlots() {
    // 100,000-token prompts, 100 output tokens: resident requests are spread over their decode, so
    // each holds its mean context, 100,000 + 99/2 = 100,049.5 → 100,050 positions × 2 layers × 2
    // (K, V) × 8 heads × 128 × 2 B = 819.6 MB of KV; 200 clients (164 GB) cannot all be resident
    // on an 80 GB device. The engine holds a of them; the other 200 − a wait for a slot.
    WorkloadSpec longPrompts = new WorkloadSpec("long", 0, 100_000, 100);
    ServingResult all = closedLoop(longPrompts, 200);

    assertThat(all.feasible()).as(all.reason()).isTrue();
    int admitted = Integer.parseInt(all.knobs().get("kv-admitted"));
    double kvPerSequence = 100_050 * 2 * 2 * 8 * 128 * 2.0;
    double used = (double) all.memory().get(0).total().bytes();
    double capacity = (double) all.memory().get(0).capacity().bytes();
    // a is the most that fit: a fits, a + 1 does not.
    assertThat(used).isLessThanOrEqualTo(capacity);
    assertThat(used + kvPerSequence).isGreaterThan(capacity);
    assertThat(admitted).isBetween(1, 199);

    // The running a behave as an a-client loop whose finished slots refill at once; its
    // throughput X_a = a / (TTFT_a + 99·TPOT_a) serves all 200, so by Little's law every request
    // first waits (200 − a) / X_a.
    ServingResult running = closedLoop(longPrompts, admitted);
    double ttft = running.timeToFirstToken().seconds();
    double tpot = running.timePerOutputToken().seconds();
    double throughput = admitted / (ttft + 99 * tpot);
    assertThat(all.timePerOutputToken().seconds()).isEqualTo(tpot);
    assertThat(all.timeToFirstToken().seconds())
        .isCloseTo(ttft + (200 - admitted) / throughput, withinPercentage(1e-9));
  }
}
