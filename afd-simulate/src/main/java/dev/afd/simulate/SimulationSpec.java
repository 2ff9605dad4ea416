package dev.afd.simulate;

import dev.afd.api.strategy.SloSpec;
import java.util.Objects;

/**
 * The traffic of one simulation: arrivals, request lengths (ignored for a trace, which carries its
 * own), prefix reuse, how many requests, the seed and the SLO goodput counts against.
 *
 * @param arrivals the arrival process
 * @param requests requests to simulate (a trace stops earlier if it is shorter)
 * @param inputTokens new prompt tokens per request
 * @param outputTokens output tokens per request
 * @param prefixTokens reused prefix tokens per request (from the workload)
 * @param prefixHitRate probability that a request's prefix is in the cache: a hit skips its prefill
 *     compute, a miss prefills it with the prompt; either way its KV occupies the cache
 * @param seed the seed of every random draw
 * @param slo the SLO a request meets or not (TTFT, and TPOT for answers longer than one token)
 */
public record SimulationSpec(
    Arrivals arrivals,
    long requests,
    LengthDistribution inputTokens,
    LengthDistribution outputTokens,
    long prefixTokens,
    double prefixHitRate,
    long seed,
    SloSpec slo) {
  /** Validates. */
  public SimulationSpec {
    Objects.requireNonNull(arrivals, "arrivals");
    Objects.requireNonNull(inputTokens, "inputTokens");
    Objects.requireNonNull(outputTokens, "outputTokens");
    Objects.requireNonNull(slo, "slo");
    if (requests < 1 || prefixTokens < 0 || !(prefixHitRate >= 0 && prefixHitRate <= 1)) {
      throw new IllegalArgumentException(
          "need requests >= 1, prefix >= 0 and a hit rate in [0, 1]");
    }
  }
}
