package dev.afd.strategykit;

/**
 * The queueing assumption behind TTFT: requests arrive as a Poisson stream at a server with
 * deterministic service time (M/D/1), so the mean wait is {@code W = ρ·S / (2·(1 − ρ))} for
 * utilization {@code ρ} and service time {@code S} (Pollaczek–Khinchine with zero service
 * variance).
 *
 * <p>Called by strategies that queue requests for a server, such as a prefill pool. Stateless;
 * thread-safe.
 *
 * @since 0.2
 */
public final class Queueing {
  private Queueing() {}

  /**
   * {@return the mean M/D/1 waiting time in seconds, infinite when {@code utilization >= 1}}
   *
   * @param utilization ρ, the busy share of the server
   * @param serviceSeconds S, the deterministic service time
   */
  public static double waitSeconds(double utilization, double serviceSeconds) {
    if (utilization >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    return utilization * serviceSeconds / (2 * (1 - utilization));
  }
}
