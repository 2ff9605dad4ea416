package dev.afd.engine.internal.kerneldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeaveOneOutCheckTest {
  @Test
  void computesNearestRankPercentiles() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    assertThat(LeaveOneOutCheck.percentile(sorted, 50)).hasValue(5);
    assertThat(LeaveOneOutCheck.percentile(sorted, 90)).hasValue(9);
    assertThat(LeaveOneOutCheck.percentile(new double[] {3}, 90)).hasValue(3);
    assertThat(LeaveOneOutCheck.percentile(new double[0], 50)).isEmpty();
  }

  @Test
  void coversTheSixFamiliesWithTheirBars() {
    List<LeaveOneOutCheck.Family> families = LeaveOneOutCheck.families();

    assertThat(families)
        .extracting(LeaveOneOutCheck.Family::family)
        .containsExactly(
            "gemm",
            "context attention",
            "generation attention",
            "context MLA",
            "generation MLA",
            "MoE");
    assertThat(families.get(0).medianBarPercent()).isEqualTo(4.9);
    assertThat(families.get(0).percentile90BarPercent()).isEqualTo(15.6);
  }
}
