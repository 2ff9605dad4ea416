package dev.afd.plugin.strategies.common;

import dev.afd.api.strategy.WorkloadSpec;

/** Context lengths a strategy prices at. */
public final class Workloads {
  private Workloads() {}

  /**
   * {@return the context a decoding sequence has on average: prefix + isl + (osl − 1)/2, rounded}
   *
   * <p>Decode attention is linear in context, so the mean context gives the mean step time.
   */
  public static long meanDecodeContext(WorkloadSpec workload) {
    return Math.round(workload.meanDecodeContextTokens());
  }

  /** {@return tokens a sequence holds in KV at its end: prefix + isl + osl} */
  public static long finalContext(WorkloadSpec workload) {
    return workload.finalContextTokens();
  }
}
