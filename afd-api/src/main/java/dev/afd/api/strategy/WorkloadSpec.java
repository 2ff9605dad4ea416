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
 * @param outputTokens output tokens decoded per request ({@code osl}), {@code >= 1}
 * @since 0.1
 */
public record WorkloadSpec(String id, long prefixTokens, long inputTokens, long outputTokens) {

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
