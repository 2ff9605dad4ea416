package dev.afd.plugin.strategies.common;

import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.MlaAttentionBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.spi.Conventions;
import dev.afd.spi.StrategyContext;
import dev.afd.strategykit.AfdPipeline;

/**
 * The rules of the {@value #AIC} conventions profile: what NVIDIA AIConfigurator (the framework of
 * the reference study, arXiv 2605.28302) assumes where afd states its own physics. Each rule cites
 * the file of github.com/ai-dynamo/aiconfigurator it is read from (paths at commit 095f58a51; the
 * rules are re-derived from the formulas there, no code is copied). The built-in strategies ask
 * {@link #follows} per assumption, so a study can switch any one of them (see {@code
 * docs/strategies.md}, "Conventions").
 */
public final class AicRules {
  /** The profile id of AIConfigurator's rules. */
  public static final String AIC = "aic";

  /**
   * agg TTFT: one mixed step per chunk of the prompt times a queuing factor, instead of the
   * carrying iterations plus an M/D/1 wait. {@code aic-core/.../sdk/backends/base_backend.py}
   * ({@code run_agg}: {@code _prefill_step_ms * ceil(isl / ctx_tokens) * _ttft_queuing_factor},
   * {@code _ttft_queuing_factor}).
   */
  public static final String AGG_TTFT = "agg-ttft";

  /**
   * agg TPOT: TensorRT-LLM's drain correction, {@code max(1, n − 3)} of the {@code n} mixed steps
   * count in TPOT. {@code aic-core/.../sdk/backends/trtllm_backend.py} ({@code _tpot_mix_steps}),
   * {@code base_backend.py} ({@code run_agg}).
   */
  public static final String AGG_TPOT = "agg-tpot";

  /**
   * pd TTFT: the prefill step × 1.1 (prefill latency correction) × 1.8 (autoscale TTFT correction),
   * with no queueing wait and no KV transfer. {@code src/aiconfigurator/sdk/task_v2.py} ({@code
   * prefill_latency_correction: float = 1.1}), {@code src/aiconfigurator/sdk/picking.py} ({@code
   * _AUTOSCALE_TTFT_CORRECTION_FACTOR = 1.8}, {@code _build_disagg_summary_dict}: TTFT is the
   * prefill worker's).
   */
  public static final String PD_TTFT = "pd-ttft";

  /**
   * pd decode: the decode step × 1.08. {@code src/aiconfigurator/sdk/task_v2.py} ({@code
   * decode_latency_correction: float = 1.08}).
   */
  public static final String PD_DECODE = "pd-decode";

  /**
   * pd rate matching: prefill throughput × 0.9 (the pool is sized to it), decode throughput × 0.92
   * (× 0.95 for an AFD decode pool), instead of sizing the prefill pool at {@code
   * prefill-utilization}. {@code src/aiconfigurator/sdk/picking.py} ({@code
   * _RATE_MATCHING_PREFILL_DEGRADATION_FACTOR}, {@code _RATE_MATCHING_DECODE_DEGRADATION_FACTOR}),
   * {@code src/aiconfigurator/sdk/pareto_analysis.py} ({@code _AFD_DECODE_DEGRADATION}).
   */
  public static final String PD_RATE_MATCHING = "pd-rate-matching";

  /**
   * AFD pipeline: per layer the cycle is {@code max(a, f, c1 + c2)} when {@code M ≥ 2 + (c1 +
   * c2)/max(a, f)}, else {@code max(a + c1, f + c2)}; a step is the fill {@code a + c1 + f + c2}
   * plus {@code M·L − 1} cycles. {@code src/aiconfigurator/sdk/inference_session.py} ({@code
   * _pipeline_tcycle}, {@code _pipeline_global_step_latency}, pipeline model "optimistic", the
   * default of {@code AFDConfig} in {@code aic-core/.../sdk/config.py}).
   */
  public static final String AFD_PIPELINE = "afd-pipeline";

  /**
   * Memory: activations {@code max(70 MiB, 2·T·h·k_TP + MoE workspace)} and no prompt reserved for
   * an in-flight prefill. {@code aic-core/.../sdk/backends/base_backend.py} ({@code
   * _get_memory_usage}, {@code MIN_ACTIVATION_BYTES}), {@code trtllm_backend.py} ({@code
   * ACTIVATION_COEFFICIENTS}).
   */
  public static final String MEMORY = "memory";

  /** {@code prefill_latency_correction} of {@code task_v2.py}. */
  public static final double PREFILL_LATENCY_CORRECTION = 1.1;

  /** {@code _AUTOSCALE_TTFT_CORRECTION_FACTOR} of {@code picking.py}. */
  public static final double TTFT_CORRECTION = 1.8;

  /** {@code decode_latency_correction} of {@code task_v2.py}. */
  public static final double DECODE_LATENCY_CORRECTION = 1.08;

  /** {@code _RATE_MATCHING_PREFILL_DEGRADATION_FACTOR} of {@code picking.py}. */
  public static final double PREFILL_DEGRADATION = 0.9;

  /** {@code _RATE_MATCHING_DECODE_DEGRADATION_FACTOR} of {@code picking.py}. */
  public static final double DECODE_DEGRADATION = 0.92;

  /** {@code _AFD_DECODE_DEGRADATION} of {@code pareto_analysis.py}. */
  public static final double AFD_DECODE_DEGRADATION = 0.95;

  /** {@code MIN_ACTIVATION_BYTES} of {@code base_backend.py}: 70 MiB. */
  public static final double MIN_ACTIVATION_BYTES = 70.0 * 1024 * 1024;

  private AicRules() {}

  /** {@return whether {@code assumption} follows AIConfigurator's rule in this context} */
  public static boolean follows(StrategyContext context, String assumption) {
    return context.conventions().follows(assumption, AIC);
  }

  /** {@return whether {@code assumption} follows AIConfigurator's rule} */
  public static boolean follows(Conventions conventions, String assumption) {
    return conventions.follows(assumption, AIC);
  }

  /**
   * {@return agg's steps to finish the context of a batch, {@code ⌈isl·b/C⌉}}
   *
   * @param inputTokens isl
   * @param batch b, requests per attention data-parallel rank
   * @param chunk C, context tokens per step
   */
  public static long stepsToFinishContext(long inputTokens, int batch, int chunk) {
    return ceilDiv(inputTokens * batch, chunk);
  }

  /** {@return the TTFT queuing factor {@code min(2 + (n − 3)/20, 4)} at {@code n} steps} */
  public static double queuingFactor(double stepsToFinishContext) {
    return Math.min(2 + (stepsToFinishContext - 3) / 2 / 10, 4);
  }

  /**
   * {@return agg TTFT: {@code mixed × ⌈isl/C⌉ × min(2 + (⌈isl·b/C⌉ − 3)/20, 4)}}
   *
   * @param mixedStepSeconds one step that carries prefill
   * @param inputTokens isl
   * @param batch b
   * @param chunk C
   */
  public static double aggTtftSeconds(
      double mixedStepSeconds, long inputTokens, int batch, int chunk) {
    return mixedStepSeconds
        * ceilDiv(inputTokens, chunk)
        * queuingFactor(stepsToFinishContext(inputTokens, batch, chunk));
  }

  /** {@return the mixed steps that count in TensorRT-LLM's TPOT, {@code max(1, n − 3)}} */
  public static double tpotMixSteps(double mixSteps) {
    return Math.max(1, mixSteps - 3);
  }

  /**
   * {@return agg TPOT per step of AIConfigurator's TensorRT-LLM model: {@code n} mixed steps and
   * {@code D − n} decode-only ones, of which {@code max(1, n − 3)} mixed ones count; all mixed when
   * {@code n ≥ D}}
   *
   * @param mixedStepSeconds a mixed step
   * @param decodeStepSeconds a decode-only step
   * @param mixSteps n
   * @param decodeIterations D, steps to emit a request's tokens
   */
  public static double aggStepSeconds(
      double mixedStepSeconds, double decodeStepSeconds, double mixSteps, double decodeIterations) {
    if (mixSteps >= decodeIterations) {
      return mixedStepSeconds;
    }
    double counted = tpotMixSteps(mixSteps);
    double decodeOnly = decodeIterations - mixSteps;
    return (mixedStepSeconds * counted + decodeStepSeconds * decodeOnly) / (counted + decodeOnly);
  }

  /** {@return pd TTFT: the prefill step × 1.1 × 1.8} */
  public static double pdTtftSeconds(double prefillStepSeconds) {
    return prefillStepSeconds * PREFILL_LATENCY_CORRECTION * TTFT_CORRECTION;
  }

  /**
   * {@return one layer's AFD cycle: {@code max(a, f, c1 + c2)} with enough micro-batches to hide
   * the round trip ({@code M ≥ 2 + (c1 + c2)/max(a, f)}), else {@code max(a + c1, f + c2)}}
   */
  public static double afdCycleSeconds(
      double attention, double toFfn, double ffn, double toAttention, int microBatches) {
    return AfdPipeline.aiConfiguratorCycle(attention, toFfn, ffn, toAttention, microBatches);
  }

  /**
   * {@return AIConfigurator's activation coefficient at a TP (clamped to 8) for MoE models: {@code
   * {1: 22, 2: 13, 4: 10, 8: 10}} (trtllm_backend.py, DEEPSEEK/MOE families)}
   */
  public static double activationCoefficient(int tensorParallel) {
    int clamped = Math.min(tensorParallel, 8);
    if (clamped >= 4) {
      return 10;
    }
    return clamped >= 2 ? 13 : 22;
  }

  /**
   * {@return activation bytes of a step of {@code tokens} tokens on one device: {@code max(70 MiB,
   * 2·T·h·k_TP + W)}, {@code h} the attention width (query heads × head dim for GQA, the hidden
   * size otherwise) and {@code W = T·h·dp·E·k/EP/128·4} the block-scale dispatch workspace
   * AIConfigurator adds for DeepSeek models (MLA)}
   *
   * @param model the model
   * @param tokens T, tokens of the step on one attention rank
   * @param tensorParallel attention TP
   * @param dataParallel attention DP
   * @param expertParallel EP
   */
  public static double activationBytes(
      MoeModelSpec model, double tokens, int tensorParallel, int dataParallel, int expertParallel) {
    double width = model.hiddenSize();
    boolean mla = false;
    MoeFfnBlock moe = null;
    for (LayerGroup group : model.layers()) {
      for (Block block : group.blocks()) {
        if (block instanceof GqaAttentionBlock gqa) {
          width = (double) gqa.heads() * gqa.headDim();
        } else if (block instanceof MlaAttentionBlock) {
          mla = true;
        } else if (block instanceof MoeFfnBlock found) {
          moe = found;
        }
      }
    }
    double activations = 2 * tokens * width * activationCoefficient(tensorParallel);
    if (mla && moe != null) {
      activations +=
          tokens * width * dataParallel * moe.expertCount() * moe.topK() / expertParallel / 128 * 4;
    }
    return Math.max(activations, MIN_ACTIVATION_BYTES);
  }

  private static long ceilDiv(long numerator, long denominator) {
    return (numerator + denominator - 1) / denominator;
  }
}
