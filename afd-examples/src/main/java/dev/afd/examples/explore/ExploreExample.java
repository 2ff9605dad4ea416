package dev.afd.examples.explore;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.network.AnalyticalNetworkModel;
import java.util.List;
import java.util.Locale;

/** Searches aggregated and attention-FFN-disaggregated serving of a mid-size MoE on one node. */
public final class ExploreExample {
  /** 30B parameters, 3B active per token: small enough for one node, sparse enough for AFD. */
  private static final String MODEL_ID = "qwen3-30b-a3b";

  /** One node of eight H200 GPUs on an NVLink switch. */
  private static final String SYSTEM_ID = "h200-nvl8";

  private static final int GPUS = 8;

  /** Two evaluation threads keep the example polite on a shared machine; results do not change. */
  private static final int THREADS = 2;

  private ExploreExample() {}

  public static void main(String[] args) {
    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    ClusterSpec cluster = ClusterSpec.of(engine.system(SYSTEM_ID).withDeviceCount(GPUS));
    // Chat: 4096 cached prefix tokens, 512 new input tokens, 256 output tokens, strict SLO.
    WorkloadSpec workload = WorkloadSpec.CHAT;
    Scenario scenario =
        new Scenario(engine.model(MODEL_ID), cluster, GPUS, workload, SloSpec.strict(workload));
    Explorer explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(new RooflineCostModel())
            .networkModels(AnalyticalNetworkModel::new)
            .threads(THREADS)
            .build();
    List<StrategyRun> runs = List.of(StrategyRun.of("agg"), StrategyRun.of("agg-afd"));
    ScenarioResult result = explorer.explore(scenario, runs, everyResult -> {});
    SloSpec slo = scenario.slo();
    System.out.println(
        MODEL_ID
            + " on "
            + GPUS
            + " x "
            + SYSTEM_ID
            + ", TTFT <= "
            + slo.timeToFirstToken()
            + ", TPOT <= "
            + slo.timePerOutputToken());
    for (StrategyOutcome outcome : result.outcomes()) {
      System.out.println(
          outcome.strategyId()
              + ": "
              + outcome.bestPerDevice().map(ExploreExample::describe).orElse(outcome.whyNone()));
    }
    try {
      engine.strategy("afd"); // a deliberate mistake: the id is "agg-afd" or "pd-afd"
    } catch (AfdConfigurationException e) {
      System.out.println(e.getMessage());
    }
  }

  static String describe(ServingResult best) {
    return String.format(
        Locale.ROOT,
        "%.1f tokens/s/GPU, TTFT %.1f ms, TPOT %.2f ms, %s",
        best.tokensPerSecondPerDevice(),
        best.timeToFirstToken().toMillis(),
        best.timePerOutputToken().toMillis(),
        best.knobs());
  }
}
