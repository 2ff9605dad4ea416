package dev.afd.engine.internal.kerneldb;

/**
 * Gives the ideal (roofline) time of a kernel at a grid point, which {@link LatencyGrid} uses to
 * turn latencies into utilisations and to extrapolate beyond the measured range.
 *
 * <p>Implementations must be pure and thread-safe, and cheap: a prediction calls them for a few
 * neighbouring grid points.
 */
@FunctionalInterface
public interface RooflineModel {
  /**
   * Returns the roofline time of a kernel.
   *
   * @param categories values of the layout's category columns, in layout order (numeric category
   *     columns are given in their decimal form, for example {@code "128"})
   * @param coordinates values of the layout's axes, in layout order
   * @return the roofline time in seconds, finite and positive
   */
  double seconds(String[] categories, double[] coordinates);
}
