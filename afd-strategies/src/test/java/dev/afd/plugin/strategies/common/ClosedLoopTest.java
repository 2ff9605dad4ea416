package dev.afd.plugin.strategies.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class ClosedLoopTest {
  @Test
  void oneClientNeverWaits() {
    ClosedLoop.Solution solution = ClosedLoop.solve(1, 1, 0.2, 1.8);
    assertThat(solution.responseSeconds()).isCloseTo(0.2, withinPercentage(0.01));
    assertThat(solution.throughput()).isCloseTo(0.5, withinPercentage(0.01));
  }

  @Test
  void saturatesAtServerCapacity() {
    // 1000 clients, 2 servers of 0.1 s: throughput -> 20/s, response -> N/X - Z
    ClosedLoop.Solution solution = ClosedLoop.solve(1000, 2, 0.1, 1.0);
    assertThat(solution.throughput()).isCloseTo(20, withinPercentage(0.5));
    assertThat(solution.responseSeconds()).isCloseTo(1000 / 20.0 - 1.0, withinPercentage(1));
  }
}
