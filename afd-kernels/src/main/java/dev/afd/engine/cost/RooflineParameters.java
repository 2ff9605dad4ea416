package dev.afd.engine.cost;

import java.util.Locale;

/**
 * Shape-dependent efficiency of the roofline, on top of an accelerator's default compute and memory
 * efficiencies.
 *
 * <p>Small kernels rarely reach peak: a GEMM with few rows cannot fill every SM, and attention over
 * a short context is dominated by its prologue. afd models this as a saturating curve {@code η(x) =
 * η_max · x / (x + x_half)} on the natural size axis (rows for GEMMs, attended positions per head
 * for attention, bytes for memory traffic). {@code η_max} is the accelerator's catalog efficiency
 * times the scale given here (capped at 1), so a scale fitted on one accelerator carries over to
 * accelerators without tables.
 *
 * <p>{@link #DEFAULT} is the hand-set shape; {@link #FITTED_AICONFIGURATOR_H200_B200} is what
 * {@link RooflineCalibration} fits to AIConfigurator's H200 and B200 kernel tables. The fit is
 * reported, not adopted: one parameter set for every kernel family trades a lower median on
 * attention and MoE tables for GEMM and memory-copy times 30–100 % slower than measured directly on
 * an H200 (docs/device-measurements.md). Fitting each kernel class separately ({@link
 * RooflineProfile}, {@link RooflineCalibration#fitProfile}) lowers every median but lengthens most
 * tails, so the hand-set shape stays the default (docs/accuracy.md, "Kernel cost model").
 *
 * @param gemmHalfSaturationRows GEMM rows (tokens) at which compute efficiency is half its maximum
 * @param attentionHalfSaturationPositions attended positions per query head at which attention
 *     compute efficiency is half its maximum
 * @param memoryHalfSaturationBytes bytes moved at which memory efficiency is half its maximum
 *     (small transfers cannot hide DRAM latency)
 * @param computeEfficiencyScale multiplies the accelerator's {@code computeEfficiency}
 * @param memoryEfficiencyScale multiplies the accelerator's {@code memoryEfficiency}
 */
public record RooflineParameters(
    double gemmHalfSaturationRows,
    double attentionHalfSaturationPositions,
    double memoryHalfSaturationBytes,
    double computeEfficiencyScale,
    double memoryEfficiencyScale) {

  /**
   * The hand-set shape: GEMMs reach half their efficiency at 32 rows, attention at 256 attended
   * positions per head, memory traffic at 256 KiB; the catalog efficiencies unscaled. Direct H200
   * measurements (docs/device-measurements.md) put this within −36…+1 % of BF16 GEMMs and +6…+20 %
   * of small device copies.
   */
  public static final RooflineParameters DEFAULT =
      new RooflineParameters(32, 256, 256 * 1024, 1, 1);

  /** The same as {@link #DEFAULT}: the starting point of calibration, for before/after reports. */
  public static final RooflineParameters UNCALIBRATED = DEFAULT;

  /**
   * Fitted by {@link RooflineCalibration#fit} on AIConfigurator's H200 and B200 tables together
   * (commit 095f58a51), 2,000 rows per family and system; docs/accuracy.md gives the fit and its
   * error per family. Not the default: see the class comment.
   */
  public static final RooflineParameters FITTED_AICONFIGURATOR_H200_B200 =
      new RooflineParameters(53.93, 1802, 39.2e6, 0.6801, 0.7601);

  /** Validates the parameters. */
  public RooflineParameters {
    if (!(gemmHalfSaturationRows >= 0)
        || !(attentionHalfSaturationPositions >= 0)
        || !(memoryHalfSaturationBytes >= 0)
        || Double.isInfinite(gemmHalfSaturationRows)
        || Double.isInfinite(attentionHalfSaturationPositions)
        || Double.isInfinite(memoryHalfSaturationBytes)) {
      throw new IllegalArgumentException("roofline half-saturation points must be finite and >= 0");
    }
    if (!(computeEfficiencyScale > 0)
        || !(memoryEfficiencyScale > 0)
        || Double.isInfinite(computeEfficiencyScale)
        || Double.isInfinite(memoryEfficiencyScale)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "roofline efficiency scales must be finite and > 0, got '%s' and '%s'",
              computeEfficiencyScale,
              memoryEfficiencyScale));
    }
  }

  /** Half-saturation points with unit efficiency scales. */
  public RooflineParameters(
      double gemmHalfSaturationRows,
      double attentionHalfSaturationPositions,
      double memoryHalfSaturationBytes) {
    this(gemmHalfSaturationRows, attentionHalfSaturationPositions, memoryHalfSaturationBytes, 1, 1);
  }

  /** {@return {@code x / (x + half)}, 1 when {@code half} is 0} */
  static double saturation(double x, double half) {
    return half == 0 ? 1 : x / (x + half);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "RooflineParameters[gemmHalfSaturationRows=%.4g, attentionHalfSaturationPositions=%.4g,"
            + " memoryHalfSaturationBytes=%.4g, computeEfficiencyScale=%.4g,"
            + " memoryEfficiencyScale=%.4g]",
        gemmHalfSaturationRows,
        attentionHalfSaturationPositions,
        memoryHalfSaturationBytes,
        computeEfficiencyScale,
        memoryEfficiencyScale);
  }
}
