package dev.afd.api.hardware;

import static java.util.Objects.requireNonNull;

import dev.afd.api.internal.Checks;
import java.util.List;

/**
 * A deployable system: one accelerator kind joined by a multi-dimensional network, for example
 * {@code h200-nvl8} (8 GPUs per NVLink switch, InfiniBand between nodes).
 *
 * <p>Device {@code i} sits at position {@code i mod d0} in the innermost dimension, {@code (i / d0)
 * mod d1} in the next, and so on (contiguous packing). The outermost dimension's size is the number
 * of its units the system holds by default; {@link #withDeviceCount(int)} resizes it, which is how
 * a user sets the cluster size.
 *
 * @param id stable kebab-case id
 * @param description one line for humans
 * @param accelerator the accelerator every device is
 * @param dimensions network dimensions, innermost first, at least one
 * @since 0.1
 */
public record SystemSpec(
    String id, String description, AcceleratorSpec accelerator, List<NetworkDimension> dimensions) {

  /**
   * The most devices a system may hold: 131072 (2^17).
   *
   * <p>Why this value: the largest GPU clusters built so far hold about 100 000 devices, and one
   * serving deployment is far smaller; the engine keeps per-device arrays (link graphs, placements)
   * that take a few hundred bytes per device, so this bounds them at tens of MB, where 2^26 devices
   * exhausted a default heap.
   *
   * @since 0.2
   */
  public static final int MAX_DEVICES = 1 << 17;

  /**
   * Validates the system.
   *
   * @param id the id
   * @param description the description
   * @param accelerator the accelerator
   * @param dimensions the dimensions
   */
  public SystemSpec {
    Checks.id(id, "system id");
    requireNonNull(description, "description");
    requireNonNull(accelerator, "accelerator");
    dimensions = List.copyOf(dimensions);
    if (dimensions.isEmpty()) {
      throw new IllegalArgumentException(
          "dimensions of system '" + id + "' must list at least one network dimension");
    }
    long devices = 1;
    for (NetworkDimension dimension : dimensions) {
      devices = Math.multiplyExact(devices, dimension.size());
    }
    if (devices > MAX_DEVICES) {
      throw new IllegalArgumentException(
          "system '"
              + id
              + "' must hold at most "
              + MAX_DEVICES
              + " devices (SystemSpec.MAX_DEVICES), got '"
              + devices
              + "'");
    }
  }

  /** {@return the number of devices: the product of the dimension sizes} */
  public int deviceCount() {
    int devices = 1;
    for (NetworkDimension dimension : dimensions) {
      devices *= dimension.size();
    }
    return devices;
  }

  /** {@return devices in one scale-up domain: the innermost dimension's size} */
  public int devicesPerNode() {
    return dimensions.get(0).size();
  }

  /**
   * {@return this system resized to hold at least {@code devices} devices}
   *
   * <p>The outermost dimension grows or shrinks to the smallest size that holds them; when the
   * count fits inside the inner dimensions, the outer sizes become 1.
   *
   * @param devices the device count, {@code >= 1} and at most {@link #MAX_DEVICES}
   * @throws IllegalArgumentException if {@code devices} is out of that range
   */
  public SystemSpec withDeviceCount(int devices) {
    Checks.positive(devices, "devices");
    if (devices > MAX_DEVICES) {
      throw new IllegalArgumentException(
          "devices must be at most "
              + MAX_DEVICES
              + " (SystemSpec.MAX_DEVICES), got '"
              + devices
              + "'");
    }
    int inner = 1;
    for (int index = 0; index < dimensions.size() - 1; index++) {
      inner *= dimensions.get(index).size();
    }
    int outer = Math.max(1, (devices + inner - 1) / inner);
    List<NetworkDimension> resized = new java.util.ArrayList<>(dimensions);
    resized.set(dimensions.size() - 1, dimensions.get(dimensions.size() - 1).withSize(outer));
    return new SystemSpec(id, description, accelerator, resized);
  }

  /**
   * {@return the index of the outermost dimension in which devices {@code a} and {@code b} differ,
   * or -1 when they are the same device}
   *
   * @param a a device index
   * @param b another device index
   */
  public int outermostDimensionBetween(int a, int b) {
    int result = -1;
    int left = a;
    int right = b;
    for (int index = 0; index < dimensions.size(); index++) {
      int size = dimensions.get(index).size();
      if (left % size != right % size) {
        result = index;
      }
      left /= size;
      right /= size;
    }
    return result;
  }
}
