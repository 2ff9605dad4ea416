package dev.afd.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorStatsTest {
  @Test
  void summarisesHandMadeSample() {
    // predicted/measured: 110/100, 80/100, 130/100, 60/100, 100/100 -> +10, -20, +30, -40, 0 %
    List<Double> errors =
        List.of(
            ErrorStats.signedPercentError(110, 100),
            ErrorStats.signedPercentError(80, 100),
            ErrorStats.signedPercentError(130, 100),
            ErrorStats.signedPercentError(60, 100),
            ErrorStats.signedPercentError(100, 100));
    ErrorStats stats = ErrorStats.of(errors);
    assertThat(stats.count()).isEqualTo(5);
    assertThat(stats.mape()).isCloseTo(20, withinPercentage(0.01));
    assertThat(stats.median()).isCloseTo(20, withinPercentage(0.01));
    // nearest rank: ceil(0.9 * 5) = 5th smallest
    assertThat(stats.p90()).isCloseTo(40, withinPercentage(0.01));
    // signed: (10 - 20 + 30 - 40 + 0) / 5 = -4 %
    assertThat(stats.bias()).isCloseTo(-4, withinPercentage(0.01));
    assertThat(ErrorStats.percentError(80, 100)).isCloseTo(20, withinPercentage(0.01));
  }

  @Test
  void usesMeanOfMiddleTwoAndNearestRankForEvenCounts() {
    ErrorStats stats = ErrorStats.of(List.of(40.0, 10.0, 30.0, 20.0));
    assertThat(stats.median()).isCloseTo(25, withinPercentage(0.01));
    assertThat(stats.p90()).isCloseTo(40, withinPercentage(0.01));
    assertThat(stats.mape()).isCloseTo(25, withinPercentage(0.01));
  }

  @Test
  void p90OfTwentyErrorsIsTheEighteenth() {
    List<Double> errors = new java.util.ArrayList<>();
    for (int index = 1; index <= 20; index++) {
      errors.add((double) index);
    }
    assertThat(ErrorStats.of(errors).p90()).isEqualTo(18.0);
  }

  @Test
  void emptySampleIsNaN() {
    ErrorStats stats = ErrorStats.of(List.of());
    assertThat(stats.count()).isZero();
    assertThat(stats.mape()).isNaN();
  }
}
