package dev.afd.engine.recipe;

import static java.util.Objects.requireNonNull;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.unit.Precision;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a serving backend actually runs for a checkpoint: the formats of each weight class and of
 * the KV cache, which attention layouts it can run, and its speculative-decoding depth. Each rule
 * cites where the backend documents or does it ({@link #rules()}; {@code docs/recipes.md}). Kernel
 * variants are not pinned here: the measured cost model runs the fastest measured kernel valid for
 * a shape, as the backends' own kernel selection does.
 *
 * <p>Immutable and thread-safe.
 */
public final class ServingRecipe {
  /**
   * One rule of a recipe.
   *
   * @param topic what it decides, for example {@code KV cache}
   * @param rule what the backend runs
   * @param source where it is documented or done
   */
  public record Rule(String topic, String rule, String source) {}

  private static final String FP8_BLOCK_SOURCES =
      "TensorRT-LLM examples/models/core/deepseek_v3/README.md (FP8_BLOCK_SCALES); SGLang"
          + " docs/basic_usage/deepseek_v3.md (block-wise FP8, DeepGEMM); vLLM recipes"
          + " DeepSeek/DeepSeekR1-B200.md (DeepGEMM block FP8)";

  private static final String NVFP4_SOURCES =
      "hf_quant_config.json of NVIDIA's NVFP4 DeepSeek checkpoints (exclude_modules lists"
          + " q_a_proj, q_b_proj, kv_a_proj_with_mqa, kv_b_proj of every layer;"
          + " kv_cache_quant_algo FP8)";

  private final Backend backend;
  private final List<Rule> rules;

  private ServingRecipe(Backend backend, List<Rule> rules) {
    this.backend = backend;
    this.rules = List.copyOf(rules);
  }

  /** {@return the recipe of a backend} */
  public static ServingRecipe of(Backend backend) {
    requireNonNull(backend, "backend");
    return switch (backend) {
      case TRTLLM ->
          withWeightRules(
              backend,
              List.of(
                  new Rule(
                      "KV cache",
                      "FP8 on every GPU",
                      "SemiAnalysis InferenceX benchmarks/single_node/fixed_seq_len/dsr1_*_trt*.sh"
                          + " (kv_cache_config dtype fp8 in every TensorRT-LLM run); TensorRT-LLM"
                          + " blog 'Best perf practice on DeepSeek-R1'"),
                  new Rule(
                      "attention layout",
                      "attention tensor parallelism or attention data parallelism, not both"
                          + " (enable_attention_dp gives each rank whole heads)",
                      "TensorRT-LLM attention-DP docs; AIConfigurator sdk/utils.py"
                          + " enumerate_parallel_config for trtllm"),
                  new Rule(
                      "MTP (DeepSeek-V3/R1)",
                      "3 draft tokens with attention tensor parallelism, 1 with attention data"
                          + " parallelism",
                      "SemiAnalysis InferenceX dsr1_*_trt_mtp.sh")));
      case SGLANG ->
          withWeightRules(
              backend,
              List.of(
                  new Rule(
                      "KV cache",
                      "FP8 on GPUs with FP4 tensor cores (Blackwell: --kv-cache-dtype fp8_e4m3,"
                          + " trtllm_mla attention), BF16 elsewhere (Hopper: flashinfer)",
                      "SGLang docs 'quantized KV cache'; SemiAnalysis InferenceX dsr1_*_b200*.sh,"
                          + " dsr1_fp8_h200*.sh"),
                  new Rule(
                      "attention layout",
                      "attention tensor and data parallelism may be combined",
                      "SGLang --enable-dp-attention docs"),
                  new Rule(
                      "MTP (DeepSeek-V3/R1)",
                      "3 draft tokens (EAGLE, 2 steps, top-k 1)",
                      "SemiAnalysis InferenceX dsr1_*_mtp.sh for SGLang")));
      case VLLM ->
          withWeightRules(
              backend,
              List.of(
                  new Rule(
                      "KV cache",
                      "BF16 (the recipes set no kv-cache-dtype)",
                      "vllm-project/recipes DeepSeek/DeepSeek-V3.md"),
                  new Rule(
                      "attention layout",
                      "attention tensor and data parallelism may be combined",
                      "vLLM data-parallel deployment docs"),
                  new Rule(
                      "MTP (DeepSeek-V3/R1)",
                      "1 draft token where the checkpoint ships an MTP layer (no recipe states"
                          + " another depth)",
                      "AIConfigurator default nextn = 1 for DeepseekV3ForCausalLM")));
    };
  }

  /** {@return the recipe: the weight-format rules every backend shares, then its own} */
  private static ServingRecipe withWeightRules(Backend backend, List<Rule> ownRules) {
    List<Rule> rules = new ArrayList<>();
    rules.add(new Rule("FP8 weights", fp8Rule(), FP8_BLOCK_SOURCES));
    rules.add(new Rule("NVFP4 weights", nvfp4Rule(), NVFP4_SOURCES));
    rules.addAll(ownRules);
    return new ServingRecipe(backend, rules);
  }

  private static String fp8Rule() {
    return "a checkpoint whose catalog weights are block-scaled FP8 (DeepSeek: 128×128 weight"
        + " blocks, 1×128 activation groups) runs block-scaled FP8, never per-tensor";
  }

  private static String nvfp4Rule() {
    return "routed experts, shared experts and dense FFNs in NVFP4; attention projections in BF16;"
        + " KV cache as the backend's KV rule says";
  }

  /** {@return the backend} */
  public Backend backend() {
    return backend;
  }

  /** {@return the rules, each with its source, in the order {@code docs/recipes.md} lists them} */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * {@return the formats this backend runs for a checkpoint}
   *
   * @param model the catalog model (its native formats)
   * @param gemm the checkpoint's format of linear layers outside the routed experts, or null for
   *     the catalog's
   * @param experts the checkpoint's format of routed experts, or null for the catalog's
   * @param accelerator where it runs
   */
  public ModelPrecisions.Formats formats(
      MoeModelSpec model,
      @Nullable Precision gemm,
      @Nullable Precision experts,
      AcceleratorSpec accelerator) {
    requireNonNull(model, "model");
    requireNonNull(accelerator, "accelerator");
    Precision nativeDense = nativePrecision(model, false);
    Precision nativeExperts = nativePrecision(model, true);
    Precision dense = checkpoint(gemm == null ? nativeDense : gemm, nativeDense);
    Precision routed = checkpoint(experts == null ? nativeExperts : experts, nativeExperts);
    // NVIDIA's NVFP4 checkpoints leave the attention projections in BF16.
    Precision attention = dense == Precision.NVFP4 ? Precision.BF16 : dense;
    return new ModelPrecisions.Formats(attention, dense, routed, kvCache(accelerator));
  }

  /** {@return the model as this backend runs the checkpoint} */
  public MoeModelSpec apply(
      MoeModelSpec model,
      @Nullable Precision gemm,
      @Nullable Precision experts,
      AcceleratorSpec accelerator) {
    return ModelPrecisions.override(model, formats(model, gemm, experts, accelerator));
  }

  /** FP8 of a block-scaled checkpoint stays block-scaled. */
  private static Precision checkpoint(Precision stated, Precision nativeFormat) {
    if (stated == Precision.FP8 && nativeFormat == Precision.FP8_BLOCK) {
      return Precision.FP8_BLOCK;
    }
    return stated;
  }

  /** {@return the KV-cache format, or null to keep the catalog's} */
  private @Nullable Precision kvCache(AcceleratorSpec accelerator) {
    return switch (backend) {
      case TRTLLM -> Precision.FP8;
      // Blackwell is the generation with FP4 tensor cores; SGLang's Blackwell MLA kernels read FP8.
      case SGLANG ->
          accelerator.denseFlopRates().containsKey(Precision.NVFP4) ? Precision.FP8 : null;
      case VLLM -> null;
    };
  }

  /** {@return whether attention tensor parallelism > 1 may be combined with attention DP > 1} */
  public boolean combinesAttentionTensorAndDataParallel() {
    return backend != Backend.TRTLLM;
  }

  /**
   * {@return MTP draft tokens for a model, 0 when its checkpoint ships no MTP layer}
   *
   * @param model the model
   * @param attentionDataParallel the deployment's attention data-parallel degree
   */
  public int mtpDraftTokens(MoeModelSpec model, int attentionDataParallel) {
    if (model.nextTokenPredictionLayers().isEmpty()) {
      return 0;
    }
    return switch (backend) {
      case TRTLLM -> attentionDataParallel > 1 ? 1 : 3;
      case SGLANG -> 3;
      case VLLM -> 1;
    };
  }

  private static Precision nativePrecision(MoeModelSpec model, boolean experts) {
    for (LayerGroup group : model.layers()) {
      for (Block block : group.blocks()) {
        if (experts && block instanceof MoeFfnBlock moe) {
          return moe.expertWeightPrecision();
        }
        if (!experts && block.role() == BlockRole.MIXER) {
          return block.weightPrecision();
        }
      }
    }
    return model.layers().get(0).blocks().get(0).weightPrecision();
  }

  @Override
  public String toString() {
    return "ServingRecipe[" + backend.id() + "]";
  }
}
