package dev.afd.engine.network;

import java.util.Arrays;

/**
 * An event-driven, flow-level network simulator with max-min fair sharing.
 *
 * <p>Each flow follows a fixed path of links; each link has a capacity in bytes per second per
 * direction. At every flow arrival or completion the rates are recomputed by progressive filling
 * (water filling): the link with the smallest fair share fixes the rate of its unfixed flows, which
 * then leave the other links' remaining capacity, until every flow has a rate. A flow's last byte
 * arrives when it has been transmitted plus its path latency. Flows finishing within a relative
 * {@code 1e-9} of each other complete in the same event, which keeps symmetric traffic to a handful
 * of events.
 *
 * <p>Not thread-safe: one instance per simulation. Reusable after {@link #clear()}.
 */
final class FlowSimulator implements LinkGraph.PathSink {

  private final double[] capacity;
  private int flowCount;
  private double[] bytes = new double[64];
  private double[] start = new double[64];
  private double[] latency = new double[64];
  private int[] pathStart = new int[65];
  private int[] pathLinks = new int[256];
  private double pendingBytes;
  private double pendingStart;

  // Scratch, sized at run time.
  private double[] remaining = new double[0];
  private double[] rate = new double[0];
  private boolean[] active = new boolean[0];
  private boolean[] fixed = new boolean[0];
  private final double[] remainingCapacity;
  private final int[] unfixed;
  private final int[] linkFlowStart;
  private int[] linkFlows = new int[0];
  private int events;

  FlowSimulator(double[] capacityBytesPerSecond) {
    this.capacity = capacityBytesPerSecond.clone();
    remainingCapacity = new double[capacity.length];
    unfixed = new int[capacity.length];
    linkFlowStart = new int[capacity.length + 1];
  }

  /** Forgets every flow. */
  void clear() {
    flowCount = 0;
  }

  int flowCount() {
    return flowCount;
  }

  /** {@return the rate recomputations of the last run} */
  int events() {
    return events;
  }

  /**
   * Sets the size and start of the flows the next routed paths describe.
   *
   * @param flowBytes bytes of the whole transfer (each path gets its fraction)
   * @param startSeconds when the transfer may start
   */
  void prepare(double flowBytes, double startSeconds) {
    this.pendingBytes = flowBytes;
    this.pendingStart = startSeconds;
  }

  @Override
  public void path(int[] links, int count, double fraction, double latencySeconds) {
    addFlow(links, count, pendingBytes * fraction, pendingStart, latencySeconds);
  }

  /**
   * Adds one flow.
   *
   * @param links the path
   * @param count links used from {@code links}
   * @param flowBytes bytes
   * @param startSeconds start
   * @param latencySeconds path latency
   */
  void addFlow(
      int[] links, int count, double flowBytes, double startSeconds, double latencySeconds) {
    if (flowCount == bytes.length) {
      int grown = bytes.length * 2;
      bytes = Arrays.copyOf(bytes, grown);
      start = Arrays.copyOf(start, grown);
      latency = Arrays.copyOf(latency, grown);
      pathStart = Arrays.copyOf(pathStart, grown + 1);
    }
    int base = pathStart[flowCount];
    if (base + count > pathLinks.length) {
      pathLinks = Arrays.copyOf(pathLinks, Math.max(pathLinks.length * 2, base + count));
    }
    System.arraycopy(links, 0, pathLinks, base, count);
    bytes[flowCount] = flowBytes;
    start[flowCount] = startSeconds;
    latency[flowCount] = latencySeconds;
    pathStart[flowCount + 1] = base + count;
    flowCount++;
  }

  /**
   * Runs the simulation.
   *
   * @return seconds until the last byte of the last flow arrives, 0 without flows
   */
  double run() {
    int flows = flowCount;
    events = 0;
    if (flows == 0) {
      return 0;
    }
    if (remaining.length < flows) {
      remaining = new double[flows];
      rate = new double[flows];
      active = new boolean[flows];
      fixed = new boolean[flows];
    }
    // Links → flows (CSR).
    Arrays.fill(linkFlowStart, 0);
    for (int flow = 0; flow < flows; flow++) {
      for (int index = pathStart[flow]; index < pathStart[flow + 1]; index++) {
        linkFlowStart[pathLinks[index] + 1]++;
      }
    }
    for (int link = 0; link < capacity.length; link++) {
      linkFlowStart[link + 1] += linkFlowStart[link];
    }
    int total = linkFlowStart[capacity.length];
    if (linkFlows.length < total) {
      linkFlows = new int[total];
    }
    int[] fill = unfixed;
    Arrays.fill(fill, 0);
    for (int flow = 0; flow < flows; flow++) {
      for (int index = pathStart[flow]; index < pathStart[flow + 1]; index++) {
        int link = pathLinks[index];
        linkFlows[linkFlowStart[link] + fill[link]++] = flow;
      }
    }
    Integer[] boxed = new Integer[flows];
    for (int flow = 0; flow < flows; flow++) {
      boxed[flow] = flow;
    }
    Arrays.sort(boxed, (a, b) -> Double.compare(start[a], start[b]));
    int[] order = new int[flows];
    for (int index = 0; index < flows; index++) {
      order[index] = boxed[index];
    }
    Arrays.fill(active, 0, flows, false);
    int[] activeList = new int[flows];
    int activeCount = 0;
    int nextArrival = 0;
    double now = 0;
    double makespan = 0;
    while (nextArrival < flows || activeCount > 0) {
      if (activeCount == 0) {
        now = Math.max(now, start[order[nextArrival]]);
      }
      while (nextArrival < flows && start[order[nextArrival]] <= now) {
        int flow = order[nextArrival++];
        if (bytes[flow] <= 0 || pathStart[flow] == pathStart[flow + 1]) {
          makespan = Math.max(makespan, now + latency[flow]);
          continue;
        }
        remaining[flow] = bytes[flow];
        active[flow] = true;
        activeList[activeCount++] = flow;
      }
      if (activeCount == 0) {
        continue;
      }
      allocate(activeList, activeCount);
      events++;
      double step = Double.POSITIVE_INFINITY;
      for (int index = 0; index < activeCount; index++) {
        int flow = activeList[index];
        step = Math.min(step, remaining[flow] / rate[flow]);
      }
      if (nextArrival < flows) {
        step = Math.min(step, start[order[nextArrival]] - now);
      }
      double tolerance = step * 1e-9;
      double next = now + step;
      int kept = 0;
      for (int index = 0; index < activeCount; index++) {
        int flow = activeList[index];
        double left = remaining[flow] - rate[flow] * step;
        if (left <= rate[flow] * tolerance || left <= bytes[flow] * 1e-12) {
          active[flow] = false;
          makespan = Math.max(makespan, next + latency[flow]);
        } else {
          remaining[flow] = left;
          activeList[kept++] = flow;
        }
      }
      activeCount = kept;
      now = next;
    }
    return makespan;
  }

  /** Max-min fair rates by progressive filling over the active flows. */
  private void allocate(int[] activeList, int activeCount) {
    // Only links touched by active flows matter; collect them once.
    int[] touched = touchedLinks(activeList, activeCount);
    int touchedCount = touched[touched.length - 1];
    for (int index = 0; index < touchedCount; index++) {
      int link = touched[index];
      remainingCapacity[link] = capacity[link];
      unfixed[link] = 0;
    }
    for (int index = 0; index < activeCount; index++) {
      int flow = activeList[index];
      fixed[flow] = false;
      for (int at = pathStart[flow]; at < pathStart[flow + 1]; at++) {
        unfixed[pathLinks[at]]++;
      }
    }
    int left = touchedCount;
    while (true) {
      int best = -1;
      double bestShare = Double.POSITIVE_INFINITY;
      for (int index = 0; index < left; index++) {
        int link = touched[index];
        int count = unfixed[link];
        if (count == 0) {
          touched[index--] = touched[--left];
          continue;
        }
        double share = remainingCapacity[link] / count;
        if (share < bestShare) {
          bestShare = share;
          best = link;
        }
      }
      if (best < 0) {
        return;
      }
      double share = Math.max(0, bestShare);
      for (int at = linkFlowStart[best]; at < linkFlowStart[best + 1]; at++) {
        int flow = linkFlows[at];
        if (!active[flow] || fixed[flow]) {
          continue;
        }
        fixed[flow] = true;
        rate[flow] = share;
        for (int index = pathStart[flow]; index < pathStart[flow + 1]; index++) {
          int link = pathLinks[index];
          remainingCapacity[link] -= share;
          unfixed[link]--;
        }
      }
    }
  }

  private int[] touchedScratch = new int[1];
  private boolean[] touchedMark = new boolean[0];

  private int[] touchedLinks(int[] activeList, int activeCount) {
    if (touchedScratch.length < capacity.length + 1) {
      touchedScratch = new int[capacity.length + 1];
      touchedMark = new boolean[capacity.length];
    }
    int count = 0;
    for (int index = 0; index < activeCount; index++) {
      int flow = activeList[index];
      for (int at = pathStart[flow]; at < pathStart[flow + 1]; at++) {
        int link = pathLinks[at];
        if (!touchedMark[link]) {
          touchedMark[link] = true;
          touchedScratch[count++] = link;
        }
      }
    }
    for (int index = 0; index < count; index++) {
      touchedMark[touchedScratch[index]] = false;
    }
    touchedScratch[touchedScratch.length - 1] = count;
    return touchedScratch;
  }
}
