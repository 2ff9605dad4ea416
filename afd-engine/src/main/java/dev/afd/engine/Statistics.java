package dev.afd.engine;

/**
 * Order statistics shared by the checks and reports (validation errors, leave-one-out kernel
 * errors, roofline calibration), so every percentile afd prints is computed the same way.
 * Stateless.
 */
public final class Statistics {
  private Statistics() {}

  /**
   * {@return the nearest-rank percentile of sorted values: the smallest value that at least {@code
   * percent} % of the values do not exceed, {@code sorted[⌈percent/100 · n⌉ − 1]}; NaN for no
   * values}
   *
   * @param sorted values in ascending order
   * @param percent the percentile, in (0, 100]
   */
  public static double nearestRank(double[] sorted, double percent) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}
