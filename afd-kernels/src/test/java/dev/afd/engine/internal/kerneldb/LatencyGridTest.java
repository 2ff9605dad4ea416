package dev.afd.engine.internal.kerneldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.engine.internal.kerneldb.GridLayout.Axis;
import dev.afd.engine.internal.kerneldb.GridLayout.AxisScale;
import dev.afd.engine.internal.kerneldb.GridLayout.Extrapolation;
import dev.afd.engine.internal.kerneldb.GridLayout.ValueSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatencyGridTest {
  private static final double[] M_VALUES = {1, 2, 4, 8, 16, 32};
  private static final double[] N_VALUES = {128, 256, 512};

  /** A GEMM-like latency in seconds: 10 µs launch cost plus time proportional to m·n. */
  private static double affineSeconds(double m, double n) {
    return 10e-6 + 1e-9 * m * n;
  }

  private static final GridLayout LAYOUT =
      new GridLayout(
          List.of("dtype"), List.of(Axis.linear("n"), Axis.linear("m")), ValueSpace.LATENCY);

  /** Builds the full m × n grid for two dtypes, the fp8 one twice as fast. */
  private static KernelTable syntheticTable(double skipM, double skipN) {
    List<String> dtypes = new ArrayList<>();
    List<Double> ms = new ArrayList<>();
    List<Double> ns = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    for (String dtype : List.of("bfloat16", "fp8")) {
      for (double n : N_VALUES) {
        for (double m : M_VALUES) {
          if (m == skipM && n == skipN) {
            continue;
          }
          dtypes.add(dtype);
          ms.add(m);
          ns.add(n);
          seconds.add(affineSeconds(m, n) / (dtype.equals("fp8") ? 2 : 1));
        }
      }
    }
    return KernelTable.builder("gemm")
        .textColumn("dtype", dtypes.toArray(new String[0]))
        .numberColumn("m", ms.stream().mapToDouble(Double::doubleValue).toArray())
        .numberColumn("n", ns.stream().mapToDouble(Double::doubleValue).toArray())
        .latencySeconds(seconds.stream().mapToDouble(Double::doubleValue).toArray())
        .build();
  }

  @Test
  void returnsTheMeasurementForAnExactHit() {
    LatencyGrid grid = syntheticTable(-1, -1).grid(LAYOUT);

    Prediction prediction = grid.predict(List.of("fp8"), new double[] {256, 4}, null).orElseThrow();

    assertThat(prediction.method()).isEqualTo(Prediction.Method.EXACT);
    assertThat(prediction.latencySeconds()).isEqualTo(affineSeconds(4, 256) / 2);
  }

  @Test
  void interpolatesABilinearKernelExactlyBetweenGridPoints() {
    LatencyGrid grid = syntheticTable(-1, -1).grid(LAYOUT);

    Prediction prediction =
        grid.predict(List.of("bfloat16"), new double[] {300, 11}, null).orElseThrow();

    assertThat(prediction.method()).isEqualTo(Prediction.Method.INTERPOLATED);
    // Latency is bilinear in (m, n), which multi-linear interpolation reproduces exactly.
    assertThat(prediction.latencySeconds()).isCloseTo(affineSeconds(11, 300), within(1e-15));
  }

  @Test
  void fillsAHoleFromItsNeighbours() {
    LatencyGrid grid = syntheticTable(8, 256).grid(LAYOUT);

    Prediction prediction =
        grid.predict(List.of("bfloat16"), new double[] {256, 8}, null).orElseThrow();

    assertThat(prediction.method()).isEqualTo(Prediction.Method.INTERPOLATED);
    assertThat(prediction.latencySeconds())
        .isCloseTo(affineSeconds(8, 256), withinPercentage(0.01));
  }

  /**
   * A missing point of a curved kernel, latency = b²·s² (seconds) on a 4 × 4 grid without (2, 2).
   * Straight lines between the hole's neighbours give 20 on both axes; the parallel lines one step
   * away (b = 1 and 3, s = 1 and 3) each put the middle value 3/8 of the way from the lower to the
   * upper key, which applied between the hole's own neighbours gives 4 + 3/8 · (36 − 4) = 16, the
   * true value.
   *
   * <p>Weights (error² + disagreement²)^-2. Axis errors over the table: step 2/9 (the median of
   * 1/9, 1/9, 1/9, 2/9 from (2, 3) bridged by s = 1 and 4, 1/4, 1/4, 1/4), batch 1/4. The straight
   * lines disagree by 0.6 with the trend continued from the far side (36 − 28 = 8 against 20); the
   * parallel lines agree exactly. So the estimate is (w₁·20 + w₂·16 + w₃·20 + w₄·16) / Σw with w₁ =
   * ((2/9)² + 0.36)^-2, w₂ = (2/9)^-4, w₃ = (1/16 + 0.36)^-2, w₄ = (1/4)^-4: 16.0683.
   */
  @Test
  void fillsAHoleOfACurvedKernelWithTheShapeOfTheNeighbouringLines() {
    List<Double> batches = new ArrayList<>();
    List<Double> steps = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    for (double batch = 1; batch <= 4; batch++) {
      for (double step = 1; step <= 4; step++) {
        if (batch == 2 && step == 2) {
          continue;
        }
        batches.add(batch);
        steps.add(step);
        seconds.add(batch * batch * step * step);
      }
    }
    String[] kinds = new String[seconds.size()];
    Arrays.fill(kinds, "curved");
    KernelTable table =
        KernelTable.builder("curved")
            .textColumn("kind", kinds)
            .numberColumn("batch", batches.stream().mapToDouble(Double::doubleValue).toArray())
            .numberColumn("step", steps.stream().mapToDouble(Double::doubleValue).toArray())
            .latencySeconds(seconds.stream().mapToDouble(Double::doubleValue).toArray())
            .build();
    LatencyGrid grid =
        table.grid(
            new GridLayout(
                List.of("kind"),
                List.of(Axis.linear("batch"), Axis.linear("step")),
                ValueSpace.LATENCY));

    Prediction prediction =
        grid.predict(List.of("curved"), new double[] {2, 2}, null).orElseThrow();

    double stepError = 2.0 / 9;
    double batchError = 0.25;
    double straightStep = Math.pow(stepError * stepError + 0.36, -2);
    double shapedStep = Math.pow(stepError, -4);
    double straightBatch = Math.pow(batchError * batchError + 0.36, -2);
    double shapedBatch = Math.pow(batchError, -4);
    double expected =
        (straightStep * 20 + shapedStep * 16 + straightBatch * 20 + shapedBatch * 16)
            / (straightStep + shapedStep + straightBatch + shapedBatch);
    assertThat(prediction.method()).isEqualTo(Prediction.Method.INTERPOLATED);
    assertThat(expected).isCloseTo(16.0683, within(1e-4));
    assertThat(prediction.latencySeconds()).isCloseTo(expected, within(1e-9));
  }

  @Test
  void extrapolatesAboveTheGridByHoldingTheRooflineUtilisation() {
    LatencyGrid grid = syntheticTable(-1, -1).grid(LAYOUT);
    RooflineModel roofline = (categories, coordinates) -> 1e-9 * coordinates[0] * coordinates[1];

    Prediction prediction =
        grid.predict(List.of("bfloat16"), new double[] {512, 128}, roofline).orElseThrow();

    assertThat(prediction.method()).isEqualTo(Prediction.Method.EXTRAPOLATED);
    assertThat(prediction.latencySeconds())
        .isCloseTo(affineSeconds(32, 512) * 4, withinPercentage(0.01));
  }

  @Test
  void extrapolatesWithoutARooflineByTheAxisRule() {
    KernelTable table = syntheticTable(-1, -1);
    GridLayout proportional =
        new GridLayout(
            List.of("dtype"),
            List.of(Axis.linear("n"), new Axis("m", AxisScale.LINEAR, Extrapolation.PROPORTIONAL)),
            ValueSpace.LATENCY);
    GridLayout trend = LAYOUT;
    GridLayout hold =
        new GridLayout(
            List.of("dtype"),
            List.of(Axis.linear("n"), new Axis("m", AxisScale.LINEAR, Extrapolation.HOLD)),
            ValueSpace.LATENCY);
    double[] point = {128, 64};

    assertThat(
            table
                .grid(proportional)
                .predict(List.of("fp8"), point, null)
                .orElseThrow()
                .latencySeconds())
        .isCloseTo(affineSeconds(32, 128), withinPercentage(0.01));
    assertThat(
            table.grid(trend).predict(List.of("fp8"), point, null).orElseThrow().latencySeconds())
        .isCloseTo(affineSeconds(64, 128) / 2, withinPercentage(0.01));
    assertThat(table.grid(hold).predict(List.of("fp8"), point, null).orElseThrow().latencySeconds())
        .isCloseTo(affineSeconds(32, 128) / 2, withinPercentage(0.01));
  }

  @Test
  void extrapolatesBelowTheGridAlongTheTrendButNotBelowATenth() {
    LatencyGrid grid = syntheticTable(-1, -1).grid(LAYOUT);

    Prediction prediction =
        grid.predict(List.of("bfloat16"), new double[] {128, 0.5}, null).orElseThrow();

    assertThat(prediction.method()).isEqualTo(Prediction.Method.EXTRAPOLATED);
    assertThat(prediction.latencySeconds())
        .isCloseTo(affineSeconds(0.5, 128), withinPercentage(0.01));
  }

  @Test
  void interpolatesLogLogOnPowerLaws() {
    double[] isl = {256, 1024, 4096};
    double[] seconds = {1e-3 * 0.0625, 1e-3, 1e-3 * 16};
    KernelTable table =
        KernelTable.builder("context_attention")
            .numberColumn("isl", isl)
            .latencySeconds(seconds)
            .build();
    GridLayout layout =
        new GridLayout(List.of(), List.of(Axis.logarithmic("isl")), ValueSpace.LOG_LATENCY);

    Optional<Prediction> prediction =
        table.grid(layout).predict(List.of(), new double[] {2048}, null);

    assertThat(prediction.orElseThrow().latencySeconds()).isCloseTo(4e-3, withinPercentage(0.01));
  }

  @Test
  void interpolatesInUtilisationSpace() {
    double[] isl = {1000, 3000};
    // Utilisation 0.5 at both ends, so every point in between should keep 0.5.
    double[] seconds = {2 * 1e-12 * 1000 * 1000, 2 * 1e-12 * 3000 * 3000};
    KernelTable table =
        KernelTable.builder("context_attention")
            .numberColumn("isl", isl)
            .latencySeconds(seconds)
            .build();
    GridLayout layout =
        new GridLayout(List.of(), List.of(Axis.linear("isl")), ValueSpace.UTILISATION);
    RooflineModel quadratic = (categories, coordinates) -> 1e-12 * coordinates[0] * coordinates[0];

    Prediction prediction =
        table.grid(layout).predict(List.of(), new double[] {2000}, quadratic).orElseThrow();

    assertThat(prediction.latencySeconds())
        .isCloseTo(2 * 1e-12 * 2000 * 2000, withinPercentage(0.01));
  }

  @Test
  void isEmptyForUnknownCategories() {
    LatencyGrid grid = syntheticTable(-1, -1).grid(LAYOUT);

    assertThat(grid.predict(List.of("nvfp4"), new double[] {128, 1}, null)).isEmpty();
  }

  @Test
  void predictsAMeasuredRowFromTheOthers() {
    KernelTable table = syntheticTable(-1, -1);
    LatencyGrid grid = table.grid(LAYOUT);
    int row = 2; // bfloat16, n = 128, m = 4

    double predicted = grid.predictWithout(row, null);

    assertThat(table.numbers("m")[row]).isEqualTo(4);
    assertThat(predicted).isCloseTo(grid.measuredSeconds(row), withinPercentage(0.01));
  }

  @Test
  void matchesNumericCategoriesByTheirDecimalForm() {
    KernelTable table =
        KernelTable.builder("attention")
            .numberColumn("head_dim", new double[] {64, 128})
            .numberColumn("isl", new double[] {16, 16})
            .latencySeconds(new double[] {1e-5, 2e-5})
            .build();
    GridLayout layout =
        new GridLayout(List.of("head_dim"), List.of(Axis.linear("isl")), ValueSpace.LATENCY);

    Prediction prediction =
        table
            .grid(layout)
            .predict(List.of(LatencyGrid.formatCategory(128)), new double[] {16}, null)
            .orElseThrow();

    assertThat(prediction.latencySeconds()).isEqualTo(2e-5);
  }

  @Test
  void rejectsAQueryOfTheWrongShape() {
    LatencyGrid grid = syntheticTable(-1, -1).grid(LAYOUT);

    assertThatThrownBy(() -> grid.predict(List.of("fp8"), new double[] {1}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Query must give 1 categories [dtype] and 2 coordinates [n, m], got 1 and 1");
  }

  @Test
  void rejectsALayoutColumnTheTableLacks() {
    KernelTable table = syntheticTable(-1, -1);
    GridLayout layout =
        new GridLayout(List.of("dtype"), List.of(Axis.linear("k")), ValueSpace.LATENCY);

    assertThatThrownBy(() -> table.grid(layout))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown numeric column 'k' in kernel table 'gemm'. Known numeric columns: [m, n]");
  }

  @Test
  void rejectsARooflineThatReturnsZero() {
    LatencyGrid grid = syntheticTable(-1, -1).grid(LAYOUT);

    assertThatThrownBy(
            () ->
                grid.predict(
                    List.of("fp8"), new double[] {1024, 1}, (categories, coordinates) -> 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Roofline model returned '0.0 s' for categories [fp8] and coordinates [1024.0, 1.0];"
                + " it must return a finite time > 0");
  }
}
