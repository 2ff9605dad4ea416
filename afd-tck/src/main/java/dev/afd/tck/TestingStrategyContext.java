package dev.afd.tck;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.engine.cost.RooflineParameters;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyOptions;
import dev.afd.spi.StrategyProvider;
import java.util.Map;

/**
 * Contexts for strategy tests: {@link TestingModels#tinyMoe()} on 8 {@link TestingAccelerators#gpu}
 * devices, a pure roofline (no shape saturation) and {@link TestingNetworkModel} at 100 GB/s and 1
 * µs.
 *
 * @since 0.1
 */
public final class TestingStrategyContext {
  private TestingStrategyContext() {}

  /** {@return a cost model with no shape saturation: times follow the plain roofline} */
  public static RooflineCostModel plainRoofline() {
    return new RooflineCostModel(new RooflineParameters(0, 0, 0));
  }

  /** {@return the network model of the fixture} */
  public static TestingNetworkModel network() {
    return new TestingNetworkModel(ByteRate.ofGigabytesPerSecond(100), TimeSpan.ofMicros(1));
  }

  /**
   * {@return a context builder for a provider with the given options, 8 devices of 80 GB}
   *
   * @param provider the strategy provider
   * @param options raw option values
   */
  public static StrategyContext.Builder builder(
      StrategyProvider provider, Map<String, String> options) {
    ClusterSpec cluster =
        ClusterSpec.of(
            TestingAccelerators.system(TestingAccelerators.gpu(DataSize.ofGigabytes(80)), 8));
    WorkloadSpec workload = new WorkloadSpec("testing", 256, 512, 128);
    return StrategyContext.builder()
        .model(TestingModels.tinyMoe())
        .cluster(cluster)
        .workload(workload)
        .slo(SloSpec.unbounded())
        .kernelCostModel(plainRoofline())
        .networkModel(network())
        .options(StrategyOptions.parse(provider.id(), provider.options(), options));
  }
}
