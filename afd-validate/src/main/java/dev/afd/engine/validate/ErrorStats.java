package dev.afd.engine.validate;

import dev.afd.engine.Statistics;
import java.util.Arrays;
import java.util.List;

/**
 * Summary of percentage errors {@code (predicted − measured) / measured · 100}: of their absolute
 * values the mean (MAPE), the median and the 90th percentile by nearest rank (the smallest error
 * that at least 90 % of the errors do not exceed: {@code sorted[⌈0.9·n⌉ − 1]}); of the signed
 * values the mean (bias: negative when predictions run low). All {@code NaN} for no errors.
 *
 * @param count errors summarised
 * @param mape mean absolute percentage error, in percent
 * @param median median absolute percentage error, in percent (mean of the middle two for even n)
 * @param p90 90th percentile absolute percentage error, in percent
 * @param bias mean signed percentage error, in percent
 */
public record ErrorStats(int count, double mape, double median, double p90, double bias) {

  /** {@return the absolute percentage error of a prediction, in percent} */
  public static double percentError(double predicted, double measured) {
    return Math.abs(signedPercentError(predicted, measured));
  }

  /** {@return the signed percentage error of a prediction, in percent: negative when low} */
  public static double signedPercentError(double predicted, double measured) {
    return (predicted - measured) / measured * 100;
  }

  /** {@return the summary of signed percentage errors given in percent} */
  public static ErrorStats of(List<Double> signedErrors) {
    int n = signedErrors.size();
    if (n == 0) {
      return new ErrorStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sorted = new double[n];
    double sum = 0;
    double signedSum = 0;
    for (int index = 0; index < n; index++) {
      signedSum += signedErrors.get(index);
      sorted[index] = Math.abs(signedErrors.get(index));
      sum += sorted[index];
    }
    Arrays.sort(sorted);
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new ErrorStats(n, sum / n, median, Statistics.nearestRank(sorted, 90), signedSum / n);
  }
}
