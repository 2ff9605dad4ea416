package dev.afd.engine.network;

import static dev.afd.engine.network.TestingSystems.INFINIBAND_BYTES_PER_SECOND;
import static dev.afd.engine.network.TestingSystems.INFINIBAND_LATENCY_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.network.CollectiveKind;
import dev.afd.api.unit.DataSize;
import org.junit.jupiter.api.Test;

class NetworkEstimateTest {

  @Test
  void allToAllOverEightNodesIsBoundByInfiniBand() {
    // 64 GPUs = 8 nodes × 8 (the 1-node system grows). Direct all-to-all: 56/64 of the buffer
    // leaves through the InfiniBand port: α_ib + S·56/(64·η·B_ib), plus the overhead.
    DataSize bytes = DataSize.parse("14 MiB");
    NetworkEstimate.Result result =
        NetworkEstimate.estimate(
            TestingSystems.h100Nodes(1),
            CollectiveKind.ALL_TO_ALL,
            64,
            bytes,
            false,
            AnalyticalParameters.IDEAL);
    double expected =
        INFINIBAND_LATENCY_SECONDS + bytes.bytes() * 56.0 / (64 * INFINIBAND_BYTES_PER_SECOND);
    assertThat(result.time().seconds()).isCloseTo(expected, withinPercentage(1e-9));
    assertThat(result.algorithm()).isEqualTo(CollectiveAlgorithm.DIRECT);
    assertThat(result.dimensions())
        .extracting(DimensionCost::dimension)
        .containsExactly("nvlink", "infiniband");
    assertThat(result.dimensions()).extracting(DimensionCost::span).containsExactly(8, 8);
  }

  @Test
  void simulateFlagUsesTheSimulator() {
    NetworkEstimate.Result result =
        NetworkEstimate.estimate(
            TestingSystems.h100Nodes(1),
            CollectiveKind.ALL_TO_ALL,
            64,
            DataSize.parse("14 MiB"),
            true);
    NetworkEstimate.Result analytical =
        NetworkEstimate.estimate(
            TestingSystems.h100Nodes(1),
            CollectiveKind.ALL_TO_ALL,
            64,
            DataSize.parse("14 MiB"),
            false);
    assertThat(result.time().model()).isEqualTo("simulated");
    assertThat(result.time().seconds()).isCloseTo(analytical.time().seconds(), withinPercentage(2));
  }

  @Test
  void rendersTextAndJson() {
    NetworkEstimate.Result result =
        NetworkEstimate.estimate(
            TestingSystems.h100Nodes(1),
            CollectiveKind.ALL_REDUCE,
            8,
            DataSize.parse("64 MiB"),
            false,
            AnalyticalParameters.IDEAL);
    assertThat(result.toText())
        .isEqualTo(
            // 2·7·(0.7 µs + 64 MiB/(8·450 GB/s)) = 9.80 µs + 260.98 µs.
            "all-reduce over 8 devices of h100-nvl8, 64 MiB per device: 270.78 us"
                + " (analytical, roofline, algorithm ring)\n"
                + "  overhead: 0.00 us\n"
                + "  nvlink (switch, span 8): latency 9.80 us, bandwidth 260.98 us,"
                + " 117440512 bytes per device\n");
    assertThat(result.toJson())
        .contains(
            "\"collective\" : \"all-reduce\"",
            "\"algorithm\" : \"ring\"",
            "\"dimension\" : \"nvlink\"");
  }
}
