package dev.afd.engine.validate;

import java.util.Locale;

/**
 * How {@code afd validate --simulate} runs a silicon row through the request-level simulation
 * ({@code dev.afd.simulate}): the row's single candidate as a closed loop of the row's concurrency
 * clients without think time, each sending {@code requests-per-client} requests of the row's fixed
 * isl and osl, at most {@code maxRequests} in all, under one seed.
 *
 * @param seed the seed of every simulation; with fixed lengths, no think time and every prefix
 *     cached nothing is drawn from it today, but it is stated so that a run is reproducible when
 *     one of them changes
 * @param maxRequests the most requests one row simulates; a row whose run has more simulates {@code
 *     ⌊maxRequests / clients⌋} requests per client (at least one), whole rounds, and says so
 */
public record ValidationSimulation(long seed, long maxRequests) {
  /** The seed of {@code afd validate --simulate}. */
  public static final long DEFAULT_SEED = 1;

  /**
   * The most requests one row simulates by default: enough that every row of the silicon sample
   * runs its whole benchmark (16,384 clients × 10 requests); a guard against a file of far larger
   * runs, not a sample.
   */
  public static final long DEFAULT_MAX_REQUESTS = 200_000;

  /** The defaults: seed 1, at most 200,000 requests per row. */
  public static final ValidationSimulation DEFAULTS =
      new ValidationSimulation(DEFAULT_SEED, DEFAULT_MAX_REQUESTS);

  /** Checks the cap. */
  public ValidationSimulation {
    if (maxRequests < 1) {
      throw new IllegalArgumentException("maxRequests must be >= 1, got " + maxRequests);
    }
  }

  /**
   * {@return requests per client the simulation sends: the run's, or fewer (whole rounds, at least
   * one) when the clients' run would exceed {@link #maxRequests}}
   *
   * @param clients the closed loop's clients, at least 1
   * @param requestsPerClient requests each client sends in the benchmark
   */
  public long requestsPerClient(long clients, long requestsPerClient) {
    if (clients * requestsPerClient <= maxRequests) {
      return requestsPerClient;
    }
    return Math.max(1, maxRequests / clients);
  }

  /** {@return the sentence a row's assumptions carry, e.g. "simulated: closed loop …"} */
  String describe(long clients, long requestsPerClient, long benchmarkRequestsPerClient) {
    return String.format(
        Locale.ROOT,
        "simulated: closed loop of %d clients, %d requests each%s, seed %d",
        clients,
        requestsPerClient,
        requestsPerClient < benchmarkRequestsPerClient
            ? " (capped from "
                + benchmarkRequestsPerClient
                + ": at most "
                + maxRequests
                + " per row)"
            : "",
        seed);
  }
}
