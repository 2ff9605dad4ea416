package dev.afd.plugin.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.engine.network.AnalyticalNetworkModel;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyOptions;
import dev.afd.spi.StrategyProvider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Physical invariants of every built-in strategy, over every built-in model on three systems: more
 * bandwidth or FLOP/s is never slower, more memory is never less feasible, TPOT is never below the
 * time a device needs to read the weights it holds, and {@code agg-afd} with one micro-batch is the
 * serial sum of its stages.
 */
class StrategyInvariantsTest {
  private static final AfdEngine ENGINE = AfdEngine.builder().discoverPlugins().build();
  private static final int DEVICES = 64;
  private static final WorkloadSpec WORKLOAD = new WorkloadSpec("invariants", 1024, 1024, 256);

  /** Narrowed option ranges per strategy, so the matrix stays fast but covers each mechanism. */
  private static final Map<String, Map<String, String>> OPTIONS =
      Map.of(
          "agg",
          Map.of(
              "tp", "1,8", "dp", "1,8", "moe-tp", "1,8", "ep", "1,8", "batch", "1,32", "chunk",
              "4096"),
          "pd",
          Map.of(
              "tp",
              "8",
              "dp",
              "1,8",
              "moe-tp",
              "1,8",
              "ep",
              "1,8",
              "batch",
              "32",
              "decode-workers",
              "1",
              "prefill-batch",
              "1"),
          "agg-afd",
          Map.of(
              "tp",
              "1",
              "dp",
              "8",
              "moe-tp",
              "1,8",
              "ep",
              "1,8",
              "batch",
              "32",
              "chunk",
              "4096",
              "micro-batches",
              "1,2",
              "router",
              "attention"),
          "pd-afd",
          Map.of(
              "tp",
              "1",
              "dp",
              "8",
              "moe-tp",
              "1,8",
              "ep",
              "1,8",
              "batch",
              "32",
              "micro-batches",
              "1,2",
              "router",
              "ffn",
              "decode-workers",
              "1",
              "prefill-batch",
              "1"));

  static Stream<Arguments> everyModelSystemAndStrategy() {
    List<Arguments> cases = new ArrayList<>();
    for (MoeModelSpec model : ENGINE.models()) {
      for (String system : List.of("b200-nvl8", "h200-nvl8", "mi355x-8")) {
        for (String strategy : List.of("agg", "pd", "agg-afd", "pd-afd")) {
          cases.add(Arguments.of(model.id(), system, strategy));
        }
      }
    }
    return cases.stream();
  }

  private static List<ServingResult> evaluate(
      String modelId, String strategyId, SystemSpec system) {
    StrategyProvider provider = ENGINE.strategy(strategyId);
    ClusterSpec cluster = ClusterSpec.of(system);
    StrategyContext context =
        StrategyContext.builder()
            .model(ENGINE.model(modelId))
            .cluster(cluster)
            .workload(WORKLOAD)
            .kernelCostModel(new RooflineCostModel())
            .networkModel(new AnalyticalNetworkModel(cluster))
            .options(StrategyOptions.parse(strategyId, provider.options(), OPTIONS.get(strategyId)))
            .build();
    ServingStrategy strategy = provider.create(context);
    List<Candidate> candidates = new ArrayList<>();
    strategy.enumerate(candidates::add);
    return candidates.stream().map(strategy::evaluate).toList();
  }

  private static SystemSpec system(
      String id, UnaryOperator<AcceleratorSpec> accelerator, double networkScale) {
    SystemSpec base = ENGINE.system(id).withDeviceCount(DEVICES);
    List<NetworkDimension> dimensions = new ArrayList<>();
    for (NetworkDimension dimension : base.dimensions()) {
      dimensions.add(
          new NetworkDimension(
              dimension.name(),
              dimension.kind(),
              dimension.size(),
              dimension.bandwidthPerDirection().times(networkScale),
              dimension.latency()));
    }
    return new SystemSpec(
        base.id(), base.description(), accelerator.apply(base.accelerator()), dimensions);
  }

  private static AcceleratorSpec doubleFlops(AcceleratorSpec accelerator) {
    Map<Precision, FlopRate> rates = new EnumMap<>(Precision.class);
    accelerator.denseFlopRates().forEach((precision, rate) -> rates.put(precision, rate.times(2)));
    AcceleratorSpec.Builder builder = accelerator.toBuilder();
    rates.forEach(builder::denseFlopRate);
    return builder.build();
  }

  @ParameterizedTest(name = "{0} on {1}, {2}")
  @MethodSource("everyModelSystemAndStrategy")
  void obeysPhysicalInvariants(String modelId, String systemId, String strategyId) {
    List<ServingResult> base = evaluate(modelId, strategyId, system(systemId, a -> a, 1));
    List<ServingResult> moreBandwidth =
        evaluate(
            modelId,
            strategyId,
            system(
                systemId,
                a -> a.toBuilder().memoryBandwidth(a.memoryBandwidth().times(2)).build(),
                2));
    List<ServingResult> moreFlops =
        evaluate(modelId, strategyId, system(systemId, StrategyInvariantsTest::doubleFlops, 1));
    List<ServingResult> moreMemory =
        evaluate(
            modelId,
            strategyId,
            system(
                systemId,
                a ->
                    a.toBuilder()
                        .memoryCapacityPerDevice(a.memoryCapacityPerDevice().times(2))
                        .build(),
                1));
    assertThat(moreBandwidth).hasSameSizeAs(base);
    for (int index = 0; index < base.size(); index++) {
      ServingResult result = base.get(index);
      if (result.feasible()) {
        assertThat(moreMemory.get(index).feasible())
            .as("more memory keeps %s feasible", result.knobs())
            .isTrue();
        assertFaster(moreBandwidth.get(index), result, "more bandwidth");
        assertFaster(moreFlops.get(index), result, "more FLOP/s");
        assertReadsItsWeights(result, ENGINE.model(modelId), ENGINE.system(systemId).accelerator());
        FEASIBLE.incrementAndGet();
        if (strategyId.endsWith("afd") && "1".equals(result.knobs().get("micro-batches"))) {
          double stages =
              result.stageTimes().get("attention").seconds()
                  + result.stageTimes().get("a2f").seconds()
                  + result.stageTimes().get("ffn").seconds()
                  + result.stageTimes().get("f2a").seconds();
          assertThat(result.timePerOutputToken().seconds())
              .as("one micro-batch is the serial sum of its stages, %s", result.knobs())
              .isCloseTo(stages, within(stages * 1e-9));
        }
      }
    }
  }

  private static void assertFaster(ServingResult faster, ServingResult base, String what) {
    if (!faster.feasible()) {
      return;
    }
    assertThat(faster.timePerOutputToken().seconds())
        .as("%s is never slower for %s", what, base.knobs())
        .isLessThanOrEqualTo(base.timePerOutputToken().seconds() * (1 + 1e-9));
  }

  /**
   * TPOT is at least what a decode device needs to stream the weights every step reads: the mixer
   * and edge blocks (attention, embedding, LM head), which, unlike routed experts a small batch may
   * not touch, are read in full every step.
   */
  private static void assertReadsItsWeights(
      ServingResult result, MoeModelSpec model, AcceleratorSpec accelerator) {
    Map<String, String> knobs = result.knobs();
    double mustRead;
    if (knobs.containsKey("attention-tp")) {
      mustRead =
          result.memory().stream()
              .filter(usage -> usage.group().equals("attention"))
              .mapToDouble(usage -> usage.weights().bytes())
              .findFirst()
              .orElseThrow();
    } else {
      String prefix = knobs.containsKey("decode-tp") ? "decode-" : "";
      Sharding sharding =
          new Sharding(
              Integer.parseInt(knobs.get(prefix + "tp")),
              Integer.parseInt(knobs.get(prefix + "dp")),
              Integer.parseInt(knobs.get(prefix + "moe-tp")),
              Integer.parseInt(knobs.get(prefix + "ep")),
              1);
      mustRead =
          model.weightBytesPerDevice(sharding, BlockRole.MIXER)
              + model.weightBytesPerDevice(sharding, BlockRole.EDGE);
    }
    assertThat(result.timePerOutputToken().seconds())
        .as("TPOT of %s vs streaming %.0f weight bytes", knobs, mustRead)
        .isGreaterThanOrEqualTo(mustRead / accelerator.memoryBandwidth().bytesPerSecond());
  }

  private static final AtomicInteger FEASIBLE = new AtomicInteger();

  @AfterAll
  static void theMatrixIsNotVacuous() {
    // 20 models × 3 systems × 4 strategies with narrowed ranges: the invariants above must have
    // been exercised on many feasible results.
    assertThat(FEASIBLE.get()).as("feasible results checked").isGreaterThan(1000);
  }
}
