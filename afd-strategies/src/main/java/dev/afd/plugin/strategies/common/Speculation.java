package dev.afd.plugin.strategies.common;

import dev.afd.api.AfdConfigurationException;
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
 * step time over {@code 1 + E}, as AIConfigurator formulates it ({@code mtp_scale_factor}, {@code
 * calc_expectation}).
 *
 * @param draftTokens {@code n}, 0 when speculative decoding is off
 * @param acceptedPerStep {@code E}, expected accepted draft tokens per step
 * @param stepScale {@code (L + n)/L}
 */
public record Speculation(int draftTokens, double acceptedPerStep, double stepScale) {
  /**
   * Per-draft acceptance rates derived from TensorRT-LLM's DeepSeek-R1 FP4 measurements on B200
   * (blog "Pushing Latency Boundaries: Optimizing DeepSeek-R1 Performance on NVIDIA B200 GPUs",
   * batch 1): mean tokens per step 1.92, 2.58, 2.82, 2.99, 3.01 at MTP depth 1 to 5. The gain of
   * depth {@code n} over {@code n − 1} is the probability {@code p_n} that all of the first {@code
   * n} drafts are accepted (0.92, 0.66, 0.24, 0.17, 0.02); the rate of draft {@code n} given the
   * earlier ones is {@code p_n / p_(n−1)}. The depths were separate runs, so the fourth rate
   * (0.708) is above the third. DeepSeek-V3's technical report gives 85–90 % for the first draft.
   */
  public static final String DEFAULT_ACCEPTANCE_TEXT = "0.92,0.717,0.364,0.708,0.118";

  static final double[] DEFAULT_ACCEPTANCE = parse(DEFAULT_ACCEPTANCE_TEXT);

  /** No speculative decoding. */
  public static final Speculation NONE = new Speculation(0, 0, 1);

  /**
   * {@return the speculation a strategy context asks for ({@link Knobs#MTP}, {@link
   * Knobs#MTP_ACCEPTANCE})}
   *
   * @throws AfdConfigurationException if the acceptance list is not numbers from 0 to 1
   */
  public static Speculation of(StrategyContext context) {
    int drafts = (int) Math.round(context.options().get(Knobs.MTP));
    return of(drafts, parse(context.options().get(Knobs.MTP_ACCEPTANCE)), context.model());
  }

  /**
   * {@return the speculation of {@code drafts} MTP tokens}
   *
   * @param drafts draft tokens per step
   * @param acceptance acceptance rate of each draft given the earlier ones; drafts beyond it take
   *     the default's
   * @param model the model (its decoder layer count)
   */
  public static Speculation of(int drafts, double[] acceptance, MoeModelSpec model) {
    return of(drafts, acceptance, model.layerCount());
  }

  /**
   * {@return the speculation of {@code drafts} MTP tokens on a model of {@code layers} decoder
   * layers}
   *
   * @param drafts draft tokens per step
   * @param acceptance acceptance rate of each draft given the earlier ones; drafts beyond it take
   *     the default's
   * @param layers decoder layers, MTP layers excluded
   */
  public static Speculation of(int drafts, double[] acceptance, int layers) {
    if (drafts <= 0) {
      return NONE;
    }
    double expected = 0;
    double probability = 1;
    for (int draft = 0; draft < drafts; draft++) {
      double rate =
          draft < acceptance.length
              ? acceptance[draft]
              : draft < DEFAULT_ACCEPTANCE.length ? DEFAULT_ACCEPTANCE[draft] : 0;
      probability *= rate;
      expected += probability;
    }
    int decoderLayers = Math.max(1, layers);
    return new Speculation(drafts, expected, (decoderLayers + drafts) / (double) decoderLayers);
  }

  /**
   * {@return acceptance rates parsed from a comma-separated list}
   *
   * @throws AfdConfigurationException naming the option, the value and what it expects
   */
  public static double[] parse(String text) {
    String[] parts = text.split(",", -1);
    double[] rates = new double[parts.length];
    for (int index = 0; index < parts.length; index++) {
      double rate;
      try {
        rate = Double.parseDouble(parts[index].trim());
      } catch (NumberFormatException e) {
        rate = Double.NaN;
      }
      if (!(rate >= 0 && rate <= 1)) {
        throw new AfdConfigurationException(
            "Option 'mtp-acceptance' must be comma-separated acceptance rates from 0 to 1, one"
                + " per draft, got '"
                + text
                + "'");
      }
      rates[index] = rate;
    }
    return rates;
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
