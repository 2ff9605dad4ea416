package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.internal.Checks;
import dev.afd.api.unit.TimeSpan;

/**
 * One fitted protocol of a collective: a fixed latency and a bandwidth efficiency, applied on top
 * of the analytical α-β form. NCCL prices each protocol (LL, LL128, Simple) with its own latency
 * and bandwidth and runs the fastest; a calibrated collective does the same over its fits.
 *
 * @param name {@code "low-latency"} (small messages: LL-like) or {@code "bandwidth"} (large
 *     messages: Simple-like)
 * @param latency the fixed latency added once per collective
 * @param efficiency the fraction of the per-direction bandwidth reached, in (0, 1]
 */
public record ProtocolFit(String name, TimeSpan latency, double efficiency) {

  /**
   * Validates the fit.
   *
   * @param name name
   * @param latency latency
   * @param efficiency efficiency
   */
  public ProtocolFit {
    requireNonNull(name, "name");
    requireNonNull(latency, "latency");
    Checks.fraction(efficiency, "efficiency");
  }
}
