package dev.afd.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
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
        ENGINE,
        explorer,
        scenario,
        new StrategyRun(strategy, new TreeMap<>(options)),
        COST,
        network);
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
    SimulationTarget target = target(16, "pd", pd());
    Deployment.Disaggregated pd = (Deployment.Disaggregated) target.deployment();
    double decode = pd.decodePricer().iterationSeconds(64, 4736, 0, 0, 0);
    assertThat(decode)
        .isCloseTo(target.closedForm().timePerOutputToken().seconds(), withinPercentage(1e-9));
    assertThat(pd.kvTransferSecondsPerToken() * 512)
        .isCloseTo(target.closedForm().kvTransfer().seconds(), withinPercentage(1e-9));
  }

  /** The decode side at TP 8 / EP 8 and batch 64 of pd, agg-afd and pd-afd. */
  private static final Map<String, String> DECODE =
      Map.of("tp", "8", "dp", "1", "moe-tp", "1", "ep", "8", "batch", "64");

  /** {@return an AFD unit of 8 attention and 8 FFN GPUs, two micro-batches, plus {@code more}} */
  private static Map<String, String> unit(String... more) {
    return with(DECODE, with(Map.of("micro-batches", "2", "router", "attention"), more));
  }

  /** {@return one pd decode worker, plus {@code more} options} */
  private static Map<String, String> pd(String... more) {
    return with(DECODE, with(Map.of("decode-workers", "1"), more));
  }

  private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
    Map<String, String> options = new TreeMap<>(base);
    options.putAll(more);
    return options;
  }

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> options = new TreeMap<>(base);
    for (int index = 0; index < pairs.length; index += 2) {
      options.put(pairs[index], pairs[index + 1]);
    }
    return options;
  }

  /**
   * agg-afd's TPOT is its mean step: a share p/c = (64 · 512/256)/512 = 0.25 of the steps carries a
   * 512-token chunk (two micro-batches of 32 decodes at 4736 and 256 prompt tokens cached at 4096 +
   * 512/2), the rest decode alone.
   */
  @Test
  void aggAfdMeanIterationIsTheStrategysTpot() {
    SimulationTarget target = target(16, "agg-afd", unit("chunk", "2048"));
    Deployment.Aggregated agg = (Deployment.Aggregated) target.deployment();
    double mixed = agg.pricer().iterationSeconds(64, 4736, 1, 512, 4352);
    double decode = agg.pricer().iterationSeconds(64, 4736, 0, 0, 0);
    assertThat(0.25 * mixed + 0.75 * decode)
        .isCloseTo(target.closedForm().timePerOutputToken().seconds(), withinPercentage(1e-9));
    assertThat(agg.ranks()).isEqualTo(1);
    assertThat(agg.batch()).isEqualTo(64);
    assertThat(agg.chunk()).isEqualTo(2048);
    assertThat(agg.devices()).isEqualTo(16);
    assertThat(agg.kvCapacityTokens()).isGreaterThanOrEqualTo(64L * (4096 + 512 + 256));
  }

  @Test
  void pdAfdDecodeIterationIsTheStrategysTpot() {
    SimulationTarget target = target(24, "pd-afd", unit("decode-workers", "1"));
    Deployment.Disaggregated pd = (Deployment.Disaggregated) target.deployment();
    double decode = pd.decodePricer().iterationSeconds(64, 4736, 0, 0, 0);
    assertThat(decode)
        .isCloseTo(target.closedForm().timePerOutputToken().seconds(), withinPercentage(1e-9));
    assertThat(pd.decodeRanks()).isEqualTo(1);
    assertThat(pd.decodeBatch()).isEqualTo(64);
    assertThat(pd.prefillRanks()).isEqualTo(1);
    assertThat(pd.kvTransferSecondsPerToken() * 512)
        .isCloseTo(target.closedForm().kvTransfer().seconds(), withinPercentage(1e-9));
  }

  /**
   * MTP with one draft at the default first rate 0.92: a decode step runs 2 query tokens per
   * sequence, takes (61 + 1)/61 of the priced step and emits 1.92 tokens; TPOT is their quotient.
   */
  @Test
  void pdMtpDecodeIterationIsTheStrategysTpot() {
    SimulationTarget target = target(16, "pd", pd("mtp", "1"));
    Deployment.Disaggregated pd = (Deployment.Disaggregated) target.deployment();
    Speculation speculation = pd.speculation();
    assertThat(speculation.draftTokens()).isEqualTo(1);
    assertThat(speculation.acceptedPerStep()).isEqualTo(0.92);
    assertThat(speculation.stepScale()).isEqualTo(62 / 61.0);
    double step = pd.decodePricer().iterationSeconds(128, 4736, 0, 0, 0) * 62 / 61.0;
    assertThat(step / 1.92)
        .isCloseTo(target.closedForm().timePerOutputToken().seconds(), withinPercentage(1e-9));
  }

  /**
   * Drafts beyond the given rates take the default list's: 0.5 then 0.717 gives E = 0.5 + 0.3585.
   */
  @Test
  void aggMtpTakesDefaultRatesBeyondTheList() {
    Map<String, String> options = new TreeMap<>(AGG);
    options.put("mtp", "2");
    options.put("mtp-acceptance", "0.5");
    Speculation speculation =
        ((Deployment.Aggregated) target(8, "agg", options).deployment()).speculation();
    assertThat(speculation.acceptedPerStep()).isCloseTo(0.5 + 0.5 * 0.717, within(1e-15));
    assertThat(speculation.stepScale()).isEqualTo(63 / 61.0);
  }

  @Test
  void rejectsAStrategyItDoesNotSimulate() {
    assertThatThrownBy(() -> target(8, "colocated", Map.of()))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Option --strategy 'colocated' is not simulated; expected one of [agg, pd, agg-afd,"
                + " pd-afd]");
  }
}
