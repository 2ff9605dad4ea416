package dev.afd.plugin.strategies.common;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.OperatorGroup;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices one side of a step through the engine's kernel cost model and network model, memoizing by
 * shape so that the many candidates sharing a stage shape price it once.
 *
 * <p>Thread-safe.
 */
public final class StepPricer {
  private final MoeModelSpec model;
  private final KernelCostModel costModel;
  private final NetworkModel network;
  private final ConcurrentHashMap<Key, PricedStep> memo = new ConcurrentHashMap<>();

  /** Where a side runs: its accelerator and the first device of its group on a system. */
  public record Placement(AcceleratorSpec accelerator, int systemIndex, int firstDevice) {}

  private record Key(Side side, StepShape shape, Sharding sharding, Placement placement) {}

  /** Creates a pricer for one model. */
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
   */
  public PricedStep price(Side side, StepShape shape, Sharding sharding, Placement placement) {
    return memo.computeIfAbsent(
        new Key(side, shape, sharding, placement),
        key -> compute(side, shape, sharding, placement));
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
                priced.communicationPerLayer[group] += collective(collective, placement);
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
    CommunicationTime time =
        network.collective(
            collective.kind(),
            collective.bytes(),
            new DeviceGroup(
                placement.systemIndex(), placement.firstDevice(), collective.groupSize()));
    return time.seconds();
  }
}
