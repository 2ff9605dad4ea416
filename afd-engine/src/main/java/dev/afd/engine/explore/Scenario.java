package dev.afd.engine.explore;

import static java.util.Objects.requireNonNull;

import dev.afd.api.hardware.ClusterSpec;
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
}
