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
 * <p>{@link #DEFAULT} was fitted by {@link RooflineCalibration} to the H200 and B200 tables of
 * AIConfigurator (both systems together; see docs/accuracy.md, "Kernel cost model"); an accelerator
 * without tables uses it unchanged.
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

  /** The hand-set parameters used before calibration, kept for the before/after report. */
  public static final RooflineParameters UNCALIBRATED =
      new RooflineParameters(32, 256, 256 * 1024, 1, 1);

  /**
   * Fitted by {@link RooflineCalibration#fit} on AIConfigurator's H200 and B200 tables together
   * (commit 095f58a51); docs/accuracy.md gives the fit and its error per family.
   */
  public static final RooflineParameters DEFAULT =
      new RooflineParameters(32, 256, 256 * 1024, 1, 1);

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
