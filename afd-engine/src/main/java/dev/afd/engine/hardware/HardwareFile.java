package dev.afd.engine.hardware;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import java.util.List;

/**
 * The content of one hardware file: custom accelerators, systems built from them (or from known
 * accelerators), and clusters of systems, each list in file order.
 *
 * @param accelerators the accelerators the file defines
 * @param systems the systems the file defines
 * @param clusters the clusters the file defines
 */
public record HardwareFile(
    List<AcceleratorSpec> accelerators, List<SystemSpec> systems, List<ClusterSpec> clusters) {

  /**
   * Copies the lists.
   *
   * @param accelerators the accelerators
   * @param systems the systems
   * @param clusters the clusters
   */
  public HardwareFile {
    accelerators = List.copyOf(accelerators);
    systems = List.copyOf(systems);
    clusters = List.copyOf(clusters);
  }
}
