package dev.afd.api.cost;

import java.util.Locale;

/**
 * Where a time came from, best first.
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
