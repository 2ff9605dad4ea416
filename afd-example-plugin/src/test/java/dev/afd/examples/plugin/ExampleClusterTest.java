package dev.afd.examples.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.explore.StudySpec;
import dev.afd.engine.network.AnalyticalNetworkModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugin's own cluster file ({@code hardware/h200-attention-acme-ffn.yaml}) explored with every
 * default strategy and {@code hetero-afd}: each finds feasible deployments or says why not.
 */
class ExampleClusterTest {
  @Test
  void everyStrategyRunsOnThePluginsCluster() {
    AfdEngine engine =
        AfdEngine.builder()
            .discoverPlugins()
            .hardwareFiles(List.of(Path.of("hardware", "h200-attention-acme-ffn.yaml")))
            .build();
    ClusterSpec cluster = engine.cluster("h200-attention-acme-ffn");
    WorkloadSpec workload = WorkloadSpec.CHAT;
    Scenario scenario =
        new Scenario(
            engine.model("qwen3-30b-a3b"),
            cluster,
            cluster.deviceCount(),
            workload,
            SloSpec.strict(workload));
    List<StrategyRun> runs = new ArrayList<>();
    StudySpec.referenceStrategies().forEach(id -> runs.add(StrategyRun.of(id)));
    runs.add(StrategyRun.of(HeteroAfdStrategyProvider.ID));
    Explorer explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(new RooflineCostModel())
            .networkModels(AnalyticalNetworkModel::new)
            .threads(2)
            .build();

    ScenarioResult result = explorer.explore(scenario, runs, any -> {});

    assertThat(scenario.hardware())
        .isEqualTo(
            "h200-attention-acme-ffn: 16 × nvidia-h200-sxm (h200-nvl8) + 32 × acme-npu"
                + " (acme-npu-pod-64)");
    assertThat(result.outcomes()).extracting(StrategyOutcome::strategyId).hasSize(5);
    for (StrategyOutcome outcome : result.outcomes()) {
      assertThat(outcome.feasible())
          .as("feasible candidates of %s", outcome.strategyId())
          .isPositive();
      assertThat(outcome.bestPerDevice().isPresent() || !outcome.whyNone().isEmpty())
          .as("%s meets the SLO or says why not", outcome.strategyId())
          .isTrue();
    }
  }
}
