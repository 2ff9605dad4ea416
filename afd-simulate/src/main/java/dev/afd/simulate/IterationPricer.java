package dev.afd.simulate;

/**
 * The time of one scheduler iteration of one attention data-parallel rank, from the iteration's
 * shape: the decoding sequences (one new token each, at their mean context) and the prefill chunks
 * it carries (their new tokens, against the context already cached before them).
 *
 * <p>Arguments are primitives in tokens and the result is in seconds: this is the simulation's hot
 * path (docs/style.md, decision 6). Implementations must be deterministic; the simulation calls
 * them from one thread.
 */
public interface IterationPricer {

  /**
   * {@return the iteration's wall time in seconds, positive}
   *
   * @param decodeSequences sequences decoding one token each, at least 0
   * @param decodeContextTokens the mean tokens already cached per decoding sequence
   * @param prefillSequences sequences with a prefill chunk in this iteration, at least 0
   * @param prefillTokens new prompt tokens of all the chunks together
   * @param cachedContextTokens the mean tokens already cached before each chunk (a reused prefix
   *     plus the earlier chunks of the same prompt)
   */
  double iterationSeconds(
      int decodeSequences,
      long decodeContextTokens,
      int prefillSequences,
      long prefillTokens,
      long cachedContextTokens);
}
