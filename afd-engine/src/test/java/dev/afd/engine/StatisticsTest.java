package dev.afd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatisticsTest {
  @Test
  void nearestRankIsTheSmallestValueThatEnoughValuesDoNotExceed() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    // ⌈0.5 · 10⌉ = 5th value; ⌈0.9 · 10⌉ = 9th value.
    assertThat(Statistics.nearestRank(sorted, 50)).isEqualTo(5);
    assertThat(Statistics.nearestRank(sorted, 90)).isEqualTo(9);
    // ⌈0.9 · 11⌉ = 10th value.
    assertThat(Statistics.nearestRank(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 90))
        .isEqualTo(10);
    assertThat(Statistics.nearestRank(new double[] {3}, 90)).isEqualTo(3);
    assertThat(Statistics.nearestRank(new double[0], 50)).isNaN();
  }
}
