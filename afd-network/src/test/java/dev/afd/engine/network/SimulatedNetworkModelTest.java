package dev.afd.engine.network;

import static dev.afd.engine.network.TestingSystems.NVLINK_BYTES_PER_SECOND;
import static dev.afd.engine.network.TestingSystems.NVLINK_LATENCY_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.DeviceRef;
import dev.afd.api.network.Flow;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedNetworkModelTest {

  private static final double MIB = 1 << 20;
  private static final double ALPHA = NVLINK_LATENCY_SECONDS;
  private static final double B = NVLINK_BYTES_PER_SECOND;

  private final ClusterSpec cluster = TestingSystems.h100Cluster(16);
  private final SimulatedNetworkModel simulated =
      new SimulatedNetworkModel(cluster, AnalyticalParameters.IDEAL);
  private final AnalyticalNetworkModel analytical =
      new AnalyticalNetworkModel(cluster, AnalyticalParameters.IDEAL);

  @Test
  void agreesWithTheAnalyticalRingAllReduceInOneSwitchDomain() {
    // Nothing contends: each ring step loads every up and down NVLink port with exactly S/n.
    for (int n : new int[] {2, 4, 8}) {
      double bytes = 64 * MIB;
      double closedForm = 2 * (n - 1) * (ALPHA + bytes / (n * B));
      CommunicationTime time =
          simulated.collective(CollectiveKind.ALL_REDUCE, bytes, DeviceGroup.first(n));
      assertThat(time.model()).isEqualTo("simulated");
      assertThat(time.seconds()).isCloseTo(closedForm, withinPercentage(2));
      assertThat(time.seconds())
          .isCloseTo(
              analytical.collectiveSeconds(CollectiveKind.ALL_REDUCE, bytes, DeviceGroup.first(n)),
              withinPercentage(2));
    }
  }

  @Test
  void agreesOnHierarchicalCollectivesAndAllToAll() {
    DeviceGroup group = DeviceGroup.first(32);
    for (CollectiveKind kind : CollectiveKind.values()) {
      double bytes = 32 * MIB;
      assertThat(simulated.collective(kind, bytes, group).seconds())
          .as(kind.id())
          .isCloseTo(analytical.collectiveSeconds(kind, bytes, group), withinPercentage(2));
    }
  }

  @Test
  void incastIsSlowerThanThePerFlowEstimate() {
    // 4 senders on one node each send X to one receiver on the same node. Per flow, a naive
    // estimate is α + X/B. The receiver's NVLink down port is shared by the 4 flows: max-min fair
    // gives each B/4, all four finish together at 4X/B, and the last byte lands after the switch
    // hop latency: α + 4X/B.
    double bytes = 32 * MIB;
    double naive = ALPHA + bytes / B;
    double handDerived = ALPHA + 4 * bytes / B;
    CommunicationTime time =
        simulated.exchange(new DeviceGroup(0, 0, 4), new DeviceGroup(0, 4, 1), bytes, 1);
    assertThat(time.seconds()).isGreaterThan(naive);
    assertThat(time.seconds()).isCloseTo(handDerived, withinPercentage(1e-6));
  }

  @Test
  void sharesFairlyAndFreesBandwidthWhenAFlowEnds() {
    // Flows a→c (X) and b→c (3X) share c's down port: both at B/2 until a→c ends at 2X/B; then
    // b→c has X left alone at B: done at 3X/B (+α). Max-min with recomputation on completion.
    double bytes = 8 * MIB;
    List<Flow> flows =
        List.of(
            Flow.of(new DeviceRef(0, 0), new DeviceRef(0, 2), bytes),
            Flow.of(new DeviceRef(0, 1), new DeviceRef(0, 2), 3 * bytes));
    assertThat(simulated.traffic(flows).seconds())
        .isCloseTo(ALPHA + 4 * bytes / B, withinPercentage(1e-6));
  }

  @Test
  void honoursStartTimes() {
    double bytes = 8 * MIB;
    List<Flow> flows = List.of(new Flow(new DeviceRef(0, 0), new DeviceRef(0, 1), bytes, 1e-3));
    assertThat(simulated.traffic(flows).seconds())
        .isCloseTo(1e-3 + bytes / B + ALPHA, withinPercentage(1e-6));
  }

  @Test
  void ringAndMeshAllToAllMatchTheLinkSharingClosedForms() {
    double bytes = 8 * MIB;
    for (DimensionKind kind :
        new DimensionKind[] {
          DimensionKind.RING,
          DimensionKind.FULLY_CONNECTED,
          DimensionKind.TORUS_AXIS,
          DimensionKind.SWITCH
        }) {
      ClusterSpec single = TestingSystems.single(kind, 4);
      double expected =
          new AnalyticalNetworkModel(single, AnalyticalParameters.IDEAL)
              .collectiveSeconds(CollectiveKind.ALL_TO_ALL, bytes, DeviceGroup.first(4));
      double simulatedSeconds =
          new SimulatedNetworkModel(single, AnalyticalParameters.IDEAL)
              .collective(CollectiveKind.ALL_TO_ALL, bytes, DeviceGroup.first(4))
              .seconds();
      // On the ring the 2-hop antipode halves finish first (max-min gives them the same rate on
      // fewer bytes), so the last byte pays one hop of latency, not two: 1 µs below the analytical
      // ⌊c/2⌋·α. The bandwidth terms agree exactly.
      double latencySlack =
          kind == DimensionKind.RING || kind == DimensionKind.TORUS_AXIS ? 1e-6 : 0;
      assertThat(simulatedSeconds)
          .as(kind.id())
          .isCloseTo(expected - latencySlack, withinPercentage(1e-6));
    }
  }

  @Test
  void largeExchangeIsLimitedByEachSendersInfiniBandPort() {
    // 128 × 128 on 16 nodes × 8 GPUs, every sender to every receiver (16 384 flows). Its speed is
    // measured by JMH (docs/performance.md), not asserted here.
    DeviceGroup all = DeviceGroup.first(128);
    CommunicationTime time = simulated.exchange(all, all, 14 * MIB, 128);
    // Every sender pushes 120/128 of 14 MiB through its 50 GB/s InfiniBand port.
    assertThat(time.seconds())
        .isCloseTo(
            TestingSystems.INFINIBAND_LATENCY_SECONDS
                + 14 * MIB * 120 / 128 / TestingSystems.INFINIBAND_BYTES_PER_SECOND,
            withinPercentage(1e-6));
  }
}
