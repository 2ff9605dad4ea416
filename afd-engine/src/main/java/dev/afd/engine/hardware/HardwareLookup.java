package dev.afd.engine.hardware;

import com.google.common.collect.ImmutableSortedMap;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The accelerators, systems and clusters a hardware file may refer to by id (and must not define
 * again), usually the discovered built-in and plugin hardware plus earlier hardware files.
 *
 * <p>Immutable and thread-safe.
 */
public final class HardwareLookup {
  private static final HardwareLookup EMPTY = new HardwareLookup(List.of(), List.of(), List.of());

  private final ImmutableSortedMap<String, AcceleratorSpec> accelerators;
  private final ImmutableSortedMap<String, SystemSpec> systems;
  private final ImmutableSortedMap<String, ClusterSpec> clusters;

  private HardwareLookup(
      Collection<AcceleratorSpec> accelerators,
      Collection<SystemSpec> systems,
      Collection<ClusterSpec> clusters) {
    ImmutableSortedMap.Builder<String, AcceleratorSpec> acceleratorsById =
        ImmutableSortedMap.naturalOrder();
    accelerators.forEach(accelerator -> acceleratorsById.put(accelerator.id(), accelerator));
    ImmutableSortedMap.Builder<String, SystemSpec> systemsById = ImmutableSortedMap.naturalOrder();
    systems.forEach(system -> systemsById.put(system.id(), system));
    this.accelerators = acceleratorsById.buildOrThrow();
    this.systems = systemsById.buildOrThrow();
    ImmutableSortedMap.Builder<String, ClusterSpec> clustersById =
        ImmutableSortedMap.naturalOrder();
    clusters.forEach(cluster -> clustersById.put(cluster.id(), cluster));
    this.clusters = clustersById.buildOrThrow();
  }

  /** {@return a lookup that knows nothing: files must define everything they use} */
  public static HardwareLookup empty() {
    return EMPTY;
  }

  /**
   * {@return a lookup over these accelerators and systems}
   *
   * @param accelerators known accelerators, ids unique
   * @param systems known systems, ids unique
   * @throws IllegalArgumentException if an id repeats
   */
  public static HardwareLookup of(
      Collection<AcceleratorSpec> accelerators, Collection<SystemSpec> systems) {
    return new HardwareLookup(accelerators, systems, List.of());
  }

  /**
   * {@return a lookup over these accelerators, systems and clusters}
   *
   * @param accelerators known accelerators, ids unique
   * @param systems known systems, ids unique
   * @param clusters known clusters, ids unique
   * @throws IllegalArgumentException if an id repeats
   */
  public static HardwareLookup of(
      Collection<AcceleratorSpec> accelerators,
      Collection<SystemSpec> systems,
      Collection<ClusterSpec> clusters) {
    return new HardwareLookup(accelerators, systems, clusters);
  }

  /**
   * {@return the accelerator with this id, if known}
   *
   * @param id the id
   */
  public Optional<AcceleratorSpec> findAccelerator(String id) {
    return Optional.ofNullable(accelerators.get(id));
  }

  /**
   * {@return the system with this id, if known}
   *
   * @param id the id
   */
  public Optional<SystemSpec> findSystem(String id) {
    return Optional.ofNullable(systems.get(id));
  }

  /**
   * {@return the cluster with this id, if known}
   *
   * @param id the id
   */
  public Optional<ClusterSpec> findCluster(String id) {
    return Optional.ofNullable(clusters.get(id));
  }

  /** {@return the known accelerator ids, sorted} */
  public List<String> acceleratorIds() {
    return accelerators.keySet().asList();
  }

  /** {@return the known system ids, sorted} */
  public List<String> systemIds() {
    return systems.keySet().asList();
  }

  /** {@return the known cluster ids, sorted} */
  public List<String> clusterIds() {
    return clusters.keySet().asList();
  }
}
