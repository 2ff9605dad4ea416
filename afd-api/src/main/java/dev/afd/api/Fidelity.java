package dev.afd.api;

import java.util.Locale;

/**
 * Where a time came from, best first.
 *
 * <p>In the root package because kernel times ({@code api.cost}) and network times ({@code
 * api.network}) both carry it; in either one it tied the two into a package cycle.
 *
 * @since 0.1
 */
public enum Fidelity {
  /** A measured table row at exactly this shape. */
  MEASURED,
  /** Interpolated between measured grid points. */
  INTERPOLATED,
  /** Beyond the measured grid: the boundary utilization rescaled by the roofline. */
  EXTRAPOLATED,
  /** The roofline (or analytical network model) alone. */
  ROOFLINE;

  /** {@return the lower-case id} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
