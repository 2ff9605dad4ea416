package dev.afd.simulate;

import java.util.List;

/**
 * The curves of a simulation for report.html: latency CDFs and the utilisation timeline.
 *
 * @param timeToFirstToken TTFT's empirical CDF
 * @param timePerOutputToken TPOT's empirical CDF (requests of two tokens or more)
 * @param endToEnd end-to-end latency's empirical CDF
 * @param timeline busy and KV-reserved shares over the makespan
 */
public record SimulationCurves(
    List<CdfPoint> timeToFirstToken,
    List<CdfPoint> timePerOutputToken,
    List<CdfPoint> endToEnd,
    List<TimelinePoint> timeline) {

  /** Copies. */
  public SimulationCurves {
    timeToFirstToken = List.copyOf(timeToFirstToken);
    timePerOutputToken = List.copyOf(timePerOutputToken);
    endToEnd = List.copyOf(endToEnd);
    timeline = List.copyOf(timeline);
  }

  /**
   * One point of a CDF.
   *
   * @param seconds a latency
   * @param share the share of requests at or below it
   */
  public record CdfPoint(double seconds, double share) {}

  /**
   * One bin of the timeline.
   *
   * @param timeSeconds the bin's middle
   * @param busyShare the ranks' mean share of the bin spent in iterations
   * @param kvShare the mean share of the KV caches reserved over the bin
   */
  public record TimelinePoint(double timeSeconds, double busyShare, double kvShare) {}
}
