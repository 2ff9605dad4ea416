package dev.afd.examples.estimate;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.network.AnalyticalNetworkModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Estimates one agg-afd deployment: every knob narrowed to a single value, one full result. */
public final class EstimateExample {
  private static final String MODEL_ID = "qwen3-30b-a3b";
  private static final String SYSTEM_ID = "h200-nvl8";
  private static final int GPUS = 8;

  /** Attention on 4 GPUs (4 data-parallel ranks), experts spread over the other 4 (EP 4). */
  private static final Map<String, String> DEPLOYMENT =
      Map.of(
          "tp",
          "1",
          "dp",
          "4",
          "moe-tp",
          "1",
          "ep",
          "4",
          "batch",
          "32",
          "chunk",
          "1024",
          "micro-batches",
          "2",
          "router",
          "ffn");

  private EstimateExample() {}

  public static void main(String[] args) {
    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    // The roofline and the analytical network model: no measured tables needed.
    Explorer explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(new RooflineCostModel())
            .networkModels(AnalyticalNetworkModel::new)
            .build();
    ClusterSpec cluster = ClusterSpec.of(engine.system(SYSTEM_ID).withDeviceCount(GPUS));
    WorkloadSpec workload = WorkloadSpec.CHAT;
    Scenario scenario =
        new Scenario(engine.model(MODEL_ID), cluster, GPUS, workload, SloSpec.strict(workload));
    ServingStrategy strategy = explorer.strategy(scenario, new StrategyRun("agg-afd", DEPLOYMENT));
    List<Candidate> candidates = new ArrayList<>();
    strategy.enumerate(candidates::add);
    ServingResult result = strategy.evaluate(candidates.get(0)); // the only one
    System.out.println("candidates: " + candidates.size() + ", knobs: " + result.knobs());
    System.out.println(
        "feasible: " + result.feasible() + ", meets SLO: " + result.meets(scenario.slo()));
    System.out.println(
        String.format(
            Locale.ROOT,
            "TTFT %.2f ms, TPOT %.2f ms",
            result.timeToFirstToken().toMillis(),
            result.timePerOutputToken().toMillis()));
    System.out.println(
        String.format(
            Locale.ROOT,
            "%.1f tokens/s/GPU, %.1f tokens/s/user",
            result.tokensPerSecondPerDevice(),
            result.tokensPerSecondPerUser()));
    for (MemoryUsage memory : result.memory()) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "%s memory: %.1f GiB of %s",
              memory.group(),
              memory.total().toGibibytes(),
              memory.capacity()));
    }
    result
        .stageTimes()
        .forEach(
            (stage, time) ->
                System.out.println(
                    String.format(
                        Locale.ROOT, "  %-9s %6.2f ms per step", stage, time.toMillis())));
    try {
      explorer.strategy(scenario, new StrategyRun("agg-afd", Map.of("micro-batch", "2")));
    } catch (AfdConfigurationException e) { // a deliberate typo: the key is "micro-batches"
      System.out.println(e.getMessage());
    }
  }
}
