package dev.afd.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.network.AnalyticalNetworkModel;
import dev.afd.engine.recipe.Backend;
import dev.afd.engine.recipe.ServingRecipe;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The simulation prices iterations exactly as the strategies price their steps. */
class SimulationTargetTest {
  private static final AfdEngine ENGINE = AfdEngine.builder().discoverPlugins().build();
  private static final KernelCostModel COST = KernelCostModels.forEngine(ENGINE, null, "trtllm");

  private static SimulationTarget target(int gpus, String strategy, Map<String, String> options) {
    ClusterSpec cluster = ClusterSpec.of(ENGINE.system("h200-nvl8").withDeviceCount(gpus));
    WorkloadSpec workload = WorkloadSpec.CHAT;
    Scenario scenario =
        new Scenario(
            ENGINE.model("deepseek-v3"), cluster, gpus, workload, SloSpec.strict(workload));
    Explorer explorer =
        Explorer.builder()
            .engine(ENGINE)
            .kernelCostModel(COST)
            .recipe(ServingRecipe.of(Backend.of("trtllm")))
            .networkModels(AnalyticalNetworkModel::new)
            .threads(1)
            .build();
    NetworkModel network = new AnalyticalNetworkModel(cluster);
    return SimulationTarget.of(
        explorer, scenario, new StrategyRun(strategy, new TreeMap<>(options)), COST, network);
  }

  private static final Map<String, String> AGG =
      Map.of("tp", "8", "dp", "1", "moe-tp", "1", "ep", "8", "batch", "32", "chunk", "2048");

  @Test
  void aggDecodeIterationIsTheStrategysDecodeIteration() {
    SimulationTarget target = target(8, "agg", AGG);
    Deployment.Aggregated agg = (Deployment.Aggregated) target.deployment();
    ServingResult closedForm = target.closedForm();
    // chat: prefix 4096 + isl 512 + (osl − 1)/2 = 4735.5, rounded to 4736 as the strategy does.
    double decode = agg.pricer().iterationSeconds(32, 4736, 0, 0, 0);
    assertThat(decode)
        .isCloseTo(
            closedForm.stageTimes().get("decode-iteration").seconds(), withinPercentage(1e-9));
    assertThat(agg.ranks()).isEqualTo(1);
    assertThat(agg.batch()).isEqualTo(32);
    assertThat(agg.chunk()).isEqualTo(2048);
    // Room for at least the 32 sequences at their final context that the strategy checked.
    assertThat(agg.kvCapacityTokens()).isGreaterThanOrEqualTo(32L * (4096 + 512 + 256));
  }

  @Test
  void pdDecodeIterationIsTheStrategysTpot() {
    SimulationTarget target =
        target(
            16,
            "pd",
            Map.of(
                "tp",
                "8",
                "dp",
                "1",
                "moe-tp",
                "1",
                "ep",
                "8",
                "batch",
                "64",
                "decode-workers",
                "1"));
    Deployment.Disaggregated pd = (Deployment.Disaggregated) target.deployment();
    double decode = pd.decodePricer().iterationSeconds(64, 4736, 0, 0, 0);
    assertThat(decode)
        .isCloseTo(target.closedForm().timePerOutputToken().seconds(), withinPercentage(1e-9));
    assertThat(pd.kvTransferSecondsPerToken() * 512)
        .isCloseTo(target.closedForm().kvTransfer().seconds(), withinPercentage(1e-9));
  }

  @Test
  void rejectsAStrategyItDoesNotSimulate() {
    assertThatThrownBy(() -> target(8, "agg-afd", Map.of()))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Option --strategy 'agg-afd' is not simulated; expected one of [agg, pd] (agg-afd and"
                + " pd-afd are not simulated yet)");
  }
}
