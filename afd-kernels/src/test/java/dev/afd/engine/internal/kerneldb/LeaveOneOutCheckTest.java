package dev.afd.engine.internal.kerneldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeaveOneOutCheckTest {
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
