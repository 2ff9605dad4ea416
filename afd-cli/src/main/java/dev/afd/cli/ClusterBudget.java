package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.ClusterSpec;

/** Checks a {@code --gpus} budget against the {@code --cluster} it is spent on. */
final class ClusterBudget {
  private ClusterBudget() {}

  /**
   * Rejects a budget the cluster cannot hold: unlike a system, a cluster is not resized.
   *
   * @param cluster the cluster
   * @param budget the device budget
   * @throws AfdConfigurationException if the budget exceeds the cluster's devices
   */
  static void check(ClusterSpec cluster, int budget) {
    if (budget > cluster.deviceCount()) {
      throw new AfdConfigurationException(
          "Option --gpus asks for "
              + budget
              + " devices, but cluster '"
              + cluster.id()
              + "' has "
              + cluster.deviceCount()
              + "; give at most "
              + cluster.deviceCount()
              + " or a larger cluster in the hardware file");
    }
  }
}
