package dev.afd.engine.network;

import dev.afd.api.hardware.DimensionKind;

/**
 * The explicit links of a cluster and the route a transfer takes over them.
 *
 * <p>Every device owns, per network dimension:
 *
 * <ul>
 *   <li>{@link DimensionKind#SWITCH}: an up link to the dimension's switch and a down link from it,
 *       each at the dimension's bandwidth per direction; one switch hop costs the dimension's
 *       latency. A switch at dimension {@code d} reaches every device below it directly (fat-tree
 *       semantics), so it resolves all differences in dimensions {@code <= d}.
 *   <li>{@link DimensionKind#RING} and {@link DimensionKind#TORUS_AXIS}: a link to the next and one
 *       to the previous neighbour, each at half the per-device bandwidth (the bandwidth is split
 *       over the two directions of the ring); each hop costs the latency. Transfers take the
 *       shorter way round; at the antipode they split half and half.
 *   <li>{@link DimensionKind#FULLY_CONNECTED}: one link to each of the {@code n − 1} peers, each at
 *       {@code 1/(n − 1)} of the per-device bandwidth.
 * </ul>
 *
 * <p>Devices of different systems talk over the cross-system fabric: an up and a down link per
 * device at the fabric's bandwidth. Within a system, differences in non-switch dimensions outside
 * the outermost differing switch dimension are walked first (ring or direct hops), then one switch
 * hop resolves the rest; without a switch, dimensions are walked innermost first (dimension-ordered
 * routing). Immutable and thread-safe.
 */
final class LinkGraph {

  /** Receives the paths of one route. */
  interface PathSink {
    /**
     * Receives one path.
     *
     * @param links link ids, {@code count} of them valid
     * @param count the number of links
     * @param fraction the share of the bytes that takes this path
     * @param latencySeconds the sum of the hop latencies
     */
    void path(int[] links, int count, double fraction, double latencySeconds);
  }

  private final ClusterTopology topology;
  private final int[] deviceLinkBase;
  private final int[][] dimensionSlotOffset;
  private final int[] crossSlotOffset;
  private final double[] capacityBytesPerSecond;
  private final double[] latencySeconds;
  private final int[] linkDimension;
  private final int maxPathLinks;

  LinkGraph(ClusterTopology topology) {
    this.topology = topology;
    int devices = topology.deviceCount();
    deviceLinkBase = new int[devices + 1];
    dimensionSlotOffset = new int[topology.systemCount()][];
    crossSlotOffset = new int[topology.systemCount()];
    int maxLinks = 2;
    for (int system = 0; system < topology.systemCount(); system++) {
      int dimensions = topology.dimensionCount(system);
      dimensionSlotOffset[system] = new int[dimensions];
      int slots = 0;
      int pathLinks = 2;
      for (int dimension = 0; dimension < dimensions; dimension++) {
        dimensionSlotOffset[system][dimension] = slots;
        int size = topology.dimensionSize(system, dimension);
        switch (topology.dimensionKind(system, dimension)) {
          case SWITCH -> slots += 2;
          case RING, TORUS_AXIS -> {
            slots += 2;
            pathLinks += size / 2 + 1;
          }
          case FULLY_CONNECTED -> {
            slots += size;
            pathLinks += 1;
          }
        }
      }
      crossSlotOffset[system] = slots;
      slots += 2;
      maxLinks = Math.max(maxLinks, pathLinks + 2);
      int first = topology.systemFirstDevice(system);
      for (int local = 0; local < topology.systemDeviceCount(system); local++) {
        deviceLinkBase[first + local + 1] = slots;
      }
    }
    for (int device = 0; device < devices; device++) {
      deviceLinkBase[device + 1] += deviceLinkBase[device];
    }
    maxPathLinks = maxLinks;
    int links = deviceLinkBase[devices];
    capacityBytesPerSecond = new double[links];
    latencySeconds = new double[links];
    linkDimension = new int[links];
    for (int device = 0; device < devices; device++) {
      int system = topology.systemOf(device);
      int base = deviceLinkBase[device];
      for (int dimension = 0; dimension < topology.dimensionCount(system); dimension++) {
        int offset = base + dimensionSlotOffset[system][dimension];
        double bandwidth = topology.bandwidthBytesPerSecond(system, dimension);
        double latency = topology.latencySeconds(system, dimension);
        int size = topology.dimensionSize(system, dimension);
        switch (topology.dimensionKind(system, dimension)) {
          case SWITCH -> {
            set(offset, bandwidth, latency, dimension);
            set(offset + 1, bandwidth, 0, dimension);
          }
          case RING, TORUS_AXIS -> {
            set(offset, bandwidth / 2, latency, dimension);
            set(offset + 1, bandwidth / 2, latency, dimension);
          }
          case FULLY_CONNECTED -> {
            for (int slot = 0; slot < size; slot++) {
              set(offset + slot, bandwidth / Math.max(1, size - 1), latency, dimension);
            }
          }
        }
      }
      int cross = base + crossSlotOffset[system];
      set(cross, topology.crossBandwidthBytesPerSecond(), topology.crossLatencySeconds(), -1);
      set(cross + 1, topology.crossBandwidthBytesPerSecond(), 0, -1);
    }
  }

  private void set(int link, double capacity, double latency, int dimension) {
    capacityBytesPerSecond[link] = capacity;
    latencySeconds[link] = latency;
    linkDimension[link] = dimension;
  }

  ClusterTopology topology() {
    return topology;
  }

  int linkCount() {
    return capacityBytesPerSecond.length;
  }

  double capacityBytesPerSecond(int link) {
    return capacityBytesPerSecond[link];
  }

  /** {@return the dimension index a link belongs to, -1 for the cross-system fabric} */
  int linkDimension(int link) {
    return linkDimension[link];
  }

  /** {@return a copy of every link's capacity in bytes per second} */
  double[] capacities() {
    return capacityBytesPerSecond.clone();
  }

  /** {@return a scratch buffer large enough for any path} */
  int[] newPathBuffer() {
    return new int[maxPathLinks];
  }

  /**
   * Routes a transfer between two global devices, splitting it where a ring offers two equally
   * short ways.
   *
   * @param source the sending global device
   * @param destination the receiving global device
   * @param buffer a buffer from {@link #newPathBuffer()}
   * @param sink receives each path; none when source equals destination
   */
  void route(int source, int destination, int[] buffer, PathSink sink) {
    if (source == destination) {
      return;
    }
    int sourceSystem = topology.systemOf(source);
    int destinationSystem = topology.systemOf(destination);
    if (sourceSystem != destinationSystem) {
      buffer[0] = deviceLinkBase[source] + crossSlotOffset[sourceSystem];
      buffer[1] = deviceLinkBase[destination] + crossSlotOffset[destinationSystem] + 1;
      sink.path(buffer, 2, 1.0, latencySeconds[buffer[0]]);
      return;
    }
    int system = sourceSystem;
    int first = topology.systemFirstDevice(system);
    int from = source - first;
    int to = destination - first;
    int outermost = topology.outermostDifference(system, from, to);
    int switchDimension = -1;
    for (int dimension = outermost; dimension >= 0; dimension--) {
      if (topology.dimensionKind(system, dimension) == DimensionKind.SWITCH
          && topology.coordinate(system, from, dimension)
              != topology.coordinate(system, to, dimension)) {
        switchDimension = dimension;
        break;
      }
    }
    walk(
        new Route(system, first, to, switchDimension, outermost, buffer, sink), from, 0, 0, 1.0, 0);
  }

  /** What stays fixed while one transfer's paths are walked. */
  private static final class Route {
    final int system;
    final int first;
    final int to;
    final int switchDimension;
    final int outermost;
    final int[] buffer;
    final PathSink sink;

    Route(
        int system,
        int first,
        int to,
        int switchDimension,
        int outermost,
        int[] buffer,
        PathSink sink) {
      this.system = system;
      this.first = first;
      this.to = to;
      this.switchDimension = switchDimension;
      this.outermost = outermost;
      this.buffer = buffer;
      this.sink = sink;
    }
  }

  /** {@return whether two devices of a system differ in a dimension} */
  private boolean differ(int system, int device, int other, int dimension) {
    return topology.coordinate(system, device, dimension)
        != topology.coordinate(system, other, dimension);
  }

  /**
   * Walks the non-switch dimensions still to resolve, recursing on ring ties, then ends with the
   * switch hop (if any).
   */
  private void walk(
      Route route, int current, int step, int count, double fraction, double latency) {
    int system = route.system;
    int to = route.to;
    int switchDimension = route.switchDimension;
    int[] buffer = route.buffer;
    // Order: with a switch, the non-switch dims above it from outermost down; without, innermost
    // up.
    int dimension = -1;
    if (switchDimension >= 0) {
      for (int candidate = route.outermost; candidate > switchDimension; candidate--) {
        if (differ(system, current, to, candidate)) {
          dimension = candidate;
          break;
        }
      }
    } else {
      for (int candidate = 0; candidate <= route.outermost; candidate++) {
        if (differ(system, current, to, candidate)) {
          dimension = candidate;
          break;
        }
      }
    }
    if (dimension < 0) {
      int length = count;
      double total = latency;
      if (switchDimension >= 0 && current != to) {
        int up =
            deviceLinkBase[route.first + current] + dimensionSlotOffset[system][switchDimension];
        int down =
            deviceLinkBase[route.first + to] + dimensionSlotOffset[system][switchDimension] + 1;
        buffer[length++] = up;
        buffer[length++] = down;
        total += latencySeconds[up];
      }
      route.sink.path(buffer, length, fraction, total);
      return;
    }
    int size = topology.dimensionSize(system, dimension);
    int here = topology.coordinate(system, current, dimension);
    int there = topology.coordinate(system, to, dimension);
    int offset = dimensionSlotOffset[system][dimension];
    if (topology.dimensionKind(system, dimension) == DimensionKind.FULLY_CONNECTED) {
      int link = deviceLinkBase[route.first + current] + offset + there;
      buffer[count] = link;
      int next = topology.withCoordinate(system, current, dimension, there);
      walk(route, next, step + 1, count + 1, fraction, latency + latencySeconds[link]);
      return;
    }
    int forward = Math.floorMod(there - here, size);
    int backward = size - forward;
    // The shorter way round the ring; on a tie both ways (forward first), each with half the
    // traffic. The sink consumes each path before the next is written, so both share the buffer.
    double share = forward == backward ? fraction / 2 : fraction;
    for (int direction = +1; direction >= -1; direction -= 2) {
      int hops = direction > 0 ? forward : backward;
      if (hops <= size - hops) {
        ringWalk(route, current, dimension, direction, hops, step, count, share, latency);
      }
    }
  }

  private void ringWalk(
      Route route,
      int current,
      int dimension,
      int direction,
      int hops,
      int step,
      int count,
      double fraction,
      double latency) {
    int system = route.system;
    int size = topology.dimensionSize(system, dimension);
    int offset = dimensionSlotOffset[system][dimension] + (direction > 0 ? 0 : 1);
    int device = current;
    int length = count;
    double total = latency;
    for (int hop = 0; hop < hops; hop++) {
      int link = deviceLinkBase[route.first + device] + offset;
      route.buffer[length++] = link;
      total += latencySeconds[link];
      int coordinate = topology.coordinate(system, device, dimension);
      device =
          topology.withCoordinate(
              system, device, dimension, Math.floorMod(coordinate + direction, size));
    }
    walk(route, device, step + 1, length, fraction, total);
  }
}
