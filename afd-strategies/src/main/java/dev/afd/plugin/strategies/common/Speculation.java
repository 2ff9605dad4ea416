package dev.afd.plugin.strategies.common;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.StepShape;
import dev.afd.spi.StrategyContext;

/**
 * Multi-token-prediction (MTP) speculative decoding as TensorRT-LLM runs it for DeepSeek-V3/R1:
 * every decode step feeds {@code 1 + n} query tokens per sequence (the last accepted token and
 * {@code n} drafts) through the {@code L} decoder layers and the {@code n} MTP layers, and emits
 * {@code 1 + E} tokens per sequence on average, {@code E = Σ_{i=1..n} Π_{j≤i} a_j} with {@code a_j}
 * the acceptance rate of draft {@code j}. A step is priced at {@code sequences·(1 + n)} decode
 * tokens and scaled by {@code (L + n)/L} (an MTP layer costs about one decoder layer); TPOT is the
 * step time over {@code 1 + E}. This is AIConfigurator's formulation ({@code mtp_scale_factor},
 * {@code calc_expectation}).
 *
 * @param draftTokens {@code n}, 0 when speculative decoding is off
 * @param acceptedPerStep {@code E}, expected accepted draft tokens per step
 * @param stepScale {@code (L + n)/L}
 */
public record Speculation(int draftTokens, double acceptedPerStep, double stepScale) {
  /**
   * Acceptance rates of drafts 2 to 5: AIConfigurator's {@code nextn_accept_rates} default {@code
   * [0.85, 0.3, 0, 0, 0]} without its first entry (which {@link Knobs#MTP_ACCEPTANCE} sets).
   */
  static final double[] LATER_ACCEPTANCE = {0.3, 0, 0, 0};

  /** No speculative decoding. */
  public static final Speculation NONE = new Speculation(0, 0, 1);

  /** {@return the speculation a strategy context asks for ({@link Knobs#MTP})} */
  public static Speculation of(StrategyContext context) {
    int drafts = (int) Math.round(context.options().get(Knobs.MTP));
    return of(drafts, context.options().get(Knobs.MTP_ACCEPTANCE), context.model());
  }

  /**
   * {@return the speculation of {@code drafts} MTP tokens}
   *
   * @param drafts draft tokens per step
   * @param firstAcceptance acceptance rate of the first draft
   * @param model the model (its decoder layer count)
   */
  public static Speculation of(int drafts, double firstAcceptance, MoeModelSpec model) {
    return of(drafts, firstAcceptance, model.layerCount());
  }

  /**
   * {@return the speculation of {@code drafts} MTP tokens on a model of {@code layers} decoder
   * layers}
   *
   * @param drafts draft tokens per step
   * @param firstAcceptance acceptance rate of the first draft
   * @param layers decoder layers, MTP layers excluded
   */
  public static Speculation of(int drafts, double firstAcceptance, int layers) {
    if (drafts <= 0) {
      return NONE;
    }
    double expected = 0;
    double probability = 1;
    for (int draft = 0; draft < drafts; draft++) {
      double rate =
          draft == 0
              ? firstAcceptance
              : draft - 1 < LATER_ACCEPTANCE.length ? LATER_ACCEPTANCE[draft - 1] : 0;
      probability *= rate;
      expected += probability;
    }
    int decoderLayers = Math.max(1, layers);
    return new Speculation(drafts, expected, (decoderLayers + drafts) / (double) decoderLayers);
  }

  /** {@return tokens emitted per sequence per decode step, {@code 1 + E}} */
  public double tokensPerStep() {
    return 1 + acceptedPerStep;
  }

  /** {@return query tokens a decode step runs for {@code sequences} sequences} */
  public long queryTokens(long sequences) {
    return sequences * (1L + draftTokens);
  }

  /** {@return the decode step of {@code sequences} sequences at {@code context}} */
  public StepShape decodeStep(long sequences, long context) {
    return StepShape.decode(queryTokens(sequences), context);
  }
}
