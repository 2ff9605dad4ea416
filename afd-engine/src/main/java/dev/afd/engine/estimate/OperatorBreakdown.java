package dev.afd.engine.estimate;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.strategy.StepDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Re-emits the operators of described steps and prices each one, for per-operator breakdowns.
 * Collectives are priced by the network model on a contiguous group at the start of the step's
 * system, as the built-in strategies place them.
 */
public final class OperatorBreakdown {
  private OperatorBreakdown() {}

  /**
   * {@return one row per operator of every step}
   *
   * @param model the model
   * @param cluster the cluster
   * @param costModel the kernel cost model
   * @param network the network model
   * @param steps the steps
   */
  public static List<OperatorRow> of(
      MoeModelSpec model,
      ClusterSpec cluster,
      KernelCostModel costModel,
      NetworkModel network,
      List<StepDescription> steps) {
    List<OperatorRow> rows = new ArrayList<>();
    for (StepDescription step : steps) {
      String side = step.feedForward() ? "ffn" : "mixer";
      for (LayerGroup group : model.layers()) {
        for (Block block : group.blocks()) {
          if ((block.role() == BlockRole.FEED_FORWARD) == step.feedForward()) {
            emit(
                rows,
                step,
                side,
                group.name(),
                group.count(),
                block,
                model,
                cluster,
                costModel,
                network);
          }
        }
      }
      if (!step.feedForward()) {
        for (Block block : model.edges()) {
          emit(rows, step, side, "edges", 1, block, model, cluster, costModel, network);
        }
      }
    }
    return rows;
  }

  private static void emit(
      List<OperatorRow> rows,
      StepDescription step,
      String side,
      String layerGroup,
      int layers,
      Block block,
      MoeModelSpec model,
      ClusterSpec cluster,
      KernelCostModel costModel,
      NetworkModel network) {
    block.emit(
        step.shape(),
        step.sharding(),
        (group, operator) -> {
          String groupName = group.name().toLowerCase(Locale.ROOT).replace('_', '-');
          AcceleratorSpec accelerator = cluster.systems().get(step.systemIndex()).accelerator();
          String name = operator.name();
          double seconds;
          String fidelity;
          String source;
          if (operator instanceof CollectiveOperator collective) {
            name += " (" + collective.kind().id() + " over " + collective.groupSize() + ")";
            // As the strategies price it: nothing on one device, measured collective kernels
            // where the kernel cost model has them, the network model otherwise.
            boolean idle = collective.groupSize() <= 1 || collective.bytes() == 0;
            Optional<OperatorTime> measured =
                idle ? Optional.empty() : costModel.measuredCollective(collective, accelerator);
            if (idle) {
              seconds = 0;
              fidelity = "none";
              source = "single device";
            } else if (measured.isPresent()) {
              seconds = measured.get().seconds();
              fidelity = measured.get().fidelity().id();
              source = measured.get().source();
            } else {
              CommunicationTime time =
                  network.collective(
                      collective.kind(),
                      collective.bytes(),
                      new DeviceGroup(step.systemIndex(), 0, collective.groupSize()));
              seconds = time.seconds();
              fidelity = time.fidelity().id();
              source = time.model();
            }
          } else {
            OperatorTime time = costModel.time(operator, accelerator);
            seconds = time.seconds();
            fidelity = time.fidelity().id();
            source = time.source();
          }
          rows.add(
              new OperatorRow(
                  step.name(),
                  side,
                  layerGroup,
                  layers,
                  block.kind(),
                  groupName,
                  name,
                  operator.flops(),
                  operator.memoryBytes(),
                  seconds,
                  fidelity,
                  source));
        });
  }
}
