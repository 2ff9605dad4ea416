package dev.afd.plugin.strategies.common;

/**
 * Closed-loop arrivals: {@code N} clients, each sending its next request the moment its previous
 * one completes, as load generators run a benchmark "at concurrency N" (genai-perf, aiperf,
 * vLLM/SGLang {@code bench_serving --max-concurrency}). Unlike a Poisson stream, the load is set by
 * the number of clients, and throughput follows from Little's law {@code N = X · (TTFT + (osl − 1)
 * · TPOT)}.
 *
 * <p>A disaggregated deployment is a closed queueing network: the prefill pool is a queueing
 * station of {@code c} parallel servers (workers × data-parallel ranks × batch) with service time
 * {@code S} (one prefill step), the decode phase a delay station of {@code Z = (osl − 1)·TPOT}.
 * {@link #solve} runs exact Mean Value Analysis (Reiser and Lavenberg, J. ACM 27(2), 1980) with
 * Seidmann's multi-server approximation (a {@code c}-server station with service {@code S} becomes
 * a single server of {@code S/c} plus a delay of {@code S·(c − 1)/c}; Seidmann, Schweitzer and
 * Shalev-Oren, Performance Evaluation 7(4), 1987). MVA assumes exponential service; prefill steps
 * are nearly deterministic, so waiting is somewhat overestimated near saturation and exact at both
 * asymptotes (light load: {@code R = S}; saturation: {@code X = c/S}).
 */
public final class ClosedLoop {
  private ClosedLoop() {}

  /**
   * Steady state of the closed network.
   *
   * @param throughput requests per second through the network
   * @param responseSeconds mean time at the queueing station, waiting and service
   */
  public record Solution(double throughput, double responseSeconds) {}

  /**
   * {@return the MVA solution for {@code customers} clients}
   *
   * @param customers N, clients in the loop (at least 1)
   * @param servers c, parallel servers at the queueing station (at least 1)
   * @param serviceSeconds S, service time of one request at one server
   * @param delaySeconds Z, time a request spends elsewhere (decode) per cycle
   */
  public static Solution solve(
      int customers, int servers, double serviceSeconds, double delaySeconds) {
    if (customers < 1 || servers < 1) {
      throw new IllegalArgumentException(
          "customers and servers must be >= 1, got " + customers + " and " + servers);
    }
    double queueService = serviceSeconds / servers;
    double fixed = serviceSeconds * (servers - 1) / servers;
    double queueLength = 0;
    double throughput = 0;
    double response = serviceSeconds;
    for (int n = 1; n <= customers; n++) {
      double queueResponse = queueService * (1 + queueLength);
      response = queueResponse + fixed;
      throughput = n / (response + delaySeconds);
      queueLength = throughput * queueResponse;
    }
    return new Solution(throughput, response);
  }
}
