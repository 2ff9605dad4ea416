package dev.afd.api.network;

/**
 * A group of devices placed contiguously on one system of a cluster: devices {@code firstDevice} to
 * {@code firstDevice + size − 1} of system {@code systemIndex}.
 *
 * @param systemIndex index of the system in the cluster
 * @param firstDevice first device index within the system
 * @param size devices in the group, {@code >= 1}
 * @since 0.1
 */
public record DeviceGroup(int systemIndex, int firstDevice, int size) {

  /**
   * Validates the group.
   *
   * @param systemIndex system index
   * @param firstDevice first device
   * @param size size
   */
  public DeviceGroup {
    if (systemIndex < 0 || firstDevice < 0 || size < 1) {
      throw new IllegalArgumentException(
          "device group needs systemIndex >= 0, firstDevice >= 0, size >= 1, got "
              + systemIndex
              + ", "
              + firstDevice
              + ", "
              + size);
    }
  }

  /**
   * {@return a group of the first {@code size} devices of the primary system}
   *
   * @param size the size
   */
  public static DeviceGroup first(int size) {
    return new DeviceGroup(0, 0, size);
  }
}
