package dev.afd.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.operator.GemmOperator;
import dev.afd.api.unit.Precision;
import org.junit.jupiter.api.Test;

class RooflineCostModelTest {
  /** A 4096³ BF16 GEMM: 2·4096³ = 137.4 GFLOP; 3 · 4096² · 2 B = 100.7 MB moved. */
  private static final GemmOperator SQUARE =
      GemmOperator.linear("square", 4096, 4096, 4096, Precision.BF16, Precision.BF16);

  @Test
  void pricesAGemmByHand() {
    // Compute: 137.4 GFLOP / (989 TFLOP/s · 0.8 · 4096/(4096 + 32)) = 175.0 µs; memory: 100.7 MB /
    // (4.8 TB/s · 0.8 · 100.7M/(100.7M + 256 Ki)) = 26.3 µs; plus 3 µs of kernel overhead.
    double flops = 2.0 * 4096 * 4096 * 4096;
    double compute = flops / (989e12 * 0.8 * 4096 / (4096 + 32.0));
    double expected = compute + 3e-6;

    double seconds = new RooflineCostModel().seconds(SQUARE, TestingKernelAccelerators.H200);

    assertThat(compute).isCloseTo(175.0e-6, within(0.1e-6));
    assertThat(seconds).isCloseTo(expected, within(1e-12));
  }

  @Test
  void pricesEachKernelClassWithItsOwnParameters() {
    // Halving the GEMM class's compute scale doubles the compute term (0.8 · 0.5 = 0.4 efficiency);
    // the attention class's parameters do not touch a GEMM.
    RooflineParameters slowGemm = new RooflineParameters(32, 256, 256 * 1024, 0.5, 1);
    RooflineParameters other = new RooflineParameters(1000, 10, 1e9, 0.1, 0.1);
    RooflineProfile profile = new RooflineProfile(slowGemm, other, other, other);
    double flops = 2.0 * 4096 * 4096 * 4096;
    double compute = flops / (989e12 * 0.4 * 4096 / (4096 + 32.0));

    double seconds = new RooflineCostModel(profile).seconds(SQUARE, TestingKernelAccelerators.H200);

    assertThat(seconds).isCloseTo(compute + 3e-6, within(1e-12));
    assertThat(
            new RooflineCostModel(RooflineProfile.uniform(slowGemm))
                .seconds(SQUARE, TestingKernelAccelerators.H200))
        .isEqualTo(seconds);
  }
}
