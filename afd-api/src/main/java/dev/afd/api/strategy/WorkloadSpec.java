package dev.afd.api.strategy;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.internal.Checks;
import java.util.List;

/**
 * What each request looks like: a reused prefix whose KV is already cached, new input tokens to
 * prefill, and output tokens to decode.
 *
 * @param id stable kebab-case id
 * @param prefixTokens tokens whose KV is reused (resident where attention runs, not recomputed)
 * @param inputTokens new input tokens prefilled per request ({@code isl}), {@code >= 1}
 * @param outputTokens output tokens decoded per request ({@code osl}), {@code >= 1}; the three
 *     together at most {@link #MAX_CONTEXT_TOKENS}
 * @since 0.1
 */
public record WorkloadSpec(String id, long prefixTokens, long inputTokens, long outputTokens) {

  /**
   * The most tokens a request's context may reach (prefix + input + output): 2^30 (1 073 741 824).
   *
   * <p>Why this value: 100 times the longest context window any model advertises (10 million
   * tokens), while sums and products of token counts (KV bytes, FLOPs) stay far from overflow.
   *
   * @since 0.2
   */
  public static final long MAX_CONTEXT_TOKENS = 1L << 30;

  /** Chat preset of arXiv 2605.28302 Table 1: prefix 4096, isl 512, osl 256. */
  public static final WorkloadSpec CHAT = new WorkloadSpec("chat", 4096, 512, 256);

  /** Coding preset of arXiv 2605.28302 Table 1: prefix 2048, isl 4096, osl 1024. */
  public static final WorkloadSpec CODING = new WorkloadSpec("coding", 2048, 4096, 1024);

  /** Agentic-coding preset of arXiv 2605.28302 Table 1: prefix 524288, isl 256, osl 8192. */
  public static final WorkloadSpec AGENTIC_CODING =
      new WorkloadSpec("agentic-coding", 524288, 256, 8192);

  /**
   * Validates the workload.
   *
   * @param id id
   * @param prefixTokens prefix
   * @param inputTokens isl
   * @param outputTokens osl
   */
  public WorkloadSpec {
    Checks.id(id, "workload id");
    Checks.nonNegative(prefixTokens, "prefixTokens");
    Checks.positive(inputTokens, "inputTokens");
    Checks.positive(outputTokens, "outputTokens");
    // Each term is checked first, so the sum cannot overflow.
    if (prefixTokens > MAX_CONTEXT_TOKENS
        || inputTokens > MAX_CONTEXT_TOKENS
        || outputTokens > MAX_CONTEXT_TOKENS
        || prefixTokens + inputTokens + outputTokens > MAX_CONTEXT_TOKENS) {
      throw new IllegalArgumentException(
          "workload '"
              + id
              + "': prefixTokens + inputTokens + outputTokens must be at most "
              + MAX_CONTEXT_TOKENS
              + " (WorkloadSpec.MAX_CONTEXT_TOKENS), got '"
              + prefixTokens
              + " + "
              + inputTokens
              + " + "
              + outputTokens
              + "'");
    }
  }

  /** {@return the presets, in a stable order} */
  public static List<WorkloadSpec> presets() {
    return List.of(CHAT, CODING, AGENTIC_CODING);
  }

  /**
   * {@return the preset with this id}
   *
   * @param id the id
   * @throws AfdConfigurationException for an unknown preset
   */
  public static WorkloadSpec preset(String id) {
    for (WorkloadSpec preset : presets()) {
      if (preset.id().equals(id)) {
        return preset;
      }
    }
    throw new AfdConfigurationException(
        "Unknown workload preset '" + id + "'. Known presets: [agentic-coding, chat, coding]");
  }

  /** {@return context length when the last output token is produced} */
  public long finalContextTokens() {
    return prefixTokens + inputTokens + outputTokens;
  }

  /** {@return mean context length over the decode phase} */
  public double meanDecodeContextTokens() {
    return prefixTokens + inputTokens + (outputTokens - 1) / 2.0;
  }
}
