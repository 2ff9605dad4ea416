package dev.afd.simulate;

/**
 * Multi-token-prediction speculative decoding as the strategies price it: a decode iteration runs
 * {@code 1 + n} query tokens per sequence, takes {@code stepScale = (L + n)/L} times the priced
 * iteration (the {@code n} MTP layers beside the {@code L} decoder layers) and emits {@code 1 + E}
 * tokens per sequence, {@code E = Σ_{i≤n} Π_{j≤i} a_j} the expected accepted drafts of the
 * strategy's {@code mtp-acceptance} rates. The simulation emits the mean, deterministically: a
 * sequence needing {@code r} more tokens takes {@code ⌈r/(1 + E)⌉} iterations.
 *
 * @param draftTokens {@code n}, 0 when speculative decoding is off
 * @param acceptedPerStep {@code E}
 * @param stepScale {@code (L + n)/L}
 */
public record Speculation(int draftTokens, double acceptedPerStep, double stepScale) {
  /** No speculative decoding. */
  public static final Speculation NONE = new Speculation(0, 0, 1);

  /** Validates. */
  public Speculation {
    if (draftTokens < 0
        || !(acceptedPerStep >= 0 && acceptedPerStep <= draftTokens)
        || !(stepScale >= 1)) {
      throw new IllegalArgumentException(
          "need drafts >= 0, accepted drafts in [0, drafts] and a step scale >= 1");
    }
  }

  /**
   * {@return the speculation of {@code drafts} MTP tokens}
   *
   * @param drafts draft tokens per step
   * @param acceptance acceptance rate of each draft given the earlier ones
   * @param defaults the rates of drafts beyond {@code acceptance} (the strategy's default list)
   * @param layers decoder layers, MTP layers excluded
   */
  public static Speculation of(int drafts, double[] acceptance, double[] defaults, int layers) {
    if (drafts <= 0) {
      return NONE;
    }
    double expected = 0;
    double probability = 1;
    for (int draft = 0; draft < drafts; draft++) {
      probability *=
          draft < acceptance.length
              ? acceptance[draft]
              : draft < defaults.length ? defaults[draft] : 0;
      expected += probability;
    }
    int decoderLayers = Math.max(1, layers);
    return new Speculation(drafts, expected, (decoderLayers + drafts) / (double) decoderLayers);
  }

  /** {@return tokens emitted per sequence per decode iteration, {@code 1 + E}} */
  public double tokensPerStep() {
    return 1 + acceptedPerStep;
  }

  /** {@return decode iterations that emit {@code tokens} more tokens, {@code ⌈tokens/(1 + E)⌉}} */
  public long iterations(long tokens) {
    if (draftTokens == 0) {
      return tokens;
    }
    // A hair below the quotient, so that an exact multiple is not pushed up by rounding.
    return (long) Math.ceil(tokens / tokensPerStep() - 1e-9);
  }
}
