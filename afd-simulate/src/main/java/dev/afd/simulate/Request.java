package dev.afd.simulate;

import org.jspecify.annotations.Nullable;

/** One request in flight: mutable, owned by the simulation's single thread. */
final class Request extends Event {
  /** Waiting to arrive at the deployment. */
  static final int ARRIVING = 0;

  /** Its KV is moving from the prefill pool to the decode pool. */
  static final int TRANSFERRING = 1;

  final long id;
  final double arrivalSeconds;
  final long prefixTokens;
  final long inputTokens;
  final long outputTokens;
  final boolean prefixHit;
  final int client;
  int stage = ARRIVING;

  /** Prompt tokens still to prefill. */
  long prefillRemaining;

  /** Prompt tokens prefilled so far (cached before the next chunk, with a hit prefix). */
  long prefillDone;

  double firstTokenSeconds;

  /** The iteration count of its rank at which its decode is done. */
  long finishIteration;

  /**
   * Its context when it joined decoding minus its rank's iteration count then, times the tokens a
   * sequence emits per iteration.
   */
  double decodeBase;

  /** The rank it is assigned to. */
  @Nullable Rank rank;

  Request(
      long id,
      double arrivalSeconds,
      int client,
      long prefixTokens,
      long inputTokens,
      long outputTokens,
      boolean prefixHit) {
    this.id = id;
    this.arrivalSeconds = arrivalSeconds;
    this.time = arrivalSeconds;
    this.prefixTokens = prefixTokens;
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.prefixHit = prefixHit;
    this.client = client;
  }

  /** {@return tokens its prefill computes: the prompt, plus the prefix on a miss} */
  long newTokens() {
    return prefixHit ? inputTokens : prefixTokens + inputTokens;
  }

  /** {@return the KV tokens reserved for it: its whole final context, prefix + input + output} */
  long reservedTokens() {
    return prefixTokens + inputTokens + outputTokens;
  }
}
