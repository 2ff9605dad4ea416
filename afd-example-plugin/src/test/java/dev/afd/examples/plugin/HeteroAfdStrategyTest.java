package dev.afd.examples.plugin;

import static dev.afd.tck.AfdAssertions.assertThat;
import static dev.afd.tck.AfdAssertions.assertThatThrownBy;
import static dev.afd.tck.AfdAssertions.withinPercentage;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.unit.ByteRate;
import dev.afd.spi.StrategyContext;
import dev.afd.tck.TestingStrategyContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeteroAfdStrategyTest {
  private static final HeteroAfdStrategyProvider PROVIDER = new HeteroAfdStrategyProvider();

  /** tp 1, dp 2, 8 NPUs, 64 sequences per rank: the tiny model's experts all fit in SRAM. */
  private static final HeteroAfdStrategy.HeteroAfdCandidate CANDIDATE =
      new HeteroAfdStrategy.HeteroAfdCandidate(1, 2, 8, 64);

  private static ServingResult evaluate(Map<String, String> options) {
    StrategyContext context =
        TestingStrategyContext.builder(PROVIDER, options)
            .cluster(HeteroAfdStrategyProviderContractTest.gpuAndNpuCluster())
            .build();
    ServingStrategy strategy = PROVIDER.create(context);
    return strategy.evaluate(CANDIDATE);
  }

  @Test
  void streamsExpertWeightsFromSramWhenTheyFit() {
    ServingResult inSram = evaluate(Map.of());
    ServingResult inHbm = evaluate(Map.of("weights-in-sram", "no"));

    assertThat(inSram).isFeasible().fitsInMemory().hasDevicesInRole("ffn", 8);
    assertThat(inSram.knobs()).containsEntry("sram-share", "100%");
    assertThat(inHbm.knobs()).containsEntry("sram-share", "0%");
    assertThat(inSram.stageTimes().get("ffn")).isLessThan(inHbm.stageTimes().get("ffn"));
    assertThat(inSram.timePerOutputToken()).isLessThanOrEqualTo(inHbm.timePerOutputToken());
  }

  @Test
  void blendsSramAndHbmBandwidthHarmonically() {
    AcceleratorSpec npu = new AcmeHardwareProvider().accelerators().get(0);
    // Half the bytes at 80 TB/s and half at 1.6 TB/s: 1 / (0.5/80 + 0.5/1.6) TB/s.
    assertThat(HeteroAfdStrategy.withSramBandwidth(npu, 0.5).memoryBandwidth())
        .isCloseTo(ByteRate.ofTerabytesPerSecond(3.137), withinPercentage(0.1));
    assertThat(HeteroAfdStrategy.withSramBandwidth(npu, 1).memoryBandwidth())
        .isCloseTo(npu.onChipBandwidth(), withinPercentage(0.001));
  }

  @Test
  void rejectsAnFfnSystemOutsideTheCluster() {
    assertThatThrownBy(() -> evaluate(Map.of("ffn-system", "acme-npu-pod")))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Option 'ffn-system' names system 'acme-npu-pod', which is not in cluster"
                + " 'testing-gpu-acme-npu'. Systems in the cluster: [acme-npu-pod-64,"
                + " testing-system] (or 'last', 'primary')");
  }
}
