package dev.afd.plugin.strategies.afd;

import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.plugin.strategies.common.Knobs;

/**
 * One attention-FFN unit: attention on {@code TP × DP} devices, the FFN on {@code MoE TP × EP}
 * devices, {@code microBatches} in flight, the router on one side.
 *
 * @param tensorParallel attention TP
 * @param dataParallel attention DP
 * @param moeTensorParallel FFN TP
 * @param expertParallel FFN EP
 * @param microBatches micro-batches in flight
 * @param routerOnAttention whether the router runs with attention
 */
record AfdLayout(
    int tensorParallel,
    int dataParallel,
    int moeTensorParallel,
    int expertParallel,
    int microBatches,
    boolean routerOnAttention) {

  int attentionDevices() {
    return tensorParallel * dataParallel;
  }

  int ffnDevices() {
    return moeTensorParallel * expertParallel;
  }

  int devices() {
    return attentionDevices() + ffnDevices();
  }

  void describe(ImmutableOrderedMap.Builder<String, String> knobs) {
    knobs.put("attention-tp", Knobs.text(tensorParallel));
    knobs.put("attention-dp", Knobs.text(dataParallel));
    knobs.put("attention-gpus", Knobs.text(attentionDevices()));
    knobs.put("ffn-moe-tp", Knobs.text(moeTensorParallel));
    knobs.put("ffn-ep", Knobs.text(expertParallel));
    knobs.put("ffn-gpus", Knobs.text(ffnDevices()));
    knobs.put("micro-batches", Knobs.text(microBatches));
    knobs.put("router", routerOnAttention ? "attention" : "ffn");
  }

  /** {@return a builder holding this layout's knobs, with room for {@code more}} */
  ImmutableOrderedMap.Builder<String, String> knobs(int more) {
    ImmutableOrderedMap.Builder<String, String> knobs = ImmutableOrderedMap.builder(8 + more);
    describe(knobs);
    return knobs;
  }
}
