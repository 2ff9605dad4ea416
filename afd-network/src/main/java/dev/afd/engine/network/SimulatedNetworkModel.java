package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.Flow;
import dev.afd.api.network.NetworkModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The congestion-aware network model: an event-driven, flow-level simulation with max-min fair
 * sharing over the cluster's explicit links (see {@code LinkGraph} for the links and routes and
 * {@code FlowSimulator} for the sharing).
 *
 * <p>M-by-N exchanges and arbitrary traffic become flows directly. A collective becomes the flows
 * of the algorithm {@link AnalyticalNetworkModel} finds fastest: a ring step is every device
 * sending {@code S/(2c)} to each ring neighbour (both ways round; on a full mesh {@code S/(c(c−1))}
 * to every peer), and the steps of one phase are identical, so one step is simulated and multiplied
 * by the step count (steps are separated by a barrier: a device cannot forward what it has not
 * received). All-to-all is one round of every pair. Link capacities are scaled by the bandwidth
 * efficiency and the overhead is added once, as in the analytical model, so the two agree wherever
 * nothing contends.
 *
 * <p>Immutable and thread-safe: every call runs its own simulator.
 */
public final class SimulatedNetworkModel implements NetworkModel {

  /** The id results carry. */
  public static final String ID = "simulated";

  private final AnalyticalNetworkModel analytical;
  private final LinkGraph links;
  private final ClusterTopology topology;
  private final AnalyticalParameters parameters;
  private final double[] capacities;

  /**
   * Creates the simulator with {@link AnalyticalParameters#DEFAULT}.
   *
   * @param cluster the cluster
   */
  public SimulatedNetworkModel(ClusterSpec cluster) {
    this(cluster, AnalyticalParameters.DEFAULT);
  }

  /**
   * Creates the simulator.
   *
   * @param cluster the cluster
   * @param parameters efficiency (scales every link) and overhead (added once)
   */
  public SimulatedNetworkModel(ClusterSpec cluster, AnalyticalParameters parameters) {
    this.analytical = new AnalyticalNetworkModel(cluster, parameters);
    this.links = analytical.links();
    this.topology = analytical.topology();
    this.parameters = requireNonNull(parameters, "parameters");
    this.capacities = links.capacities();
    for (int link = 0; link < capacities.length; link++) {
      capacities[link] *= parameters.bandwidthEfficiency();
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public CommunicationTime collective(
      CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
    topology.checkCollective(kind, bytesPerDevice, group);
    return new CommunicationTime(
        collectiveSeconds(kind, bytesPerDevice, group), ID, Fidelity.ROOFLINE);
  }

  /**
   * Simulates a collective with a given algorithm.
   *
   * @param kind the collective
   * @param bytesPerDevice the buffer per device
   * @param group the group
   * @param algorithm the algorithm; must apply to the kind
   * @return seconds
   */
  double collectiveSeconds(
      CollectiveKind kind,
      double bytesPerDevice,
      DeviceGroup group,
      CollectiveAlgorithm algorithm) {
    if (group.size() <= 1) {
      return 0;
    }
    FlowSimulator simulator = new FlowSimulator(capacities);
    int[] buffer = links.newPathBuffer();
    int system = group.systemIndex();
    int base = topology.systemFirstDevice(system);
    double steps = kind == CollectiveKind.ALL_REDUCE ? 2 : 1;
    double total = 0;
    switch (algorithm) {
      case RING -> {
        List<int[]> rings = new ArrayList<>();
        int[] all = new int[group.size()];
        for (int index = 0; index < all.length; index++) {
          all[index] = group.firstDevice() + index;
        }
        rings.add(all);
        boolean mesh =
            activeDimension(group) >= 0
                && topology.dimensionKind(system, activeDimension(group))
                    == DimensionKind.FULLY_CONNECTED;
        total =
            steps
                * (all.length - 1)
                * ringStep(simulator, buffer, base, rings, bytesPerDevice / all.length, mesh);
      }
      case HIERARCHICAL -> {
        double shard = bytesPerDevice;
        for (int dimension = 0; dimension < topology.dimensionCount(system); dimension++) {
          int span = topology.span(system, group.firstDevice(), group.size(), dimension);
          if (span <= 1) {
            continue;
          }
          List<int[]> rings = subRings(group, dimension);
          int longest = 0;
          for (int[] ring : rings) {
            longest = Math.max(longest, ring.length);
          }
          if (kind == CollectiveKind.ALL_TO_ALL) {
            total += allToAllRound(simulator, buffer, base, rings, bytesPerDevice);
          } else {
            boolean mesh =
                topology.dimensionKind(system, dimension) == DimensionKind.FULLY_CONNECTED;
            total +=
                steps
                    * (longest - 1)
                    * ringStep(simulator, buffer, base, rings, shard / longest, mesh);
            shard /= longest;
          }
        }
      }
      case DIRECT -> {
        int[] all = new int[group.size()];
        for (int index = 0; index < all.length; index++) {
          all[index] = group.firstDevice() + index;
        }
        total = allToAllRound(simulator, buffer, base, List.of(all), bytesPerDevice);
      }
    }
    return parameters.collectiveOverhead().seconds() + total;
  }

  private double collectiveSeconds(CollectiveKind kind, double bytes, DeviceGroup group) {
    CollectiveAlgorithm algorithm =
        analytical.bestAlgorithm(
            kind,
            bytes,
            group.systemIndex(),
            group.firstDevice(),
            group.size(),
            parameters.bandwidthEfficiency());
    return collectiveSeconds(kind, bytes, group, algorithm);
  }

  /** {@return the only dimension a group spans, or -1 when it spans several} */
  private int activeDimension(DeviceGroup group) {
    int found = -1;
    for (int dimension = 0; dimension < topology.dimensionCount(group.systemIndex()); dimension++) {
      if (topology.span(group.systemIndex(), group.firstDevice(), group.size(), dimension) > 1) {
        if (found >= 0) {
          return -1;
        }
        found = dimension;
      }
    }
    return found;
  }

  /** One ring step: every member sends {@code chunk} to its ring neighbours, split both ways. */
  private double ringStep(
      FlowSimulator simulator,
      int[] buffer,
      int base,
      List<int[]> rings,
      double chunk,
      boolean mesh) {
    simulator.clear();
    for (int[] ring : rings) {
      int size = ring.length;
      if (size < 2) {
        continue;
      }
      if (mesh) {
        for (int index = 0; index < size; index++) {
          for (int shift = 1; shift < size; shift++) {
            simulator.prepare(chunk / (size - 1), 0);
            links.route(base + ring[index], base + ring[(index + shift) % size], buffer, simulator);
          }
        }
      } else {
        for (int index = 0; index < size; index++) {
          simulator.prepare(chunk / 2, 0);
          links.route(base + ring[index], base + ring[(index + 1) % size], buffer, simulator);
          links.route(
              base + ring[index], base + ring[(index + size - 1) % size], buffer, simulator);
        }
      }
    }
    return simulator.run();
  }

  /** One all-to-all round inside each ring: every member sends bytes/c to every other member. */
  private double allToAllRound(
      FlowSimulator simulator, int[] buffer, int base, List<int[]> rings, double bytes) {
    simulator.clear();
    for (int[] ring : rings) {
      double chunk = bytes / ring.length;
      for (int from : ring) {
        for (int to : ring) {
          if (from != to) {
            simulator.prepare(chunk, 0);
            links.route(base + from, base + to, buffer, simulator);
          }
        }
      }
    }
    return simulator.run();
  }

  /** The group's devices grouped by every coordinate except {@code dimension}. */
  private List<int[]> subRings(DeviceGroup group, int dimension) {
    int system = group.systemIndex();
    Map<Integer, List<Integer>> rings = new TreeMap<>();
    for (int index = 0; index < group.size(); index++) {
      int device = group.firstDevice() + index;
      int key = topology.withCoordinate(system, device, dimension, 0);
      rings.computeIfAbsent(key, unused -> new ArrayList<>()).add(device);
    }
    List<int[]> result = new ArrayList<>();
    for (List<Integer> ring : rings.values()) {
      result.add(ring.stream().mapToInt(Integer::intValue).toArray());
    }
    return result;
  }

  @Override
  public CommunicationTime exchange(
      DeviceGroup senders, DeviceGroup receivers, double bytesPerSender, int destinations) {
    FlowSimulator simulator = new FlowSimulator(capacities);
    int[] buffer = links.newPathBuffer();
    AnalyticalNetworkModel.forEachExchangeFlow(
        topology,
        senders,
        receivers,
        bytesPerSender,
        destinations,
        (source, destination, bytes) -> {
          simulator.prepare(bytes, 0);
          links.route(source, destination, buffer, simulator);
        });
    return result(simulator.run());
  }

  @Override
  public CommunicationTime traffic(List<Flow> flows) {
    requireNonNull(flows, "flows");
    FlowSimulator simulator = new FlowSimulator(capacities);
    int[] buffer = links.newPathBuffer();
    for (Flow flow : flows) {
      requireNonNull(flow, "flow");
      simulator.prepare(flow.bytes(), flow.startSeconds());
      links.route(
          topology.globalIndex(flow.source()),
          topology.globalIndex(flow.destination()),
          buffer,
          simulator);
    }
    return result(simulator.run());
  }

  private CommunicationTime result(double makespan) {
    double seconds = makespan > 0 ? parameters.collectiveOverhead().seconds() + makespan : 0;
    return new CommunicationTime(seconds, ID, Fidelity.ROOFLINE);
  }
}
