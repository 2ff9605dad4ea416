package dev.afd.plugin.strategies.common;

import dev.afd.api.strategy.WorkloadSpec;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a chunked-prefill batch and chunk cannot work, formatted once per pair: thousands of layouts
 * share them. Thread-safe.
 */
public final class ChunkReasons {
  private final WorkloadSpec workload;
  private final ConcurrentHashMap<Long, String> tooSmall = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, String> saturated = new ConcurrentHashMap<>();

  /**
   * Creates the reasons of one workload.
   *
   * @param workload the workload
   */
  public ChunkReasons(WorkloadSpec workload) {
    this.workload = workload;
  }

  private static long pair(int batch, int chunk) {
    return ((long) batch << 32) | (chunk & 0xffffffffL);
  }

  /**
   * {@return why {@code chunk} leaves too little room for prefill after {@code batch} decode
   * tokens: keeping up needs {@code batch·isl/osl} prefill tokens per iteration}
   *
   * @param batch decode sequences per iteration
   * @param chunk tokens per iteration
   */
  public String tooSmall(int batch, int chunk) {
    return tooSmall.computeIfAbsent(
        pair(batch, chunk),
        key ->
            String.format(
                Locale.ROOT,
                "chunk %d leaves %d prefill tokens per iteration after %d decode tokens, but"
                    + " keeping up needs %.1f (batch·isl/osl)",
                chunk,
                chunk - batch,
                batch,
                batch * (double) workload.inputTokens() / workload.outputTokens()));
  }

  /**
   * {@return why the prefill service of {@code batch} saturates {@code chunk}: a request's service
   * takes {@code ceil(isl / (chunk − batch))} iterations, and {@code batch} requests complete every
   * {@code osl / tokensPerStep} iterations}
   *
   * @param batch decode sequences per iteration
   * @param chunk tokens per iteration
   * @param tokensPerStep tokens a sequence emits per iteration (above 1 with speculative decoding)
   * @param completionRate whether the reason states the completions per iteration
   */
  public String saturated(int batch, int chunk, double tokensPerStep, boolean completionRate) {
    return saturated.computeIfAbsent(
        pair(batch, chunk),
        key -> {
          double serviceIterations = Math.ceil(workload.inputTokens() / (double) (chunk - batch));
          String rate =
              completionRate
                  ? String.format(
                      Locale.ROOT,
                      " at %d completions per %d iterations",
                      batch,
                      workload.outputTokens())
                  : "";
          return String.format(
              Locale.ROOT,
              "prefill service of %.0f iterations per request%s saturates the chunk"
                  + " (utilization %.2f)",
              serviceIterations,
              rate,
              batch * serviceIterations * tokensPerStep / workload.outputTokens());
        });
  }
}
