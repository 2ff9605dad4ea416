package dev.afd.engine.validate;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of absolute percentage errors {@code |predicted − measured| / measured · 100}: the mean
 * (MAPE), the median and the 90th percentile by nearest rank (the smallest error that at least 90 %
 * of the errors do not exceed: {@code sorted[⌈0.9·n⌉ − 1]}). All {@code NaN} for no errors.
 *
 * @param count errors summarised
 * @param mape mean absolute percentage error, in percent
 * @param median median absolute percentage error, in percent (mean of the middle two for even n)
 * @param p90 90th percentile absolute percentage error, in percent
 */
public record ErrorStats(int count, double mape, double median, double p90) {

  /** {@return the absolute percentage error of a prediction, in percent} */
  public static double percentError(double predicted, double measured) {
    return Math.abs(predicted - measured) / measured * 100;
  }

  /** {@return the summary of absolute percentage errors given in percent} */
  public static ErrorStats of(List<Double> errors) {
    int n = errors.size();
    if (n == 0) {
      return new ErrorStats(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sorted = new double[n];
    double sum = 0;
    for (int index = 0; index < n; index++) {
      sorted[index] = errors.get(index);
      sum += sorted[index];
    }
    Arrays.sort(sorted);
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    int rank = (int) Math.ceil(0.9 * n);
    return new ErrorStats(n, sum / n, median, sorted[Math.max(0, rank - 1)]);
  }
}
