package dev.afd.strategykit;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.ParallelScope;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices one side of a step through the engine's kernel cost model and network model, memoizing by
 * shape so that the many candidates sharing a stage shape price it once.
 *
 * <p>A strategy makes one per context, when created, and calls it from every evaluation; the memo
 * lives as long as the strategy. Thread-safe.
 *
 * @since 0.2
 */
public final class StepPricer {
  private final MoeModelSpec model;
  private final KernelCostModel costModel;
  private final NetworkModel network;
  private final ConcurrentHashMap<Key, PricedStep> memo = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ExchangeKey, double[]> exchanges = new ConcurrentHashMap<>();

  private final ConcurrentHashMap<Sharding, Footprint> footprints = new ConcurrentHashMap<>();

  /**
   * What one device holds under a sharding, all layers: weights of the mixer side (mixers and
   * edges), weights of the FFN side, KV bytes per token and fixed state bytes per sequence.
   *
   * @param mixerWeightBytes weights of mixer and edge blocks, in bytes
   * @param ffnWeightBytes weights of feed-forward blocks, in bytes
   * @param kvBytesPerToken KV cache per token of context, in bytes
   * @param stateBytesPerSequence fixed state per sequence (Mamba2), in bytes
   * @since 0.2
   */
  public record Footprint(
      double mixerWeightBytes,
      double ffnWeightBytes,
      double kvBytesPerToken,
      double stateBytesPerSequence) {
    /** {@return weights of every block} */
    public double weightBytes() {
      return mixerWeightBytes + ffnWeightBytes;
    }
  }

  /**
   * {@return the per-device footprint under a sharding, computed once per sharding}
   *
   * @param sharding how the model is split
   */
  public Footprint footprint(Sharding sharding) {
    // get() first: computeIfAbsent locks the bin even when the key is there.
    Footprint footprint = footprints.get(sharding);
    if (footprint != null) {
      return footprint;
    }
    return footprints.computeIfAbsent(
        sharding,
        key ->
            new Footprint(
                model.weightBytesPerDevice(key, BlockRole.MIXER)
                    + model.weightBytesPerDevice(key, BlockRole.EDGE),
                model.weightBytesPerDevice(key, BlockRole.FEED_FORWARD),
                model.kvBytesPerTokenPerDevice(key),
                model.stateBytesPerSequencePerDevice(key)));
  }

  private record ExchangeKey(DeviceGroup senders, DeviceGroup receivers, int destinations) {}

  private record ExactExchangeKey(
      DeviceGroup senders, DeviceGroup receivers, double bytesPerSender, int destinations) {}

  private final ConcurrentHashMap<ExactExchangeKey, Double> exactExchanges =
      new ConcurrentHashMap<>();

  /** Bytes per sender at which the linear exchange cost is sampled. */
  private static final double SAMPLE_BYTES = 1 << 20;

  /**
   * Where a side runs: its accelerator and the first device of its group on a system. Equality uses
   * the accelerator's identity: hashing a whole spec in the hot path costs more than the pricing it
   * saves.
   *
   * @param accelerator the accelerator the side's kernels run on; keep one instance per view, since
   *     memoization compares it by identity
   * @param systemIndex the system's index in the cluster
   * @param firstDevice the first device of the side's group on that system
   * @since 0.2
   */
  public record Placement(AcceleratorSpec accelerator, int systemIndex, int firstDevice) {
    @Override
    @SuppressWarnings("ReferenceEquality") // Identity on the accelerator, as documented above.
    public boolean equals(Object other) {
      return other instanceof Placement placement
          && placement.accelerator == accelerator
          && placement.systemIndex == systemIndex
          && placement.firstDevice == firstDevice;
    }

    @Override
    public int hashCode() {
      return (System.identityHashCode(accelerator) * 31 + systemIndex) * 31 + firstDevice;
    }
  }

  private record Key(Side side, StepShape shape, Sharding sharding, Placement placement) {}

  /**
   * Creates a pricer for one model.
   *
   * @param model the model
   * @param costModel prices kernels (the context's)
   * @param network prices collectives and exchanges (the context's)
   */
  public StepPricer(MoeModelSpec model, KernelCostModel costModel, NetworkModel network) {
    this.model = model;
    this.costModel = costModel;
    this.network = network;
  }

  /** {@return the model} */
  public MoeModelSpec model() {
    return model;
  }

  /** {@return the network model} */
  public NetworkModel network() {
    return network;
  }

  /**
   * Prices one side of a step.
   *
   * @param side which blocks
   * @param shape for the mixer side, the step of one attention data-parallel rank; for the FFN
   *     side, every token reaching the FFN group
   * @param sharding the sharding
   * @param placement where the side runs
   * @return the side's price, shared by every call with equal arguments
   */
  public PricedStep price(Side side, StepShape shape, Sharding sharding, Placement placement) {
    Key key = new Key(side, shape, sharding, placement);
    PricedStep priced = memo.get(key);
    if (priced != null) {
      return priced;
    }
    return memo.computeIfAbsent(key, unused -> compute(side, shape, sharding, placement));
  }

  /**
   * {@return the seconds of an M-by-N exchange (see {@link NetworkModel#exchange})}
   *
   * <p>For a fixed placement and fan-out, every network model afd has is affine in the bytes sent
   * (a latency plus bytes over the bottleneck share; flows that start together keep their shares in
   * proportion), so the model is sampled at two sizes once per placement and interpolated.
   *
   * @param senders the sending devices
   * @param receivers the receiving devices
   * @param bytesPerSender bytes each sender sends, in total
   * @param destinations receivers each sender sends to
   */
  public double exchangeSeconds(
      DeviceGroup senders, DeviceGroup receivers, double bytesPerSender, int destinations) {
    if (bytesPerSender <= 0) {
      return 0;
    }
    ExchangeKey key = new ExchangeKey(senders, receivers, destinations);
    double[] line = exchanges.get(key);
    if (line == null) {
      line =
          exchanges.computeIfAbsent(
              key,
              unused -> {
                double one =
                    network.exchange(senders, receivers, SAMPLE_BYTES, destinations).seconds();
                double two =
                    network.exchange(senders, receivers, 2 * SAMPLE_BYTES, destinations).seconds();
                double slope = (two - one) / SAMPLE_BYTES;
                return new double[] {Math.max(0, one - slope * SAMPLE_BYTES), slope};
              });
    }
    return line[0] + line[1] * bytesPerSender;
  }

  /**
   * {@return the seconds of an M-by-N exchange exactly as the network model prices it (see {@link
   * NetworkModel#exchange}), memoized: for transfers whose size is fixed per strategy, such as a
   * request's KV cache, so that the many candidates sharing a placement price it once}
   *
   * @param senders the sending devices
   * @param receivers the receiving devices
   * @param bytesPerSender bytes each sender sends, in total
   * @param destinations receivers each sender sends to
   */
  public double exactExchangeSeconds(
      DeviceGroup senders, DeviceGroup receivers, double bytesPerSender, int destinations) {
    ExactExchangeKey key = new ExactExchangeKey(senders, receivers, bytesPerSender, destinations);
    Double seconds = exactExchanges.get(key);
    if (seconds != null) {
      return seconds;
    }
    return exactExchanges.computeIfAbsent(
        key,
        unused -> network.exchange(senders, receivers, bytesPerSender, destinations).seconds());
  }

  private PricedStep compute(Side side, StepShape shape, Sharding sharding, Placement placement) {
    List<LayerGroup> groups = model.layers();
    PricedStep priced = new PricedStep(groups);
    for (int index = 0; index < groups.size(); index++) {
      int group = index;
      double weight = groups.get(index).count();
      for (Block block : groups.get(index).blocks()) {
        if (!side.covers(block.role())) {
          continue;
        }
        block.emit(
            shape,
            sharding,
            (operatorGroup, operator) -> {
              if (operator instanceof CollectiveOperator collective) {
                double seconds = collective(collective, placement);
                priced.communicationPerLayer[group] += seconds;
                if (collective.scope() == ParallelScope.EXPERT) {
                  priced.expertCommunicationPerLayer[group] += seconds;
                }
                return;
              }
              OperatorTime time = costModel.time(operator, placement.accelerator());
              priced.computePerLayer[group] += time.seconds();
              if (operatorGroup == OperatorGroup.ROUTER) {
                priced.routerPerLayer[group] += time.seconds();
              }
              priced.fidelitySeconds[time.fidelity().ordinal()] += time.seconds() * weight;
            });
      }
    }
    if (side == Side.MIXER) {
      for (Block block : model.edges()) {
        block.emit(
            shape,
            sharding,
            (operatorGroup, operator) -> {
              if (operator instanceof CollectiveOperator collective) {
                priced.edgeSeconds += collective(collective, placement);
                return;
              }
              OperatorTime time = costModel.time(operator, placement.accelerator());
              priced.edgeSeconds += time.seconds();
              priced.fidelitySeconds[time.fidelity().ordinal()] += time.seconds();
            });
      }
    }
    return priced;
  }

  private double collective(CollectiveOperator collective, Placement placement) {
    if (collective.groupSize() <= 1 || collective.bytes() == 0) {
      return 0;
    }
    // A kernel cost model with measured collective kernels (TensorRT-LLM's NVLink all-reduce inside
    // a node) prices them; the network model prices everything else.
    Optional<OperatorTime> measured =
        costModel.measuredCollective(collective, placement.accelerator());
    if (measured.isPresent()) {
      return measured.get().seconds();
    }
    CommunicationTime time =
        network.collective(
            collective.kind(),
            collective.bytes(),
            new DeviceGroup(
                placement.systemIndex(), placement.firstDevice(), collective.groupSize()));
    return time.seconds();
  }
}
