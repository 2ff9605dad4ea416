package dev.afd.examples.plugin;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;
import dev.afd.tck.StrategyProviderContract;
import dev.afd.tck.TestingAccelerators;
import dev.afd.tck.TestingStrategyContext;
import java.util.List;
import java.util.Map;

/**
 * The TCK's strategy contract on the cluster {@code hetero-afd} is made for: 8 testing GPUs as the
 * primary system and 16 Acme NPUs as the second, joined by a 50 GB/s fabric.
 */
class HeteroAfdStrategyProviderContractTest extends StrategyProviderContract {
  /** NPUs of the FFN system in the fixture: enough for every default FFN size of the tiny model. */
  private static final int NPUS = 16;

  /** GPUs of the attention system in the fixture. */
  private static final int GPUS = 8;

  static ClusterSpec gpuAndNpuCluster() {
    SystemSpec gpus =
        TestingAccelerators.system(TestingAccelerators.gpu(DataSize.ofGigabytes(80)), GPUS);
    SystemSpec npus = new AcmeHardwareProvider().systems().get(0).withDeviceCount(NPUS);
    NetworkDimension fabric =
        new NetworkDimension(
            "ethernet",
            DimensionKind.SWITCH,
            2,
            ByteRate.ofGigabytesPerSecond(50),
            TimeSpan.ofMicros(10));
    return new ClusterSpec("testing-gpu-acme-npu", List.of(gpus, npus), fabric);
  }

  @Override
  protected StrategyProvider createProvider() {
    return new HeteroAfdStrategyProvider();
  }

  @Override
  protected StrategyContext context(Map<String, String> options) {
    return TestingStrategyContext.builder(createProvider(), options)
        .cluster(gpuAndNpuCluster())
        .build();
  }
}
