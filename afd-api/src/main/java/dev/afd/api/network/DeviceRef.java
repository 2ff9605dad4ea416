package dev.afd.api.network;

/**
 * One device of a cluster.
 *
 * @param systemIndex index of the system in the cluster
 * @param device device index within the system
 * @since 0.1
 */
public record DeviceRef(int systemIndex, int device) {

  /**
   * Validates the reference.
   *
   * @param systemIndex system index
   * @param device device
   */
  public DeviceRef {
    if (systemIndex < 0 || device < 0) {
      throw new IllegalArgumentException("device reference needs indices >= 0");
    }
  }
}
