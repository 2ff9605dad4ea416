package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.internal.Checks;
import dev.afd.api.unit.TimeSpan;

/**
 * The empirical corrections of the analytical network model, named and visible in results.
 *
 * <p>A collective or transfer costs {@code collectiveOverhead + Σ hops·α + bytes/(η·B)}, where α
 * and B come from the network dimensions and η is {@code bandwidthEfficiency}.
 *
 * @param bandwidthEfficiency fraction of the per-direction link bandwidth a transfer reaches, in
 *     (0, 1]
 * @param collectiveOverhead fixed software cost per collective or exchange (kernel launch, NCCL
 *     setup), added once
 */
public record AnalyticalParameters(double bandwidthEfficiency, TimeSpan collectiveOverhead) {

  /** The textbook α-β model: full bandwidth, no overhead. The closed forms of the tests use it. */
  public static final AnalyticalParameters IDEAL = new AnalyticalParameters(1.0, TimeSpan.ZERO);

  /**
   * Defaults for uncalibrated systems: η = 0.65 and 20 µs.
   *
   * <p>Source: the bandwidth-protocol fits of NCCL 2.26–2.27 intra-node all-reduce, all-gather,
   * reduce-scatter and all-to-all on H100, H200 and B200 (AIConfigurator tables, docs/network.md):
   * the 12 fitted efficiencies range 0.51–0.77 (median 0.65) and the fixed latencies 12–39 µs
   * (median 20.5 µs).
   */
  public static final AnalyticalParameters DEFAULT =
      new AnalyticalParameters(0.65, TimeSpan.ofMicros(20));

  /**
   * Validates the parameters.
   *
   * @param bandwidthEfficiency the efficiency
   * @param collectiveOverhead the overhead
   */
  public AnalyticalParameters {
    Checks.fraction(bandwidthEfficiency, "bandwidthEfficiency");
    requireNonNull(collectiveOverhead, "collectiveOverhead");
  }
}
