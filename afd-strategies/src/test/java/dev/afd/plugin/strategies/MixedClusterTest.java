package dev.afd.plugin.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.engine.network.AnalyticalNetworkModel;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyOptions;
import dev.afd.spi.StrategyProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in strategy on a cluster of two systems with different accelerators (8 H200 and 16
 * B200), priced by the analytical network model, which rejects a device group that runs past its
 * system: each candidate is feasible or says why not, and none is placed outside its system.
 */
class MixedClusterTest {
  private static final AfdEngine ENGINE = AfdEngine.builder().discoverPlugins().build();
  private static final ClusterSpec CLUSTER =
      new ClusterSpec(
          "h200-plus-b200",
          List.of(
              ENGINE.system("h200-nvl8").withDeviceCount(8),
              ENGINE.system("b200-nvl8").withDeviceCount(16)),
          new NetworkDimension(
              "ethernet",
              DimensionKind.SWITCH,
              2,
              ByteRate.ofGigabitsPerSecond(400),
              TimeSpan.ofMicros(10)));

  private static StrategyContext context(StrategyProvider provider, Map<String, String> options) {
    return StrategyContext.builder()
        .model(ENGINE.model("qwen3-30b-a3b"))
        .cluster(CLUSTER)
        .workload(WorkloadSpec.CHAT)
        .slo(SloSpec.strict(WorkloadSpec.CHAT))
        .kernelCostModel(new RooflineCostModel())
        .networkModel(new AnalyticalNetworkModel(CLUSTER))
        .options(StrategyOptions.parse(provider.id(), provider.options(), options))
        .build();
  }

  private static List<ServingResult> evaluateAll(String strategyId, Map<String, String> options) {
    StrategyProvider provider = ENGINE.strategy(strategyId);
    ServingStrategy strategy = provider.create(context(provider, options));
    List<Candidate> candidates = new ArrayList<>();
    strategy.enumerate(candidates::add);
    List<ServingResult> results = new ArrayList<>();
    for (Candidate candidate : candidates) {
      results.add(strategy.evaluate(candidate));
    }
    return results;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"agg", "pd", "agg-afd", "pd-afd"})
  void everyCandidateIsFeasibleOrSaysWhyNot(String strategyId) {
    List<ServingResult> results = evaluateAll(strategyId, Map.of());

    assertThat(results).isNotEmpty();
    assertThat(results).anyMatch(ServingResult::feasible);
    assertThat(results)
        .allMatch(result -> result.feasible() || !result.reason().isEmpty())
        .allMatch(result -> result.devices() <= CLUSTER.deviceCount());
  }

  @Test
  void aggRunsEachReplicaOnOneSystemItFits() {
    List<ServingResult> results = evaluateAll("agg", Map.of());

    assertThat(results)
        .filteredOn(result -> result.knobs().get("system").equals("h200-nvl8"))
        .isNotEmpty()
        .allMatch(result -> result.devices() <= 8);
    assertThat(results)
        .filteredOn(result -> result.knobs().get("system").equals("b200-nvl8"))
        .isNotEmpty()
        .allMatch(result -> result.devices() <= 16);
  }

  @Test
  void aggReplicaWiderThanEverySystemIsInfeasibleWithTheReason() {
    List<ServingResult> results =
        evaluateAll(
            "agg",
            Map.of("tp", "1", "dp", "24", "moe-tp", "1", "ep", "24", "batch", "8", "chunk", "512"));

    assertThat(results).hasSize(1);
    assertThat(results.get(0).feasible()).isFalse();
    assertThat(results.get(0).knobs()).containsEntry("system", "none");
    assertThat(results.get(0).reason())
        .isEqualTo(
            "agg needs one accelerator type for a replica, but a replica of 24 devices fits no"
                + " system of cluster 'h200-plus-b200', which mixes accelerator types: h200-nvl8"
                + " (8 × nvidia-h200-sxm), b200-nvl8 (16 × nvidia-b200)");
  }

  @Test
  void aggOnANamedSystemSaysWhenTheReplicaDoesNotFitIt() {
    List<ServingResult> results =
        evaluateAll(
            "agg",
            Map.of(
                "system", "primary", "tp", "1", "dp", "16", "moe-tp", "1", "ep", "16", "batch", "8",
                "chunk", "512"));

    assertThat(results).hasSize(1);
    assertThat(results.get(0).reason())
        .isEqualTo(
            "a replica of 16 devices does not fit system h200-nvl8 (8 × nvidia-h200-sxm) within"
                + " the budget of 24 devices");
  }
}
