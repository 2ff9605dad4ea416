package dev.afd.api.model;

/**
 * Identical sequences in one step: each has {@code cachedTokens} of context and adds {@code
 * newTokens}.
 *
 * @param sequences how many sequences, {@code >= 1}
 * @param cachedTokens cached context per sequence (reused prefix plus tokens already processed)
 * @param newTokens tokens each sequence adds in this step: 1 in decode, the chunk in prefill
 * @since 0.1
 */
public record SequenceBatch(long sequences, long cachedTokens, long newTokens) {

  /**
   * Validates the batch.
   *
   * @param sequences sequences
   * @param cachedTokens cached tokens
   * @param newTokens new tokens
   */
  public SequenceBatch {
    if (sequences < 1 || cachedTokens < 0 || newTokens < 1) {
      throw new IllegalArgumentException(
          "sequence batch needs sequences >= 1, cachedTokens >= 0, newTokens >= 1, got "
              + sequences
              + ", "
              + cachedTokens
              + ", "
              + newTokens);
    }
  }

  /** {@return tokens this batch adds to the step} */
  public long tokens() {
    return sequences * newTokens;
  }
}
