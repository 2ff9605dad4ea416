package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.DeviceRef;
import java.util.List;
import java.util.Locale;

/**
 * A cluster flattened into primitive arrays: per system, per dimension (innermost first) the size,
 * kind, bandwidth per device per direction and latency; plus the cross-system fabric.
 *
 * <p>Devices are numbered globally: system 0's devices first, then system 1's, and so on. Immutable
 * and thread-safe.
 */
final class ClusterTopology {

  private final ClusterSpec cluster;
  private final int systemCount;
  private final int[] systemFirstDevice;
  private final int[] systemDeviceCount;
  private final int[][] dimensionSize;
  private final DimensionKind[][] dimensionKind;
  private final double[][] bandwidthBytesPerSecond;
  private final double[][] latencySeconds;
  private final String[][] dimensionName;
  private final DimensionKind crossKind;
  private final double crossBandwidthBytesPerSecond;
  private final double crossLatencySeconds;
  private final int deviceCount;

  ClusterTopology(ClusterSpec cluster) {
    this.cluster = requireNonNull(cluster, "cluster");
    List<SystemSpec> systems = cluster.systems();
    systemCount = systems.size();
    systemFirstDevice = new int[systemCount];
    systemDeviceCount = new int[systemCount];
    dimensionSize = new int[systemCount][];
    dimensionKind = new DimensionKind[systemCount][];
    bandwidthBytesPerSecond = new double[systemCount][];
    latencySeconds = new double[systemCount][];
    dimensionName = new String[systemCount][];
    int next = 0;
    for (int system = 0; system < systemCount; system++) {
      SystemSpec spec = systems.get(system);
      List<NetworkDimension> dimensions = spec.dimensions();
      int count = dimensions.size();
      dimensionSize[system] = new int[count];
      dimensionKind[system] = new DimensionKind[count];
      bandwidthBytesPerSecond[system] = new double[count];
      latencySeconds[system] = new double[count];
      dimensionName[system] = new String[count];
      for (int index = 0; index < count; index++) {
        NetworkDimension dimension = dimensions.get(index);
        dimensionSize[system][index] = dimension.size();
        dimensionKind[system][index] = dimension.kind();
        bandwidthBytesPerSecond[system][index] = dimension.bandwidthPerDirection().bytesPerSecond();
        latencySeconds[system][index] = dimension.latency().seconds();
        dimensionName[system][index] = dimension.name();
      }
      systemFirstDevice[system] = next;
      systemDeviceCount[system] = spec.deviceCount();
      next = Math.addExact(next, spec.deviceCount());
    }
    deviceCount = next;
    NetworkDimension cross = cluster.crossSystemFabric();
    crossKind = cross.kind();
    crossBandwidthBytesPerSecond = cross.bandwidthPerDirection().bytesPerSecond();
    crossLatencySeconds = cross.latency().seconds();
  }

  ClusterSpec cluster() {
    return cluster;
  }

  int systemCount() {
    return systemCount;
  }

  int deviceCount() {
    return deviceCount;
  }

  int systemDeviceCount(int system) {
    return systemDeviceCount[system];
  }

  int systemFirstDevice(int system) {
    return systemFirstDevice[system];
  }

  int dimensionCount(int system) {
    return dimensionSize[system].length;
  }

  int dimensionSize(int system, int dimension) {
    return dimensionSize[system][dimension];
  }

  DimensionKind dimensionKind(int system, int dimension) {
    return dimensionKind[system][dimension];
  }

  double bandwidthBytesPerSecond(int system, int dimension) {
    return bandwidthBytesPerSecond[system][dimension];
  }

  double latencySeconds(int system, int dimension) {
    return latencySeconds[system][dimension];
  }

  String dimensionName(int system, int dimension) {
    return dimensionName[system][dimension];
  }

  DimensionKind crossKind() {
    return crossKind;
  }

  double crossBandwidthBytesPerSecond() {
    return crossBandwidthBytesPerSecond;
  }

  double crossLatencySeconds() {
    return crossLatencySeconds;
  }

  /** {@return the global index of a device, validated against the cluster} */
  int globalIndex(DeviceRef device) {
    checkSystem(device.systemIndex());
    if (device.device() >= systemDeviceCount[device.systemIndex()]) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "device %d of system %d is outside the system, which has %d devices",
              device.device(),
              device.systemIndex(),
              systemDeviceCount[device.systemIndex()]));
    }
    return systemFirstDevice[device.systemIndex()] + device.device();
  }

  /** {@return the system a global device index belongs to} */
  int systemOf(int globalDevice) {
    for (int system = systemCount - 1; system > 0; system--) {
      if (globalDevice >= systemFirstDevice[system]) {
        return system;
      }
    }
    return 0;
  }

  /** Checks a collective's arguments: a kind, finite non-negative bytes, a group in its system. */
  void checkCollective(CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
    requireNonNull(kind, "kind");
    AnalyticalNetworkModel.checkBytes(bytesPerDevice);
    check(group);
  }

  /** Checks that a group lies inside its system. */
  void check(DeviceGroup group) {
    requireNonNull(group, "group");
    checkSystem(group.systemIndex());
    long end = (long) group.firstDevice() + group.size();
    if (end > systemDeviceCount[group.systemIndex()]) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "device group %s does not fit system %d, which has %d devices; resize the system"
                  + " with SystemSpec.withDeviceCount",
              group,
              group.systemIndex(),
              systemDeviceCount[group.systemIndex()]));
    }
  }

  private void checkSystem(int system) {
    if (system >= systemCount) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "system index %d is outside the cluster '%s', which has %d systems",
              system,
              cluster.id(),
              systemCount));
    }
  }

  /** {@return the coordinate of a local device in one dimension (contiguous packing)} */
  int coordinate(int system, int localDevice, int dimension) {
    int value = localDevice;
    for (int index = 0; index < dimension; index++) {
      value /= dimensionSize[system][index];
    }
    return value % dimensionSize[system][dimension];
  }

  /** {@return devices per unit below {@code dimension}: the product of the inner sizes} */
  int stride(int system, int dimension) {
    int stride = 1;
    for (int index = 0; index < dimension; index++) {
      stride *= dimensionSize[system][index];
    }
    return stride;
  }

  /** {@return the local device with one coordinate replaced} */
  int withCoordinate(int system, int localDevice, int dimension, int value) {
    int stride = stride(system, dimension);
    int current = (localDevice / stride) % dimensionSize[system][dimension];
    return localDevice + (value - current) * stride;
  }

  /**
   * {@return how many positions a contiguous group spans in one dimension}
   *
   * <p>For an aligned group the spans multiply to the group size. For an unaligned one (for example
   * 8 devices starting at device 4 of an 8-device node) the outer spans count the units touched and
   * the inner spans are the average share per outer unit, rounded up.
   */
  int span(int system, int firstDevice, int size, int dimension) {
    int count = dimensionSize[system].length;
    int outer = 1;
    for (int index = count - 1; index > dimension; index--) {
      outer *= touched(system, firstDevice, size, index);
    }
    int own = touched(system, firstDevice, size, dimension);
    int share = (size + outer - 1) / outer;
    return Math.max(1, Math.min(own, share));
  }

  private int touched(int system, int firstDevice, int size, int dimension) {
    int below = stride(system, dimension);
    int distinct = (firstDevice + size - 1) / below - firstDevice / below + 1;
    return Math.min(dimensionSize[system][dimension], distinct);
  }

  /**
   * {@return the outermost dimension in which two local devices of one system differ, -1 when they
   * are the same}
   */
  int outermostDifference(int system, int a, int b) {
    int result = -1;
    int left = a;
    int right = b;
    int[] sizes = dimensionSize[system];
    for (int index = 0; index < sizes.length; index++) {
      int size = sizes[index];
      if (left % size != right % size) {
        result = index;
      }
      left /= size;
      right /= size;
    }
    return result;
  }

  /**
   * {@return the mean shortest-path hop count from one position of a bidirectional ring of {@code
   * n} to the {@code n − 1} others}
   */
  static double meanRingHops(int n) {
    if (n <= 1) {
      return 0;
    }
    // Distances 1..n/2 in both directions; an even ring has one antipode at n/2.
    double sum;
    if (n % 2 == 1) {
      int half = (n - 1) / 2;
      sum = 2.0 * half * (half + 1) / 2.0;
    } else {
      int half = n / 2;
      sum = 2.0 * (half - 1) * half / 2.0 + half;
    }
    return sum / (n - 1);
  }
}
