package dev.afd.examples.plugins;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.PluginInfo;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.network.AnalyticalNetworkModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The example plugin jar, found by discovery like the built-ins: its NPU, its strategy, both at
 * work.
 */
public final class PluginsExample {
  private static final List<String> PLUGIN_IDS = List.of("acme", "hetero-afd");
  private static final String MODEL_ID = "qwen3-30b-a3b";
  private static final int GPUS = 8;
  private static final int NPUS = 16;

  /** 400 Gbit/s Ethernet per device per direction between the GPU node and the NPU pod. */
  private static final NetworkDimension FABRIC =
      new NetworkDimension(
          "ethernet",
          DimensionKind.SWITCH,
          2,
          ByteRate.ofGigabitsPerSecond(400),
          TimeSpan.ofMicros(10));

  private PluginsExample() {}

  public static void main(String[] args) {
    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    for (PluginInfo plugin : engine.plugins()) {
      if (PLUGIN_IDS.contains(plugin.id())) {
        System.out.println(plugin.kind() + " " + plugin.id() + ": " + plugin.contributes());
      }
    }
    AcceleratorSpec npu = engine.accelerator("acme-npu");
    System.out.println(
        npu.id()
            + ": SRAM "
            + npu.onChipMemory()
            + " at "
            + npu.onChipBandwidth()
            + ", HBM "
            + npu.memoryCapacityPerDevice()
            + " at "
            + npu.memoryBandwidth());
    // Attention and the KV cache on H200s (the primary system), the MoE FFN on Acme NPUs.
    SystemSpec gpus = engine.system("h200-nvl8").withDeviceCount(GPUS);
    SystemSpec npus = engine.system("acme-npu-pod-64").withDeviceCount(NPUS);
    ClusterSpec cluster = new ClusterSpec("h200-acme", List.of(gpus, npus), FABRIC);
    WorkloadSpec workload = WorkloadSpec.CHAT;
    Scenario scenario =
        new Scenario(
            engine.model(MODEL_ID), cluster, GPUS + NPUS, workload, SloSpec.strict(workload));
    Explorer explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(new RooflineCostModel())
            .networkModels(AnalyticalNetworkModel::new)
            .threads(2)
            .build();
    List<StrategyRun> runs =
        List.of(
            StrategyRun.of("hetero-afd"),
            new StrategyRun("agg-afd", Map.of("ffn-system", "acme-npu-pod-64")));
    for (StrategyOutcome outcome : explorer.explore(scenario, runs, result -> {}).outcomes()) {
      System.out.println(
          outcome.strategyId()
              + ": "
              + outcome
                  .bestPerDevice()
                  .map(
                      best ->
                          String.format(
                              Locale.ROOT,
                              "%.1f tokens/s/device, %s",
                              best.tokensPerSecondPerDevice(),
                              best.knobs()))
                  .orElse(outcome.whyNone()));
    }
  }
}
