package dev.afd.api.hardware;

import static java.util.Objects.requireNonNull;

import dev.afd.api.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * A cluster of one or more systems; several systems (two accelerator kinds, for example) are joined
 * by a cross-system fabric, so strategies can put attention on one and the FFN on another.
 *
 * @param id stable kebab-case id
 * @param systems the systems, the first one primary; ids unique
 * @param crossSystemFabric the network that joins devices of different systems (per device per
 *     direction); for a single system, its outermost dimension
 * @since 0.1
 */
public record ClusterSpec(String id, List<SystemSpec> systems, NetworkDimension crossSystemFabric) {

  /**
   * Validates the cluster.
   *
   * @param id the id
   * @param systems the systems
   * @param crossSystemFabric the cross-system fabric
   */
  public ClusterSpec {
    Checks.id(id, "cluster id");
    systems = List.copyOf(systems);
    requireNonNull(crossSystemFabric, "crossSystemFabric");
    if (systems.isEmpty()) {
      throw new IllegalArgumentException("systems of cluster '" + id + "' must not be empty");
    }
    for (int index = 0; index < systems.size(); index++) {
      for (int other = index + 1; other < systems.size(); other++) {
        if (systems.get(index).id().equals(systems.get(other).id())) {
          throw new IllegalArgumentException(
              "systems of cluster '" + id + "' repeat '" + systems.get(index).id() + "'");
        }
      }
    }
  }

  /**
   * {@return a cluster of one system}
   *
   * @param system the system
   */
  public static ClusterSpec of(SystemSpec system) {
    requireNonNull(system, "system");
    List<NetworkDimension> dimensions = system.dimensions();
    return new ClusterSpec(system.id(), List.of(system), dimensions.get(dimensions.size() - 1));
  }

  /** {@return the first system} */
  public SystemSpec primary() {
    return systems.get(0);
  }

  /**
   * {@return the system with this id, if the cluster has it}
   *
   * @param systemId the system id
   */
  public Optional<SystemSpec> system(String systemId) {
    return systems.stream().filter(system -> system.id().equals(systemId)).findFirst();
  }

  /** {@return the total device count over all systems} */
  public int deviceCount() {
    return systems.stream().mapToInt(SystemSpec::deviceCount).sum();
  }
}
