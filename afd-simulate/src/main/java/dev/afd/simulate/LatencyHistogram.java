package dev.afd.simulate;

import java.util.ArrayList;
import java.util.List;

/**
 * Latencies on a geometric grid of ratio {@value #RATIO} from {@value #MIN_SECONDS} s, so that
 * percentiles of any number of requests take fixed memory (256 KiB) and are within 0.05 % of the
 * exact order statistic; the mean, minimum and maximum are exact.
 */
final class LatencyHistogram {
  static final double MIN_SECONDS = 1e-7;
  static final double RATIO = 1.001;
  private static final double LOG_RATIO = Math.log(RATIO);
  // 1e-7 s · 1.001^32768 ≈ 1.7e7 s: every latency a simulation can produce.
  private static final int BUCKETS = 1 << 15;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max;

  void add(double seconds) {
    int bucket =
        seconds <= MIN_SECONDS
            ? 0
            : (int) Math.min(BUCKETS - 1, Math.log(seconds / MIN_SECONDS) / LOG_RATIO);
    counts[bucket]++;
    count++;
    sum += seconds;
    min = Math.min(min, seconds);
    max = Math.max(max, seconds);
  }

  long count() {
    return count;
  }

  double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /** {@return the nearest-rank {@code q}-quantile: the bucket's geometric middle, within range} */
  double quantile(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * count));
    long seen = 0;
    for (int bucket = 0; bucket < BUCKETS; bucket++) {
      seen += counts[bucket];
      if (seen >= rank) {
        double middle = MIN_SECONDS * Math.exp((bucket + 0.5) * LOG_RATIO);
        return Math.min(max, Math.max(min, middle));
      }
    }
    return max;
  }

  /**
   * {@return the empirical CDF as (seconds, share at or below) points: the upper edge of each
   * bucket (the maximum for the last) where the share has grown by at least 1/{@code points} since
   * the last point, and the last bucket, so at most about {@code points} + 1 points}
   */
  List<SimulationCurves.CdfPoint> cdf(int points) {
    List<SimulationCurves.CdfPoint> cdf = new ArrayList<>();
    if (count == 0) {
      return cdf;
    }
    long seen = 0;
    double lastShare = 0;
    for (int bucket = 0; bucket < BUCKETS && seen < count; bucket++) {
      if (counts[bucket] == 0) {
        continue;
      }
      seen += counts[bucket];
      double share = seen / (double) count;
      if (share - lastShare >= 1.0 / points || seen == count) {
        double edge = MIN_SECONDS * Math.exp((bucket + 1) * LOG_RATIO);
        cdf.add(new SimulationCurves.CdfPoint(Math.max(min, Math.min(max, edge)), share));
        lastShare = share;
      }
    }
    return cdf;
  }

  LatencySummary summary() {
    return new LatencySummary(count, mean(), quantile(0.5), quantile(0.9), quantile(0.99), max);
  }
}
