package dev.afd.plugin.strategies.afd;

import java.util.LinkedHashMap;
import java.util.Map;

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

  void describe(Map<String, String> knobs) {
    knobs.put("attention-tp", String.valueOf(tensorParallel));
    knobs.put("attention-dp", String.valueOf(dataParallel));
    knobs.put("attention-gpus", String.valueOf(attentionDevices()));
    knobs.put("ffn-moe-tp", String.valueOf(moeTensorParallel));
    knobs.put("ffn-ep", String.valueOf(expertParallel));
    knobs.put("ffn-gpus", String.valueOf(ffnDevices()));
    knobs.put("micro-batches", String.valueOf(microBatches));
    knobs.put("router", routerOnAttention ? "attention" : "ffn");
  }

  Map<String, String> knobs() {
    Map<String, String> knobs = new LinkedHashMap<>();
    describe(knobs);
    return knobs;
  }
}
