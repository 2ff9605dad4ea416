package dev.afd.api.cost;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;

/**
 * The time one operator takes on one device, with where that time came from.
 *
 * @param seconds the time in seconds, finite and {@code >= 0}
 * @param fidelity where the time came from
 * @param source the table or model that gave it, for example {@code "h200_sxm/gemm_perf"} or {@code
 *     "roofline"}
 * @since 0.1
 */
public record OperatorTime(double seconds, Fidelity fidelity, String source) {

  /**
   * Validates the time.
   *
   * @param seconds seconds
   * @param fidelity fidelity
   * @param source source
   */
  public OperatorTime {
    requireNonNull(fidelity, "fidelity");
    requireNonNull(source, "source");
    if (!(seconds >= 0) || !Double.isFinite(seconds)) {
      throw new IllegalArgumentException("seconds must be finite and >= 0, got '" + seconds + "'");
    }
  }
}
