package dev.afd.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Busy and KV-reserved shares of the ranks over time, in fixed memory: {@value #BINS} bins whose
 * width doubles (adjacent bins merged) whenever the simulation runs past them, so a run of any
 * length ends with between {@value #BINS}/2 and {@value #BINS} bins over its makespan. Intervals
 * are spread over the bins they overlap in proportion to the overlap, so every integral is exact.
 */
final class Timeline {
  static final int BINS = 256;
  private static final double FIRST_WIDTH_SECONDS = 1e-3;

  private final double[] busySeconds = new double[BINS];
  private final double[] reservedShareSeconds = new double[BINS];
  private double widthSeconds = FIRST_WIDTH_SECONDS;

  /** Adds a rank's iteration from {@code start} to {@code end}. */
  void busy(double start, double end) {
    add(busySeconds, start, end, 1);
  }

  /**
   * Adds a rank's KV reservation of {@code share} of its cache from {@code start} to {@code end}.
   */
  void reserved(double start, double end, double share) {
    if (share > 0) {
      add(reservedShareSeconds, start, end, share);
    }
  }

  private void add(double[] bins, double start, double end, double weight) {
    if (!(end > start)) {
      return;
    }
    while (end > BINS * widthSeconds) {
      widen();
    }
    int first = (int) (start / widthSeconds);
    int last = Math.min(BINS - 1, (int) (end / widthSeconds));
    for (int bin = first; bin <= last; bin++) {
      double overlap =
          Math.min(end, (bin + 1) * widthSeconds) - Math.max(start, bin * widthSeconds);
      if (overlap > 0) {
        bins[bin] += weight * overlap;
      }
    }
  }

  private void widen() {
    for (double[] bins : new double[][] {busySeconds, reservedShareSeconds}) {
      for (int bin = 0; bin < BINS / 2; bin++) {
        bins[bin] = bins[2 * bin] + bins[2 * bin + 1];
      }
      Arrays.fill(bins, BINS / 2, BINS, 0);
    }
    widthSeconds *= 2;
  }

  /**
   * {@return one point per bin up to {@code makespan}: busy seconds over {@code ranks} and the bin,
   * reserved share-seconds over {@code kvRanks} and the bin (the last bin over its covered part)}
   */
  List<SimulationCurves.TimelinePoint> points(double makespanSeconds, int ranks, int kvRanks) {
    List<SimulationCurves.TimelinePoint> points = new ArrayList<>();
    for (int bin = 0; bin < BINS && bin * widthSeconds < makespanSeconds; bin++) {
      double start = bin * widthSeconds;
      double covered = Math.min(makespanSeconds, start + widthSeconds) - start;
      points.add(
          new SimulationCurves.TimelinePoint(
              start + covered / 2,
              busySeconds[bin] / (ranks * covered),
              kvRanks == 0 ? 0 : reservedShareSeconds[bin] / (kvRanks * covered)));
    }
    return points;
  }
}
