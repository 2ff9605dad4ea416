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
import java.util.Locale;

/**
 * The α-β network model: closed forms per network dimension, the fastest applicable algorithm per
 * collective, and a bottleneck-link bound for M-by-N and arbitrary traffic.
 *
 * <p>Notation: {@code S} the buffer per device ({@code bytesPerDevice}; the full buffer for
 * all-reduce, all-gather and reduce-scatter, what one device sends in all for all-to-all), a
 * dimension spanned by {@code c} positions with latency {@code α} and bandwidth {@code B} per
 * device per direction (times the efficiency η).
 *
 * <ul>
 *   <li>Ring all-reduce over one dimension: {@code 2(c−1)·(α + S/(c·B))}; all-gather and
 *       reduce-scatter: {@code (c−1)·(α + S/(c·B))}. Rings run both ways round, so a ring dimension
 *       (two links of B/2) and a full mesh (edge-disjoint rings) reach B like a switch.
 *   <li>All-to-all, direct: switch or full mesh {@code α + S·(c−1)/(c·B)}; on a ring of c the bytes
 *       travel {@code h̄} hops on average over links of B/2 each way, so {@code ⌊c/2⌋·α +
 *       S·(c−1)/c·h̄/B} ({@code = S·c/(4B)} for even c).
 *   <li>Across dimensions (spans {@code c0, c1, …}), RING is one flat ring at the slowest
 *       dimension's α and B; HIERARCHICAL reduce-scatters inward and all-gathers outward, each
 *       phase on the shard left by the inner ones ({@code S_k = S/(c0·…·c(k−1))}), so all-reduce
 *       costs {@code Σ_k 2(c_k−1)(α_k + S_k/(c_k·B_k))}. All-to-all DIRECT runs the dimensions in
 *       parallel, each carrying the bytes bound for devices it separates; HIERARCHICAL shuffles
 *       dimension by dimension. The fastest applicable algorithm answers, as NCCL's tuner does.
 *   <li>M-by-N exchange and traffic: the load of every link (routes as in the simulator, see {@code
 *       LinkGraph}) divided by its capacity, maximum over links, plus the longest path latency;
 *       this is endpoint serialization (a device sends and receives at most B per direction in the
 *       dimension crossed), incast included. It ignores the order in which flows share links;
 *       {@link SimulatedNetworkModel} does not.
 * </ul>
 *
 * <p>Every answer adds {@link AnalyticalParameters#collectiveOverhead()} once and is tagged {@link
 * Fidelity#ROOFLINE}. Immutable and thread-safe; {@link #collectiveSeconds} does not allocate.
 */
public final class AnalyticalNetworkModel implements NetworkModel {

  /** The id results carry. */
  public static final String ID = "analytical";

  private final ClusterTopology topology;
  private final LinkGraph links;
  private final AnalyticalParameters parameters;

  /**
   * Creates the model with {@link AnalyticalParameters#DEFAULT}.
   *
   * @param cluster the cluster
   */
  public AnalyticalNetworkModel(ClusterSpec cluster) {
    this(cluster, AnalyticalParameters.DEFAULT);
  }

  /**
   * Creates the model.
   *
   * @param cluster the cluster
   * @param parameters efficiency and overhead
   */
  public AnalyticalNetworkModel(ClusterSpec cluster, AnalyticalParameters parameters) {
    this.topology = new ClusterTopology(cluster);
    this.links = new LinkGraph(topology);
    this.parameters = requireNonNull(parameters, "parameters");
  }

  @Override
  public String id() {
    return ID;
  }

  /** {@return the cluster} */
  public ClusterSpec cluster() {
    return topology.cluster();
  }

  /** {@return the parameters} */
  public AnalyticalParameters parameters() {
    return parameters;
  }

  LinkGraph links() {
    return links;
  }

  ClusterTopology topology() {
    return topology;
  }

  @Override
  public CommunicationTime collective(
      CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
    return new CommunicationTime(
        collectiveSeconds(kind, bytesPerDevice, group), ID, Fidelity.ROOFLINE);
  }

  /**
   * Prices a collective in seconds without allocating.
   *
   * @param kind the collective
   * @param bytesPerDevice the buffer per device in bytes
   * @param group the group
   * @return seconds
   */
  public double collectiveSeconds(CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
    requireNonNull(kind, "kind");
    checkBytes(bytesPerDevice);
    topology.check(group);
    return collectiveSeconds(
        kind,
        bytesPerDevice,
        group,
        parameters.bandwidthEfficiency(),
        parameters.collectiveOverhead().seconds());
  }

  /**
   * The hot path: the fastest applicable algorithm at a given efficiency and overhead.
   *
   * @return seconds; 0 for a group of one device
   */
  double collectiveSeconds(
      CollectiveKind kind,
      double bytes,
      DeviceGroup group,
      double efficiency,
      double overheadSeconds) {
    int size = group.size();
    if (size <= 1) {
      return 0;
    }
    int system = group.systemIndex();
    int first = group.firstDevice();
    double best = Double.POSITIVE_INFINITY;
    for (CollectiveAlgorithm algorithm : ALGORITHMS) {
      double seconds =
          algorithmSeconds(algorithm, kind, bytes, system, first, size, efficiency, null, null);
      best = seconds < best ? seconds : best;
    }
    return overheadSeconds + best;
  }

  private static final CollectiveAlgorithm[] ALGORITHMS = CollectiveAlgorithm.values();

  /**
   * Decomposes a collective: algorithm, latency and bandwidth parts, and per-dimension shares.
   *
   * @param kind the collective
   * @param bytesPerDevice the buffer per device in bytes
   * @param group the group
   * @return the decomposition at this model's parameters
   */
  public CollectiveCost collectiveCost(
      CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
    return collectiveCost(
        kind,
        bytesPerDevice,
        group,
        parameters.bandwidthEfficiency(),
        parameters.collectiveOverhead().seconds());
  }

  CollectiveCost collectiveCost(
      CollectiveKind kind,
      double bytesPerDevice,
      DeviceGroup group,
      double efficiency,
      double overheadSeconds) {
    requireNonNull(kind, "kind");
    checkBytes(bytesPerDevice);
    topology.check(group);
    int system = group.systemIndex();
    if (group.size() <= 1) {
      return new CollectiveCost(kind, defaultAlgorithm(kind), 0, 0, 0, List.of());
    }
    CollectiveAlgorithm bestAlgorithm =
        bestAlgorithm(kind, bytesPerDevice, system, group.firstDevice(), group.size(), efficiency);
    double[] split = new double[2];
    DimensionCost[] shares = new DimensionCost[topology.dimensionCount(system)];
    algorithmSeconds(
        bestAlgorithm,
        kind,
        bytesPerDevice,
        system,
        group.firstDevice(),
        group.size(),
        efficiency,
        split,
        shares);
    List<DimensionCost> dimensions = new ArrayList<>();
    for (DimensionCost share : shares) {
      if (share != null) {
        dimensions.add(share);
      }
    }
    return new CollectiveCost(kind, bestAlgorithm, overheadSeconds, split[0], split[1], dimensions);
  }

  /** {@return the algorithm the model prefers for a placed collective} */
  CollectiveAlgorithm bestAlgorithm(
      CollectiveKind kind, double bytes, int system, int first, int size, double efficiency) {
    CollectiveAlgorithm bestAlgorithm = defaultAlgorithm(kind);
    double best = Double.POSITIVE_INFINITY;
    for (CollectiveAlgorithm algorithm : ALGORITHMS) {
      double seconds =
          algorithmSeconds(algorithm, kind, bytes, system, first, size, efficiency, null, null);
      if (seconds < best) {
        best = seconds;
        bestAlgorithm = algorithm;
      }
    }
    return bestAlgorithm;
  }

  private static CollectiveAlgorithm defaultAlgorithm(CollectiveKind kind) {
    return kind == CollectiveKind.ALL_TO_ALL
        ? CollectiveAlgorithm.DIRECT
        : CollectiveAlgorithm.RING;
  }

  /**
   * Prices one algorithm, or returns +∞ where it does not apply.
   *
   * @param split when not null, receives [latency seconds, bandwidth seconds]
   * @param shares when not null, receives the per-dimension shares
   */
  private double algorithmSeconds(
      CollectiveAlgorithm algorithm,
      CollectiveKind kind,
      double bytes,
      int system,
      int first,
      int size,
      double efficiency,
      double[] split,
      DimensionCost[] shares) {
    int dimensions = topology.dimensionCount(system);
    int activeDimensions = 0;
    int devices = 1;
    for (int dimension = 0; dimension < dimensions; dimension++) {
      int span = topology.span(system, first, size, dimension);
      if (span > 1) {
        activeDimensions++;
        devices *= span;
      }
    }
    if (devices <= 1) {
      return 0;
    }
    boolean allToAll = kind == CollectiveKind.ALL_TO_ALL;
    double steps = kind == CollectiveKind.ALL_REDUCE ? 2 : 1;
    return switch (algorithm) {
      case RING ->
          allToAll
              ? Double.POSITIVE_INFINITY
              : ringSeconds(system, first, size, devices, steps, bytes, efficiency, split, shares);
      case HIERARCHICAL ->
          activeDimensions < 2
              ? Double.POSITIVE_INFINITY
              : hierarchicalSeconds(
                  system, first, size, steps, bytes, allToAll, efficiency, split, shares);
      case DIRECT ->
          allToAll
              ? directSeconds(bytes, system, first, size, devices, efficiency, split, shares)
              : Double.POSITIVE_INFINITY;
    };
  }

  /**
   * One flat ring over all {@code devices} at the slowest spanned dimension's α and B: {@code
   * steps·(n−1)·(α + S/(n·B))}, all of it charged to that dimension.
   */
  private double ringSeconds(
      int system,
      int first,
      int size,
      int devices,
      double steps,
      double bytes,
      double efficiency,
      double[] split,
      DimensionCost[] shares) {
    double latency = 0;
    double bandwidth = Double.POSITIVE_INFINITY;
    int slowest = 0;
    for (int dimension = 0; dimension < topology.dimensionCount(system); dimension++) {
      if (topology.span(system, first, size, dimension) > 1) {
        latency = Math.max(latency, topology.latencySeconds(system, dimension));
        double rate = topology.bandwidthBytesPerSecond(system, dimension) * efficiency;
        if (rate < bandwidth) {
          bandwidth = rate;
          slowest = dimension;
        }
      }
    }
    double latencySeconds = steps * (devices - 1) * latency;
    double bandwidthSeconds = steps * (devices - 1) * bytes / (devices * bandwidth);
    if (split != null) {
      split[0] = latencySeconds;
      split[1] = bandwidthSeconds;
    }
    if (shares != null) {
      shares[slowest] =
          share(
              system,
              slowest,
              devices,
              latencySeconds,
              bandwidthSeconds,
              steps * (devices - 1) * bytes / devices);
    }
    return latencySeconds + bandwidthSeconds;
  }

  /**
   * Dimension after dimension, innermost first: a reduction phase on the shard the inner dimensions
   * left, or for all-to-all a shuffle of the whole buffer across the dimension; the phases add up.
   */
  private double hierarchicalSeconds(
      int system,
      int first,
      int size,
      double steps,
      double bytes,
      boolean allToAll,
      double efficiency,
      double[] split,
      DimensionCost[] shares) {
    double latencyTotal = 0;
    double bandwidthTotal = 0;
    double shard = bytes;
    for (int dimension = 0; dimension < topology.dimensionCount(system); dimension++) {
      int span = topology.span(system, first, size, dimension);
      if (span <= 1) {
        continue;
      }
      double alpha = topology.latencySeconds(system, dimension);
      double rate = topology.bandwidthBytesPerSecond(system, dimension) * efficiency;
      double latency;
      double bandwidth;
      double sent;
      if (allToAll) {
        latency = allToAllLatency(system, dimension, span, alpha);
        sent = bytes * (span - 1) / span;
        bandwidth = sent * allToAllHops(system, dimension, span) / rate;
      } else {
        latency = steps * (span - 1) * alpha;
        sent = steps * (span - 1) * shard / span;
        bandwidth = sent / rate;
        shard /= span;
      }
      latencyTotal += latency;
      bandwidthTotal += bandwidth;
      if (shares != null) {
        shares[dimension] = share(system, dimension, span, latency, bandwidth, sent);
      }
    }
    if (split != null) {
      split[0] = latencyTotal;
      split[1] = bandwidthTotal;
    }
    return latencyTotal + bandwidthTotal;
  }

  /**
   * All-to-all with every dimension sending at once, each carrying the bytes bound for the devices
   * it separates from the sender; the slowest dimension sets the time.
   */
  private double directSeconds(
      double bytes,
      int system,
      int first,
      int size,
      int devices,
      double efficiency,
      double[] split,
      DimensionCost[] shares) {
    double worst = 0;
    double worstLatency = 0;
    double worstBandwidth = 0;
    int inside = 1;
    for (int dimension = 0; dimension < topology.dimensionCount(system); dimension++) {
      int span = topology.span(system, first, size, dimension);
      if (span <= 1) {
        continue;
      }
      int below = inside;
      inside *= span;
      // Bytes bound for devices this dimension separates from the sender.
      double sent = bytes * (inside - below) / devices;
      double latency =
          allToAllLatency(system, dimension, span, topology.latencySeconds(system, dimension));
      double bandwidth =
          sent
              * allToAllHops(system, dimension, span)
              / (topology.bandwidthBytesPerSecond(system, dimension) * efficiency);
      if (shares != null) {
        shares[dimension] = share(system, dimension, span, latency, bandwidth, sent);
      }
      if (latency + bandwidth > worst) {
        worst = latency + bandwidth;
        worstLatency = latency;
        worstBandwidth = bandwidth;
      }
    }
    if (split != null) {
      split[0] = worstLatency;
      split[1] = worstBandwidth;
    }
    return worst;
  }

  private double allToAllLatency(int system, int dimension, int span, double alpha) {
    return switch (topology.dimensionKind(system, dimension)) {
      case SWITCH, FULLY_CONNECTED -> alpha;
      case RING, TORUS_AXIS -> (span / 2) * alpha;
    };
  }

  /** Mean hops per byte: 1 on a switch or full mesh, the mean shortest ring distance on a ring. */
  private double allToAllHops(int system, int dimension, int span) {
    DimensionKind kind = topology.dimensionKind(system, dimension);
    return kind == DimensionKind.RING || kind == DimensionKind.TORUS_AXIS
        ? ClusterTopology.meanRingHops(span)
        : 1;
  }

  private DimensionCost share(
      int system, int dimension, int span, double latency, double bandwidth, double bytes) {
    return new DimensionCost(
        topology.dimensionName(system, dimension),
        topology.dimensionKind(system, dimension),
        span,
        latency,
        bandwidth,
        bytes);
  }

  @Override
  public CommunicationTime exchange(
      DeviceGroup senders, DeviceGroup receivers, double bytesPerSender, int destinations) {
    return new CommunicationTime(
        exchangeSeconds(
            senders,
            receivers,
            bytesPerSender,
            destinations,
            parameters.bandwidthEfficiency(),
            parameters.collectiveOverhead().seconds()),
        ID,
        Fidelity.ROOFLINE);
  }

  double exchangeSeconds(
      DeviceGroup senders,
      DeviceGroup receivers,
      double bytesPerSender,
      int destinationsPerSender,
      double efficiency,
      double overheadSeconds) {
    LinkLoads loads = new LinkLoads(links);
    forEachExchangeFlow(
        topology, senders, receivers, bytesPerSender, destinationsPerSender, loads::add);
    return loads.seconds(efficiency, overheadSeconds);
  }

  @Override
  public CommunicationTime traffic(List<Flow> flows) {
    return new CommunicationTime(
        trafficSeconds(
            flows, parameters.bandwidthEfficiency(), parameters.collectiveOverhead().seconds()),
        ID,
        Fidelity.ROOFLINE);
  }

  /**
   * The bottleneck-link bound of arbitrary traffic: the latest start, plus the longest path
   * latency, plus the most loaded link's bytes over its capacity.
   */
  double trafficSeconds(List<Flow> flows, double efficiency, double overheadSeconds) {
    requireNonNull(flows, "flows");
    LinkLoads loads = new LinkLoads(links);
    double latest = 0;
    for (Flow flow : flows) {
      requireNonNull(flow, "flow");
      loads.add(
          topology.globalIndex(flow.source()),
          topology.globalIndex(flow.destination()),
          flow.bytes());
      latest = Math.max(latest, flow.startSeconds());
    }
    return flows.isEmpty() ? 0 : latest + loads.seconds(efficiency, overheadSeconds);
  }

  /** Receives one flow of an exchange. */
  interface FlowConsumer {
    void accept(int sourceGlobal, int destinationGlobal, double bytes);
  }

  /**
   * Enumerates the flows of an M-by-N exchange: sender {@code i} sends {@code bytes/D} to receivers
   * {@code (i·D + j) mod N}, {@code j < D}, so every receiver gets ⌊M·D/N⌋ or ⌈M·D/N⌉ flows.
   */
  static void forEachExchangeFlow(
      ClusterTopology topology,
      DeviceGroup senders,
      DeviceGroup receivers,
      double bytesPerSender,
      int destinationsPerSender,
      FlowConsumer consumer) {
    topology.check(senders);
    topology.check(receivers);
    checkBytes(bytesPerSender);
    if (destinationsPerSender < 1 || destinationsPerSender > receivers.size()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "destinationsPerSender must be in 1..%d (the receiver count), got '%d'",
              receivers.size(),
              destinationsPerSender));
    }
    int senderBase = topology.systemFirstDevice(senders.systemIndex()) + senders.firstDevice();
    int receiverBase =
        topology.systemFirstDevice(receivers.systemIndex()) + receivers.firstDevice();
    double bytes = bytesPerSender / destinationsPerSender;
    int count = receivers.size();
    for (int sender = 0; sender < senders.size(); sender++) {
      long offset = (long) sender * destinationsPerSender;
      for (int index = 0; index < destinationsPerSender; index++) {
        int receiver = (int) ((offset + index) % count);
        consumer.accept(senderBase + sender, receiverBase + receiver, bytes);
      }
    }
  }

  static void checkBytes(double bytes) {
    if (!(bytes >= 0) || !Double.isFinite(bytes)) {
      throw new IllegalArgumentException("bytes must be finite and >= 0, got '" + bytes + " B'");
    }
  }

  /** Link loads of a set of flows and the resulting bottleneck time. */
  static final class LinkLoads implements LinkGraph.PathSink {
    private final LinkGraph links;
    private final double[] loadBytes;
    private final int[] buffer;
    private double pending;
    private double maxLatencySeconds;

    LinkLoads(LinkGraph links) {
      this.links = links;
      this.loadBytes = new double[links.linkCount()];
      this.buffer = links.newPathBuffer();
    }

    void add(int source, int destination, double bytes) {
      pending = bytes;
      links.route(source, destination, buffer, this);
    }

    @Override
    public void path(int[] path, int count, double fraction, double latencySeconds) {
      for (int index = 0; index < count; index++) {
        loadBytes[path[index]] += pending * fraction;
      }
      maxLatencySeconds = Math.max(maxLatencySeconds, latencySeconds);
    }

    double seconds(double efficiency, double overheadSeconds) {
      double worst = 0;
      for (int link = 0; link < loadBytes.length; link++) {
        if (loadBytes[link] > 0) {
          worst =
              Math.max(worst, loadBytes[link] / (links.capacityBytesPerSecond(link) * efficiency));
        }
      }
      if (worst == 0 && maxLatencySeconds == 0) {
        return 0;
      }
      return overheadSeconds + maxLatencySeconds + worst;
    }
  }
}
