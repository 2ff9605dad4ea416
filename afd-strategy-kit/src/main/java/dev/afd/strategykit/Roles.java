package dev.afd.strategykit;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.spi.StrategyContext;
import java.util.stream.Collectors;

/**
 * Resolves a role's system option against the cluster, and says how many devices a role may take
 * from a system.
 *
 * <p>Called by strategies when created and while enumerating. Stateless; thread-safe.
 *
 * <p>Device groups are placed inside one system of the cluster (the network model rejects a group
 * that runs past its system's devices), so a pool on a system is bounded by that system's devices
 * as well as by the device budget, which counts the whole cluster.
 *
 * @since 0.2
 */
public final class Roles {
  private Roles() {}

  /**
   * {@return the most devices a role may occupy on one system: its devices, within the budget}
   *
   * @param context the strategy context
   * @param system the system's index in the cluster
   */
  public static int capacity(StrategyContext context, int system) {
    return Math.min(context.deviceBudget(), context.cluster().systems().get(system).deviceCount());
  }

  /**
   * {@return a system as "id (n × accelerator)", for reasons}
   *
   * @param system the system
   */
  public static String describe(SystemSpec system) {
    return system.id() + " (" + system.deviceCount() + " × " + system.accelerator().id() + ")";
  }

  /**
   * {@return every system of the cluster described, joined by ", "}
   *
   * @param cluster the cluster
   */
  public static String describeSystems(ClusterSpec cluster) {
    return cluster.systems().stream().map(Roles::describe).collect(Collectors.joining(", "));
  }

  /**
   * {@return the index in the cluster of the system named by an option ("primary" = 0)}
   *
   * @param cluster the cluster
   * @param option the option's key, for the message
   * @param value the option's value: a system id or {@code primary}
   * @throws dev.afd.api.AfdConfigurationException if no system of the cluster has that id
   */
  public static int systemIndex(ClusterSpec cluster, String option, String value) {
    if (value.equals("primary")) {
      return 0;
    }
    for (int index = 0; index < cluster.systems().size(); index++) {
      if (cluster.systems().get(index).id().equals(value)) {
        return index;
      }
    }
    throw new AfdConfigurationException(
        "Option '"
            + option
            + "' names system '"
            + value
            + "', which is not in cluster '"
            + cluster.id()
            + "'. Systems in the cluster: "
            + cluster.systems().stream()
                .map(SystemSpec::id)
                .sorted()
                .collect(Collectors.joining(", ", "[", "]")));
  }
}
