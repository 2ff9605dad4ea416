package dev.afd.simulate;

import java.util.ArrayList;
import java.util.List;

/**
 * An iteration pricer for hand-derived tests: a fixed time per iteration, plus optional seconds per
 * prefill token, recording every shape it priced.
 */
final class TestingIterationPricer implements IterationPricer {
  /** One priced shape. */
  record Shape(
      int decodeSequences,
      long decodeContextTokens,
      int prefillSequences,
      long prefillTokens,
      long cachedContextTokens) {}

  private final double fixedSeconds;
  private final double secondsPerPrefillToken;
  private final boolean record;
  final List<Shape> shapes = new ArrayList<>();

  private TestingIterationPricer(
      double fixedSeconds, double secondsPerPrefillToken, boolean record) {
    this.fixedSeconds = fixedSeconds;
    this.secondsPerPrefillToken = secondsPerPrefillToken;
    this.record = record;
  }

  /** {@return a pricer of {@code seconds} per iteration whatever its shape} */
  static TestingIterationPricer constant(double seconds) {
    return new TestingIterationPricer(seconds, 0, false);
  }

  /** {@return a recording pricer of {@code fixed + perPrefillToken · prefill tokens} seconds} */
  static TestingIterationPricer recording(double fixed, double perPrefillToken) {
    return new TestingIterationPricer(fixed, perPrefillToken, true);
  }

  @Override
  public double iterationSeconds(
      int decodeSequences,
      long decodeContextTokens,
      int prefillSequences,
      long prefillTokens,
      long cachedContextTokens) {
    if (record) {
      shapes.add(
          new Shape(
              decodeSequences,
              decodeContextTokens,
              prefillSequences,
              prefillTokens,
              cachedContextTokens));
    }
    return fixedSeconds + secondsPerPrefillToken * prefillTokens;
  }
}
