package dev.afd.tck;

import dev.afd.api.Fidelity;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.Flow;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.TimeSpan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-tier α-β network for tests whose expected values are derived by hand: every device sends
 * and receives at {@code bandwidth} per direction, every message pays {@code latency} once.
 *
 * <ul>
 *   <li>ring all-reduce over n: {@code 2(n−1)·(α + S/(n·B))};
 *   <li>all-gather / reduce-scatter: {@code (n−1)·(α + S/(n·B))};
 *   <li>all-to-all: {@code α + S·(n−1)/(n·B)};
 *   <li>exchange: {@code α + max(bytes per sender, bytes per receiver) / B};
 *   <li>traffic: {@code α + max over devices of bytes sent or received / B}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TestingNetworkModel implements NetworkModel {
  private final double bytesPerSecond;
  private final double latencySeconds;

  /**
   * Creates the model.
   *
   * @param bandwidth per device per direction
   * @param latency per message
   */
  public TestingNetworkModel(ByteRate bandwidth, TimeSpan latency) {
    this.bytesPerSecond = bandwidth.bytesPerSecond();
    this.latencySeconds = latency.seconds();
  }

  @Override
  public String id() {
    return "testing";
  }

  @Override
  public CommunicationTime collective(
      CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
    int n = group.size();
    double seconds;
    if (n <= 1) {
      seconds = 0;
    } else {
      double share = bytesPerDevice / (n * bytesPerSecond);
      seconds =
          switch (kind) {
            case ALL_REDUCE -> 2.0 * (n - 1) * (latencySeconds + share);
            case ALL_GATHER, REDUCE_SCATTER -> (n - 1) * (latencySeconds + share);
            case ALL_TO_ALL -> latencySeconds + bytesPerDevice * (n - 1) / (n * bytesPerSecond);
          };
    }
    return new CommunicationTime(seconds, id(), Fidelity.ROOFLINE);
  }

  @Override
  public CommunicationTime exchange(
      DeviceGroup senders, DeviceGroup receivers, double bytesPerSender, int destinations) {
    double perReceiver = bytesPerSender * senders.size() / receivers.size();
    double seconds =
        bytesPerSender == 0
            ? 0
            : latencySeconds + Math.max(bytesPerSender, perReceiver) / bytesPerSecond;
    return new CommunicationTime(seconds, id(), Fidelity.ROOFLINE);
  }

  @Override
  public CommunicationTime traffic(List<Flow> flows) {
    Map<String, Double> load = new HashMap<>();
    for (Flow flow : flows) {
      load.merge("out" + flow.source(), flow.bytes(), Double::sum);
      load.merge("in" + flow.destination(), flow.bytes(), Double::sum);
    }
    double busiest = load.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return new CommunicationTime(
        busiest == 0 ? 0 : latencySeconds + busiest / bytesPerSecond, id(), Fidelity.ROOFLINE);
  }
}
