package dev.afd.engine.network;

import static dev.afd.engine.network.TestingSystems.INFINIBAND_BYTES_PER_SECOND;
import static dev.afd.engine.network.TestingSystems.INFINIBAND_LATENCY_SECONDS;
import static dev.afd.engine.network.TestingSystems.NVLINK_BYTES_PER_SECOND;
import static dev.afd.engine.network.TestingSystems.NVLINK_LATENCY_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.Fidelity;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.TimeSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticalNetworkModelTest {

  private static final double MIB = 1 << 20;
  private static final double ALPHA = NVLINK_LATENCY_SECONDS;
  private static final double B = NVLINK_BYTES_PER_SECOND;

  private final AnalyticalNetworkModel model =
      new AnalyticalNetworkModel(TestingSystems.h100Cluster(4), AnalyticalParameters.IDEAL);

  @Test
  void ringAllReduceInOneSwitchDomain() {
    // Ring all-reduce = reduce-scatter + all-gather, each n−1 steps. In every step each device
    // sends one shard of S/n to its neighbour (one hop, α) at B, so a step costs α + S/(n·B) and
    // the whole collective 2(n−1)·(α + S/(n·B)).
    int n = 8;
    double bytes = 64 * MIB;
    double expected = 2 * (n - 1) * (ALPHA + bytes / (n * B));
    CommunicationTime time =
        model.collective(CollectiveKind.ALL_REDUCE, bytes, DeviceGroup.first(n));
    assertThat(time.seconds()).isCloseTo(expected, withinPercentage(1e-9));
    assertThat(time.model()).isEqualTo("analytical");
    assertThat(time.fidelity()).isEqualTo(Fidelity.ROOFLINE);
  }

  @Test
  void ringAllGatherAndReduceScatter() {
    // All-gather of a full buffer S (each device owns S/n): n−1 steps, each forwarding one shard of
    // S/n one hop: (n−1)·(α + S/(n·B)). Reduce-scatter is the same pattern with a reduction.
    int n = 4;
    double bytes = 16 * MIB;
    double expected = (n - 1) * (ALPHA + bytes / (n * B));
    assertThat(model.collectiveSeconds(CollectiveKind.ALL_GATHER, bytes, DeviceGroup.first(n)))
        .isCloseTo(expected, withinPercentage(1e-9));
    assertThat(model.collectiveSeconds(CollectiveKind.REDUCE_SCATTER, bytes, DeviceGroup.first(n)))
        .isCloseTo(expected, withinPercentage(1e-9));
  }

  @Test
  void allToAllOnASwitch() {
    // Each device keeps S/n and sends S/n to each of the n−1 others, all at once through its one
    // switch port: α + S·(n−1)/(n·B).
    int n = 8;
    double bytes = 14 * MIB;
    double expected = ALPHA + bytes * (n - 1) / (n * B);
    assertThat(model.collectiveSeconds(CollectiveKind.ALL_TO_ALL, bytes, DeviceGroup.first(n)))
        .isCloseTo(expected, withinPercentage(1e-9));
  }

  @Test
  void hierarchicalAllReduceAcrossNodes() {
    // 2 nodes × 8 GPUs. Hierarchical: reduce-scatter in NVLink (7 steps of S/8), all-reduce of the
    // S/8 shard across the 2 nodes over InfiniBand (2 steps of S/16), all-gather in NVLink (7 steps
    // of S/8):
    //   2·7·(α_nv + S/(8·B_nv)) + 2·1·(α_ib + (S/8)/(2·B_ib)).
    // A flat ring of 16 would pay 2·15·(α_ib + S/(16·B_ib)), slower.
    double bytes = 256 * MIB;
    double hierarchical =
        2 * 7 * (ALPHA + bytes / (8 * B))
            + 2 * (INFINIBAND_LATENCY_SECONDS + (bytes / 8) / (2 * INFINIBAND_BYTES_PER_SECOND));
    CollectiveCost cost =
        model.collectiveCost(CollectiveKind.ALL_REDUCE, bytes, new DeviceGroup(0, 0, 16));
    assertThat(cost.algorithm()).isEqualTo(CollectiveAlgorithm.HIERARCHICAL);
    assertThat(cost.seconds()).isCloseTo(hierarchical, withinPercentage(1e-9));
    assertThat(cost.dimensions())
        .extracting(DimensionCost::dimension)
        .containsExactly("nvlink", "infiniband");
    assertThat(cost.dimensions().get(1).bandwidthSeconds())
        .isCloseTo(2 * (bytes / 8) / (2 * INFINIBAND_BYTES_PER_SECOND), withinPercentage(1e-9));
  }

  @Test
  void hierarchicalAllGatherGathersAcrossNodesOnTheSmallShard() {
    // All-gather over 4 nodes × 8: across InfiniBand each device gathers the 4 shards of S/32 its
    // rail holds (buffer S/8, 3 steps), then NVLink gathers the full S (7 steps):
    //   3·(α_ib + (S/8)/(4·B_ib)) + 7·(α_nv + S/(8·B_nv)).
    double bytes = 64 * MIB;
    double expected =
        3 * (INFINIBAND_LATENCY_SECONDS + (bytes / 8) / (4 * INFINIBAND_BYTES_PER_SECOND))
            + 7 * (ALPHA + bytes / (8 * B));
    assertThat(model.collectiveSeconds(CollectiveKind.ALL_GATHER, bytes, DeviceGroup.first(32)))
        .isCloseTo(expected, withinPercentage(1e-9));
  }

  @Test
  void allToAllAcrossNodesIsBoundByTheNetworkPort() {
    // 2 nodes × 8, direct: of S, 7/16 goes to node-mates over NVLink and 8/16 to the other node
    // over InfiniBand; the two ports work in parallel, so the slower one sets the time:
    //   max(α_nv + S·7/(16·B_nv), α_ib + S·8/(16·B_ib)).
    double bytes = 14 * MIB;
    double expected = INFINIBAND_LATENCY_SECONDS + bytes * 8 / (16 * INFINIBAND_BYTES_PER_SECOND);
    CollectiveCost cost =
        model.collectiveCost(CollectiveKind.ALL_TO_ALL, bytes, DeviceGroup.first(16));
    assertThat(cost.algorithm()).isEqualTo(CollectiveAlgorithm.DIRECT);
    assertThat(cost.seconds()).isCloseTo(expected, withinPercentage(1e-9));
    assertThat(cost.dimensions().get(0).seconds())
        .isCloseTo(ALPHA + bytes * 7 / (16 * B), withinPercentage(1e-9));
  }

  @Test
  void allToAllOnARingSharesLinks() {
    // Bidirectional ring of 4, B = 100 GB/s per device, i.e. 50 GB/s per link and direction. Each
    // device sends S/4 to each of 3 others: the neighbours are 1 hop away, the antipode 2 hops,
    // split half each way. Load per directed link: S/4 (own neighbour) + S/8 (own antipode half)
    // + S/8 (a neighbour's antipode half in transit) = S/2, over B/2: S/B. Latency: 2 hops.
    // In general S·c/(4B) for even c.
    double bytes = 8 * MIB;
    AnalyticalNetworkModel ring =
        new AnalyticalNetworkModel(
            TestingSystems.single(DimensionKind.RING, 4), AnalyticalParameters.IDEAL);
    double expected = 2e-6 + bytes / 100e9;
    assertThat(ring.collectiveSeconds(CollectiveKind.ALL_TO_ALL, bytes, DeviceGroup.first(4)))
        .isCloseTo(expected, withinPercentage(1e-9));
  }

  @Test
  void allToAllOnAFullMeshUsesEveryLink() {
    // Full mesh of 4: each of the 3 links carries B/3; each device sends S/4 per link in parallel:
    // α + (S/4)/(B/3) = α + S·3/(4B), as on a switch.
    double bytes = 8 * MIB;
    AnalyticalNetworkModel mesh =
        new AnalyticalNetworkModel(
            TestingSystems.single(DimensionKind.FULLY_CONNECTED, 4), AnalyticalParameters.IDEAL);
    assertThat(mesh.collectiveSeconds(CollectiveKind.ALL_TO_ALL, bytes, DeviceGroup.first(4)))
        .isCloseTo(1e-6 + bytes * 3 / (4 * 100e9), withinPercentage(1e-9));
  }

  @Test
  void efficiencyAndOverheadAreApplied() {
    AnalyticalNetworkModel calibrated =
        new AnalyticalNetworkModel(
            TestingSystems.h100Cluster(1), new AnalyticalParameters(0.5, TimeSpan.ofMicros(10)));
    double bytes = 64 * MIB;
    double expected = 10e-6 + 7 * (ALPHA + bytes / (8 * 0.5 * B));
    assertThat(calibrated.collectiveSeconds(CollectiveKind.ALL_GATHER, bytes, DeviceGroup.first(8)))
        .isCloseTo(expected, withinPercentage(1e-9));
  }

  @Test
  void oneDeviceCostsNothing() {
    assertThat(model.collectiveSeconds(CollectiveKind.ALL_REDUCE, MIB, DeviceGroup.first(1)))
        .isZero();
  }

  @Test
  void exchangeSerializesAtTheReceiver() {
    // Incast: 4 senders each push X into one receiver; its down link carries 4X at B:
    // α + 4X/B (a per-flow estimate would say α + X/B).
    double bytes = 32 * MIB;
    CommunicationTime time =
        model.exchange(new DeviceGroup(0, 0, 4), new DeviceGroup(0, 4, 1), bytes, 1);
    assertThat(time.seconds()).isCloseTo(ALPHA + 4 * bytes / B, withinPercentage(1e-9));
  }

  @Test
  void exchangeBetweenNodesUsesTheNetworkPorts() {
    // 8 senders on node 0, 8 receivers on node 1, each sender spreads X over 4 receivers: every
    // sender's InfiniBand port sends X and every receiver's gets X: α_ib + X/B_ib.
    double bytes = 4 * MIB;
    CommunicationTime time =
        model.exchange(new DeviceGroup(0, 0, 8), new DeviceGroup(0, 8, 8), bytes, 4);
    assertThat(time.seconds())
        .isCloseTo(
            INFINIBAND_LATENCY_SECONDS + bytes / INFINIBAND_BYTES_PER_SECOND,
            withinPercentage(1e-9));
  }

  @Test
  void exchangeAcrossSystemsUsesTheCrossSystemFabric() {
    SystemSpec attention = TestingSystems.h100Nodes(1);
    SystemSpec ffn =
        new SystemSpec("h100-ffn", "FFN pool", TestingSystems.h100(), attention.dimensions());
    NetworkDimension fabric =
        new NetworkDimension(
            "ethernet",
            DimensionKind.SWITCH,
            2,
            ByteRate.ofGigabytesPerSecond(25),
            TimeSpan.ofMicros(8));
    ClusterSpec cluster = new ClusterSpec("two-pools", List.of(attention, ffn), fabric);
    AnalyticalNetworkModel twoPools =
        new AnalyticalNetworkModel(cluster, AnalyticalParameters.IDEAL);
    double bytes = MIB;
    // 8 senders → 2 receivers: each receiver takes 4·X through its 25 GB/s fabric port.
    assertThat(
            twoPools
                .exchange(new DeviceGroup(0, 0, 8), new DeviceGroup(1, 0, 2), bytes, 1)
                .seconds())
        .isCloseTo(8e-6 + 4 * bytes / 25e9, withinPercentage(1e-9));
  }

  @Test
  void rejectsAGroupOutsideTheSystem() {
    assertThatThrownBy(
            () ->
                model.collectiveSeconds(CollectiveKind.ALL_REDUCE, MIB, new DeviceGroup(0, 30, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "device group DeviceGroup[systemIndex=0, firstDevice=30, size=4] does not fit system 0,"
                + " which has 32 devices; resize the system with SystemSpec.withDeviceCount");
  }

  @Test
  void rejectsTooManyDestinations() {
    assertThatThrownBy(
            () -> model.exchange(new DeviceGroup(0, 0, 2), new DeviceGroup(0, 2, 2), MIB, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("destinationsPerSender must be in 1..2 (the receiver count), got '3'");
  }

  @Test
  void meanRingHops() {
    assertThat(ClusterTopology.meanRingHops(2)).isEqualTo(1);
    assertThat(ClusterTopology.meanRingHops(4)).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(ClusterTopology.meanRingHops(5)).isCloseTo(1.5, within(1e-12));
  }
}
