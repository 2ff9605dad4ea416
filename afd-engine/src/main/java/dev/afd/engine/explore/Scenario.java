package dev.afd.engine.explore;

import static java.util.Objects.requireNonNull;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;

/**
 * One point of a study: a model on a cluster (with a device budget) under a workload and SLO.
 *
 * @param model the model
 * @param cluster the cluster
 * @param deviceBudget the most devices a deployment may occupy
 * @param workload the workload
 * @param slo the latency targets
 */
public record Scenario(
    MoeModelSpec model, ClusterSpec cluster, int deviceBudget, WorkloadSpec workload, SloSpec slo) {

  /** Validates the scenario. */
  public Scenario {
    requireNonNull(model, "model");
    requireNonNull(cluster, "cluster");
    requireNonNull(workload, "workload");
    requireNonNull(slo, "slo");
    if (deviceBudget < 1) {
      throw new IllegalArgumentException("deviceBudget must be >= 1, got '" + deviceBudget + "'");
    }
  }

  /**
   * {@return the hardware the scenario runs on, for headings}
   *
   * <p>One system reads {@code "32 × h200-nvl8"} (the budget, then the system). A cluster of
   * several systems names each with its device count and accelerator, for example {@code
   * "h200-attention-npu-ffn: 16 × nvidia-h200-sxm (h200-nvl8) + 32 × acme-npu (acme-npu-pod-64)"},
   * followed by {@code ", budget N devices"} when the budget is smaller than the cluster.
   */
  public String hardware() {
    if (cluster.systems().size() == 1) {
      return deviceBudget + " × " + cluster.primary().id();
    }
    StringBuilder text = new StringBuilder(cluster.id()).append(": ");
    for (int index = 0; index < cluster.systems().size(); index++) {
      SystemSpec system = cluster.systems().get(index);
      if (index > 0) {
        text.append(" + ");
      }
      text.append(system.deviceCount())
          .append(" × ")
          .append(system.accelerator().id())
          .append(" (")
          .append(system.id())
          .append(')');
    }
    if (deviceBudget < cluster.deviceCount()) {
      text.append(", budget ").append(deviceBudget).append(" devices");
    }
    return text.toString();
  }
}
