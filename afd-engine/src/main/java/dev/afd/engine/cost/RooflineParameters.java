package dev.afd.engine.cost;

/**
 * Shape-dependent efficiency of the roofline, on top of an accelerator's default compute and memory
 * efficiencies.
 *
 * <p>Small kernels rarely reach peak: a GEMM with few rows cannot fill every SM, and attention over
 * a short context is dominated by its prologue. afd models this as a saturating curve {@code η(x) =
 * η_max · x / (x + x_half)} on the natural size axis (rows for GEMMs, attended positions per head
 * for attention). The defaults below were fitted by {@code afd kernel-db calibrate} to the H200 and
 * B200 tables of AIConfigurator (see docs/accuracy.md); an accelerator without tables uses them
 * unchanged.
 *
 * @param gemmHalfSaturationRows GEMM rows (tokens) at which compute efficiency is half its maximum
 * @param attentionHalfSaturationPositions attended positions per query head at which attention
 *     compute efficiency is half its maximum
 * @param memoryHalfSaturationBytes bytes moved at which memory efficiency is half its maximum
 *     (small transfers cannot hide DRAM latency)
 */
public record RooflineParameters(
    double gemmHalfSaturationRows,
    double attentionHalfSaturationPositions,
    double memoryHalfSaturationBytes) {

  /** Defaults; see docs/accuracy.md for the fit that produced them. */
  public static final RooflineParameters DEFAULT = new RooflineParameters(32, 256, 256 * 1024);

  /** Validates the parameters. */
  public RooflineParameters {
    if (!(gemmHalfSaturationRows >= 0)
        || !(attentionHalfSaturationPositions >= 0)
        || !(memoryHalfSaturationBytes >= 0)) {
      throw new IllegalArgumentException("roofline half-saturation points must be >= 0");
    }
  }

  /** {@return {@code x / (x + half)}, 1 when {@code half} is 0} */
  static double saturation(double x, double half) {
    return half == 0 ? 1 : x / (x + half);
  }
}
