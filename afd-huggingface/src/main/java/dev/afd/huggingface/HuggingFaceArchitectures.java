package dev.afd.huggingface;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.DenseFfnBlock;
import dev.afd.api.model.block.DsaAttentionBlock;
import dev.afd.api.model.block.EmbeddingBlock;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.LmHeadBlock;
import dev.afd.api.model.block.Mamba2MixerBlock;
import dev.afd.api.model.block.MlaAttentionBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.unit.Precision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Assembles a {@link MoeModelSpec} from a Hugging Face {@code config.json} for the architectures
 * behind the built-in catalog.
 *
 * <p>Used by the built-in model plugin (on transcribed configs) and by the engine's importer (on
 * files), so a catalog entry and its imported config give the same model. Conventions:
 *
 * <ul>
 *   <li>Precision: BF16 unless {@code quantization_config} or {@code hf_quant_config.json} says
 *       otherwise. {@code quant_method fp8} with {@code weight_block_size} gives {@link
 *       Precision#FP8_BLOCK} linear layers (embedding, LM head, router and norms stay BF16); {@code
 *       mxfp4} gives MXFP4 routed experts only (gpt-oss keeps attention and router in BF16);
 *       ModelOpt {@code quant_algo FP8} gives FP8 linear layers, {@code NVFP4} NVFP4 feed-forward
 *       weights (attention too unless its {@code self_attn} modules are excluded); {@code
 *       kv_cache_quant_algo FP8} or an 8-bit {@code kv_cache_scheme} gives an FP8 KV cache.
 *       Activations are BF16; MoE dispatch is FP8; DSA indexer keys are FP8.
 *   <li>Active parameters follow each publisher: Mistral, Qwen, Meta and StepFun count embedding
 *       and LM head; OpenAI, DeepSeek, Moonshot and NVIDIA count the LM head only; Zhipu (GLM) and
 *       MiniMax count neither.
 *   <li>Llama-4's chunked attention (three layers in four, chunk 8192) is modelled as a sliding
 *       window of the chunk size, an upper bound on the attended positions.
 *   <li>MTP / next-token-prediction layers are kept apart ({@link
 *       MoeModelSpec#nextTokenPredictionLayers()}), as one mixer and one FFN block each.
 * </ul>
 */
public final class HuggingFaceArchitectures {

  /** The {@code quantization_config.quant_method} values the precision rules read, sorted. */
  static final List<String> QUANT_METHODS =
      List.of("compressed-tensors", "fp8", "modelopt", "mxfp4");

  /**
   * The checkpoint {@code torch_dtype} / {@code dtype} values accepted, sorted: 16-bit checkpoints
   * (BF16 and FP16 cost the same bytes and tensor-core rate), float32 ones (which backends serve in
   * 16 bits by default: vLLM and SGLang {@code --dtype auto}), and FP8 ones, whose formats come
   * from the quantization settings.
   */
  static final List<String> CHECKPOINT_DTYPES =
      List.of("bfloat16", "float16", "float32", "float8_e4m3fn");

  /** The architectures (first entry of {@code architectures}) this assembler supports, sorted. */
  public static final List<String> SUPPORTED =
      List.of(
          "DeepseekV32ForCausalLM",
          "DeepseekV3ForCausalLM",
          "GlmMoeDsaForCausalLM",
          "GptOssForCausalLM",
          "Llama4ForConditionalGeneration",
          "LlamaForCausalLM",
          "MiniMaxM2ForCausalLM",
          "MixtralForCausalLM",
          "NemotronHForCausalLM",
          "Qwen3ForCausalLM",
          "Qwen3MoeForCausalLM",
          "Step3p7FlashForCausalLM");

  private static final Precision ACTIVATIONS = Precision.BF16;
  private static final Precision DISPATCH = Precision.FP8;
  private static final int LLAMA4_GLOBAL_LAYER_INTERVAL = 4;

  private HuggingFaceArchitectures() {}

  /**
   * {@return the architecture named in {@code config}: the first entry of {@code architectures}}
   *
   * @param config the config
   */
  public static String architecture(HuggingFaceConfig config) {
    List<String> architectures = config.optionalStrings("architectures");
    if (architectures.isEmpty()) {
      if (!config.has("architectures")) {
        throw new AfdConfigurationException(
            config.file() + ": missing required field 'architectures'");
      }
      throw config.invalid("architectures", "a non-empty list of strings", "[]");
    }
    return architectures.get(0);
  }

  /**
   * {@return whether the architecture of {@code config} is supported}
   *
   * @param config the config
   */
  public static boolean isSupported(HuggingFaceConfig config) {
    return SUPPORTED.contains(architecture(config));
  }

  /**
   * Assembles a model.
   *
   * @param id the model id (kebab-case)
   * @param name the display name
   * @param source where the config comes from (Hugging Face id and file)
   * @param config the parsed {@code config.json}
   * @param quantization the parsed {@code hf_quant_config.json}, or null
   * @return the model
   * @throws AfdConfigurationException for an unsupported architecture or a malformed config
   */
  public static MoeModelSpec assemble(
      String id,
      String name,
      String source,
      HuggingFaceConfig config,
      @Nullable HuggingFaceConfig quantization) {
    String architecture = architecture(config);
    if (!SUPPORTED.contains(architecture)) {
      throw new AfdConfigurationException(
          "unsupported architecture '"
              + architecture
              + "' in "
              + config.file()
              + "; supported: "
              + SUPPORTED);
    }
    Precisions precisions = Precisions.resolve(config, quantization);
    HuggingFaceConfig text =
        architecture.equals("Llama4ForConditionalGeneration")
            ? config
                .child("text_config")
                .orElseThrow(
                    () ->
                        new AfdConfigurationException(
                            config.file() + ": missing required field 'text_config'"))
            : config;
    Stack stack =
        switch (architecture) {
          case "DeepseekV3ForCausalLM", "DeepseekV32ForCausalLM", "GlmMoeDsaForCausalLM" ->
              deepseek(text, precisions);
          case "NemotronHForCausalLM" -> nemotronH(text, precisions);
          case "Llama4ForConditionalGeneration" -> llama4(text, precisions);
          default -> grouped(architecture, text, precisions);
        };
    int hidden = text.positiveInt("hidden_size");
    int vocabulary = text.positiveInt("vocab_size");
    boolean embeddingActive =
        switch (architecture) {
          case "MixtralForCausalLM",
              "Qwen3ForCausalLM",
              "Qwen3MoeForCausalLM",
              "LlamaForCausalLM",
              "Llama4ForConditionalGeneration",
              "Step3p7FlashForCausalLM" ->
              true;
          default -> false;
        };
    boolean tied = text.optionalBoolean("tie_word_embeddings", false);
    // A tied head is the embedding table: when the embedding already counts as active, counting
    // the head again would make active parameters exceed the total.
    boolean headActive =
        !architecture.equals("GlmMoeDsaForCausalLM")
            && !architecture.equals("MiniMaxM2ForCausalLM")
            && !(tied && embeddingActive);
    List<Block> edges =
        List.of(
            new EmbeddingBlock(vocabulary, hidden, Precision.BF16, ACTIVATIONS, embeddingActive),
            new LmHeadBlock(vocabulary, hidden, tied, Precision.BF16, ACTIVATIONS, headActive));
    return new MoeModelSpec(
        id,
        name,
        source,
        hidden,
        text.positiveLong("max_position_embeddings"),
        ACTIVATIONS,
        edges,
        group(stack.layers()),
        group(stack.nextTokenPrediction()));
  }

  /** The decoder layers and MTP layers, one block list per layer. */
  private record Stack(List<List<Block>> layers, List<List<Block>> nextTokenPrediction) {}

  /** Precisions resolved from the quantization settings. */
  private record Precisions(
      Precision attention, Precision experts, Precision feedForward, Precision kvCache) {

    static Precisions resolve(HuggingFaceConfig config, @Nullable HuggingFaceConfig quantization) {
      Precision attention = Precision.BF16;
      Precision experts = Precision.BF16;
      Precision feedForward = Precision.BF16;
      Precision kvCache = Precision.BF16;
      // Unquantized weights are priced in BF16; an unknown dtype (a typo, a format afd does not
      // know) would be priced that way without a word, so it is an error.
      for (String field : List.of("torch_dtype", "dtype")) {
        if (config.has(field)) {
          String dtype = config.requiredString(field);
          if (!CHECKPOINT_DTYPES.contains(dtype)) {
            throw config.invalid(field, "one of " + CHECKPOINT_DTYPES, dtype);
          }
        }
      }
      HuggingFaceConfig inline = config.child("quantization_config").orElse(null);
      List<HuggingFaceConfig> modelOpt = new ArrayList<>();
      if (inline != null) {
        String method = inline.optionalString("quant_method").orElse("");
        // Any other method would silently import as BF16; modelopt and compressed-tensors are
        // read through quant_algo and kv_cache_scheme below.
        if (!method.isEmpty() && !QUANT_METHODS.contains(method)) {
          throw inline.invalid("quant_method", "one of " + QUANT_METHODS, method);
        }
        if (method.equals("fp8")) {
          Precision fp8 = inline.has("weight_block_size") ? Precision.FP8_BLOCK : Precision.FP8;
          attention = fp8;
          experts = fp8;
          feedForward = fp8;
        } else if (method.equals("mxfp4")) {
          experts = Precision.MXFP4;
        }
        modelOpt.add(inline);
      }
      if (quantization != null) {
        modelOpt.add(quantization.child("quantization").orElse(quantization));
      }
      for (HuggingFaceConfig settings : modelOpt) {
        String algorithm =
            settings.optionalString("quant_algo").orElse("").toUpperCase(Locale.ROOT);
        boolean attentionExcluded =
            settings.optionalStrings("exclude_modules").stream()
                .anyMatch(module -> module.contains("self_attn"));
        if (algorithm.equals("FP8")) {
          attention = Precision.FP8;
          experts = Precision.FP8;
          feedForward = Precision.FP8;
        } else if (algorithm.equals("NVFP4")) {
          experts = Precision.NVFP4;
          feedForward = Precision.NVFP4;
          if (!attentionExcluded) {
            attention = Precision.NVFP4;
          }
        }
        if (settings
            .optionalString("moe_quant_algo")
            .orElse("")
            .toUpperCase(Locale.ROOT)
            .equals("NVFP4")) {
          experts = Precision.NVFP4;
        }
        if (settings
            .optionalString("kv_cache_quant_algo")
            .orElse("")
            .toUpperCase(Locale.ROOT)
            .equals("FP8")) {
          kvCache = Precision.FP8;
        }
        if (settings.hasString("kv_cache_scheme")) {
          if (settings.requiredString("kv_cache_scheme").equalsIgnoreCase("FP8")) {
            kvCache = Precision.FP8;
          }
        } else {
          HuggingFaceConfig scheme = settings.child("kv_cache_scheme").orElse(null);
          if (scheme != null && scheme.optionalNonNegativeInt("num_bits", 16) == 8) {
            kvCache = Precision.FP8;
          }
        }
      }
      return new Precisions(attention, experts, feedForward, kvCache);
    }
  }

  private static Stack deepseek(HuggingFaceConfig config, Precisions precisions) {
    int hidden = config.positiveInt("hidden_size");
    int layers = config.positiveInt("num_hidden_layers");
    MlaAttentionBlock mla =
        new MlaAttentionBlock(
            hidden,
            config.positiveInt("num_attention_heads"),
            config.optionalNonNegativeInt("q_lora_rank", 0),
            config.positiveInt("kv_lora_rank"),
            config.positiveInt("qk_nope_head_dim"),
            config.positiveInt("qk_rope_head_dim"),
            config.positiveInt("v_head_dim"),
            precisions.attention(),
            precisions.kvCache(),
            ACTIVATIONS);
    Block mixer =
        config.has("index_topk")
            ? new DsaAttentionBlock(
                mla,
                config.positiveInt("index_n_heads"),
                config.positiveInt("index_head_dim"),
                config.positiveInt("index_topk"),
                Precision.FP8)
            : mla;
    int experts = config.positiveInt("n_routed_experts");
    int topK = config.positiveInt("num_experts_per_tok");
    config.requireAtMost("num_experts_per_tok", topK, "n_routed_experts", experts);
    // Group-limited routing is not priced (the same experts run), but a contradiction in it
    // means the file is not what it claims to be.
    if (config.has("n_group") && config.has("topk_group")) {
      config.requireAtMost(
          "topk_group", config.positiveInt("topk_group"), "n_group", config.positiveInt("n_group"));
    }
    int expertIntermediate = config.positiveInt("moe_intermediate_size");
    int shared = config.optionalNonNegativeInt("n_shared_experts", 0);
    boolean routerBias =
        config.optionalString("topk_method").orElse("").equals("noaux_tc")
            || config.optionalString("scoring_func").orElse("").equals("sigmoid");
    MoeFfnBlock moe =
        moeFfn(
            hidden,
            experts,
            topK,
            expertIntermediate,
            shared,
            shared > 0 ? expertIntermediate : 0,
            routerBias,
            precisions);
    int firstDense = config.optionalNonNegativeInt("first_k_dense_replace", 0);
    config.requireBelow("first_k_dense_replace", firstDense, "num_hidden_layers", layers);
    int frequency = config.optionalPositiveInt("moe_layer_freq", 1);
    Block dense = null;
    List<List<Block>> stack = new ArrayList<>();
    for (int layer = 0; layer < layers; layer++) {
      if (layer >= firstDense && layer % frequency == 0) {
        stack.add(List.of(mixer, moe));
      } else {
        if (dense == null) {
          dense = denseFfn(hidden, config.positiveInt("intermediate_size"), precisions);
        }
        stack.add(List.of(mixer, dense));
      }
    }
    List<List<Block>> mtp = new ArrayList<>();
    for (int index = 0;
        index < config.optionalNonNegativeInt("num_nextn_predict_layers", 0);
        index++) {
      mtp.add(List.of(mixer, moe));
    }
    return new Stack(stack, mtp);
  }

  /** GQA models whose layers differ only in window and dense/MoE feed-forward. */
  private static Stack grouped(
      String architecture, HuggingFaceConfig config, Precisions precisions) {
    int hidden = config.positiveInt("hidden_size");
    int layers = config.positiveInt("num_hidden_layers");
    int heads = config.positiveInt("num_attention_heads");
    int kvHeads = config.optionalPositiveInt("num_key_value_heads", heads);
    int headDim = config.optionalPositiveInt("head_dim", hidden / heads);
    boolean gptOss = architecture.equals("GptOssForCausalLM");
    boolean queryKeyNorm =
        architecture.startsWith("Qwen3") || config.optionalBoolean("use_qk_norm", false);
    boolean bias = config.optionalBoolean("attention_bias", false);
    List<String> layerTypes = config.optionalStrings("layer_types");
    if (!layerTypes.isEmpty() && layerTypes.size() != layers) {
      throw config.invalid(
          "layer_types", "a list of " + layers + " entries (num_hidden_layers)", layerTypes.size());
    }
    boolean slidingEnabled =
        !architecture.startsWith("Qwen3") || config.optionalBoolean("use_sliding_window", false);
    int window = slidingEnabled ? config.optionalNonNegativeInt("sliding_window", 0) : 0;
    Map<Long, GqaAttentionBlock> attentionByWindow = new LinkedHashMap<>();
    List<List<Block>> stack = new ArrayList<>();
    Block dense = null;
    MoeFfnBlock moe = moeFor(architecture, config, precisions, hidden);
    Set<Long> denseOnly = new HashSet<>(config.optionalIntegers("mlp_only_layers"));
    for (long layer : denseOnly) {
      if (layer < 0 || layer >= layers) {
        throw config.invalid(
            "mlp_only_layers",
            "layer indexes from 0 to " + (layers - 1) + " (num_hidden_layers − 1)",
            layer);
      }
    }
    int sparseStep = config.optionalPositiveInt("decoder_sparse_step", 1);
    int firstDense = config.optionalNonNegativeInt("first_k_dense_replace", 0);
    config.requireBelow("first_k_dense_replace", firstDense, "num_hidden_layers", layers);
    GqaAttentionBlock fullAttention = null;
    for (int layer = 0; layer < layers; layer++) {
      long layerWindow;
      if (layerTypes.isEmpty()) {
        layerWindow = window;
      } else {
        String type = layerTypes.get(layer);
        if (!type.equals("full_attention") && !type.equals("sliding_attention")) {
          throw config.invalid(
              "layer_types", "'full_attention' or 'sliding_attention' entries", type);
        }
        layerWindow = type.equals("sliding_attention") ? window : 0;
      }
      GqaAttentionBlock attention =
          attentionByWindow.computeIfAbsent(
              layerWindow,
              span ->
                  new GqaAttentionBlock(
                      hidden,
                      heads,
                      kvHeads,
                      headDim,
                      span,
                      gptOss,
                      queryKeyNorm,
                      bias,
                      precisions.attention(),
                      precisions.kvCache(),
                      ACTIVATIONS));
      if (layerWindow == 0) {
        fullAttention = attention;
      }
      boolean sparse =
          moe != null
              && layer >= firstDense
              && !denseOnly.contains((long) layer)
              && (layer + 1) % sparseStep == 0;
      if (sparse) {
        stack.add(List.of(attention, moe));
      } else {
        if (dense == null) {
          dense = denseFfn(hidden, config.positiveInt("intermediate_size"), precisions);
        }
        stack.add(List.of(attention, dense));
      }
    }
    int mtpLayers =
        architecture.equals("MiniMaxM2ForCausalLM") && config.optionalBoolean("use_mtp", false)
            ? config.optionalNonNegativeInt("num_mtp_modules", 0)
            : config.optionalNonNegativeInt("num_nextn_predict_layers", 0);
    List<List<Block>> mtp = new ArrayList<>();
    for (int index = 0; index < mtpLayers && moe != null; index++) {
      GqaAttentionBlock attention =
          fullAttention != null ? fullAttention : attentionByWindow.values().iterator().next();
      mtp.add(List.of(attention, moe));
    }
    return new Stack(stack, mtp);
  }

  private static @Nullable MoeFfnBlock moeFor(
      String architecture, HuggingFaceConfig config, Precisions precisions, int hidden) {
    String expertsField;
    String intermediateField;
    int shared = 0;
    int sharedIntermediate = 0;
    boolean routerBias = false;
    switch (architecture) {
      case "Qwen3MoeForCausalLM" -> {
        expertsField = "num_experts";
        intermediateField = "moe_intermediate_size";
        sharedIntermediate = config.optionalNonNegativeInt("shared_expert_intermediate_size", 0);
        shared = sharedIntermediate > 0 ? 1 : 0;
      }
      case "MixtralForCausalLM" -> {
        expertsField = "num_local_experts";
        intermediateField = "intermediate_size";
      }
      case "GptOssForCausalLM" -> {
        expertsField = "num_local_experts";
        intermediateField = "intermediate_size";
        routerBias = true;
      }
      case "MiniMaxM2ForCausalLM" -> {
        expertsField = "num_local_experts";
        intermediateField = "intermediate_size";
        sharedIntermediate = config.optionalNonNegativeInt("shared_intermediate_size", 0);
        shared = sharedIntermediate > 0 ? 1 : 0;
        routerBias = config.optionalBoolean("use_routing_bias", false);
      }
      case "Step3p7FlashForCausalLM" -> {
        expertsField = "num_experts";
        intermediateField = "moe_intermediate_size";
        shared = config.optionalNonNegativeInt("n_shared_experts", 0);
        sharedIntermediate = shared > 0 ? config.positiveInt("share_expert_dim") : 0;
        routerBias = config.optionalBoolean("use_moe_router_bias", false);
      }
      default -> {
        return null;
      }
    }
    int experts = config.positiveInt(expertsField);
    int topK = config.positiveInt("num_experts_per_tok");
    config.requireAtMost("num_experts_per_tok", topK, expertsField, experts);
    return moeFfn(
        hidden,
        experts,
        topK,
        config.positiveInt(intermediateField),
        shared,
        sharedIntermediate,
        routerBias,
        precisions);
  }

  private static Stack llama4(HuggingFaceConfig config, Precisions precisions) {
    int hidden = config.positiveInt("hidden_size");
    int layers = config.positiveInt("num_hidden_layers");
    int heads = config.positiveInt("num_attention_heads");
    int kvHeads = config.optionalPositiveInt("num_key_value_heads", heads);
    int headDim = config.optionalPositiveInt("head_dim", hidden / heads);
    int chunk = config.optionalNonNegativeInt("attention_chunk_size", 0);
    int step = config.optionalPositiveInt("interleave_moe_layer_step", 1);
    int experts = config.positiveInt("num_local_experts");
    int topK = config.positiveInt("num_experts_per_tok");
    config.requireAtMost("num_experts_per_tok", topK, "num_local_experts", experts);
    int expertIntermediate = config.positiveInt("intermediate_size");
    MoeFfnBlock moe =
        moeFfn(hidden, experts, topK, expertIntermediate, 1, expertIntermediate, false, precisions);
    GqaAttentionBlock global = gqa(hidden, heads, kvHeads, headDim, 0, precisions);
    GqaAttentionBlock chunked = gqa(hidden, heads, kvHeads, headDim, chunk, precisions);
    Block dense = null;
    List<List<Block>> stack = new ArrayList<>();
    for (int layer = 0; layer < layers; layer++) {
      Block attention = (layer + 1) % LLAMA4_GLOBAL_LAYER_INTERVAL == 0 ? global : chunked;
      if ((layer + 1) % step == 0) {
        stack.add(List.of(attention, moe));
      } else {
        if (dense == null) {
          dense = denseFfn(hidden, config.positiveInt("intermediate_size_mlp"), precisions);
        }
        stack.add(List.of(attention, dense));
      }
    }
    return new Stack(stack, List.of());
  }

  /** {@return a gated dense FFN in the model's FFN precision} */
  private static DenseFfnBlock denseFfn(int hidden, int intermediate, Precisions precisions) {
    return new DenseFfnBlock(hidden, intermediate, true, precisions.feedForward(), ACTIVATIONS);
  }

  /**
   * {@return a gated MoE FFN without a latent projection, its routed experts in the experts'
   * precision, its shared experts in the FFN precision}
   */
  private static MoeFfnBlock moeFfn(
      int hidden,
      int experts,
      int topK,
      int expertIntermediate,
      int shared,
      int sharedIntermediate,
      boolean routerBias,
      Precisions precisions) {
    return new MoeFfnBlock(
        hidden,
        experts,
        topK,
        expertIntermediate,
        shared,
        sharedIntermediate,
        true,
        0,
        routerBias,
        precisions.experts(),
        precisions.feedForward(),
        ACTIVATIONS,
        DISPATCH);
  }

  private static GqaAttentionBlock gqa(
      int hidden, int heads, int kvHeads, int headDim, long window, Precisions precisions) {
    return new GqaAttentionBlock(
        hidden,
        heads,
        kvHeads,
        headDim,
        window,
        false,
        false,
        false,
        precisions.attention(),
        precisions.kvCache(),
        ACTIVATIONS);
  }

  private static Stack nemotronH(HuggingFaceConfig config, Precisions precisions) {
    int hidden = config.positiveInt("hidden_size");
    // Older configs give "hybrid_override_pattern" (M, *, E, -); newer ones "layers_block_type"
    // (mamba, attention, moe, mlp) and leave num_hidden_layers null.
    String pattern =
        config.has("hybrid_override_pattern")
            ? config.requiredString("hybrid_override_pattern")
            : nemotronPattern(config, "layers_block_type");
    int layers = config.has("num_hidden_layers") ? config.positiveInt("num_hidden_layers") : 0;
    if (pattern.isEmpty()) {
      throw new AfdConfigurationException(
          config.file() + ": missing required field 'hybrid_override_pattern'");
    }
    if (layers != 0 && pattern.length() != layers) {
      throw config.invalid(
          "hybrid_override_pattern", layers + " characters long (num_hidden_layers)", pattern);
    }
    Map<Character, Block> blocks = new LinkedHashMap<>();
    List<List<Block>> stack = new ArrayList<>();
    for (int index = 0; index < pattern.length(); index++) {
      stack.add(List.of(nemotronBlock(config, precisions, hidden, pattern.charAt(index), blocks)));
    }
    List<List<Block>> mtp = new ArrayList<>();
    String mtpPattern =
        config.has("mtp_hybrid_override_pattern")
            ? config.requiredString("mtp_hybrid_override_pattern")
            : nemotronPattern(config, "mtp_layers_block_type");
    for (int index = 0;
        index < config.optionalNonNegativeInt("num_nextn_predict_layers", 0);
        index++) {
      List<Block> layer = new ArrayList<>();
      for (char symbol : mtpPattern.toCharArray()) {
        layer.add(nemotronBlock(config, precisions, hidden, symbol, blocks));
      }
      if (!layer.isEmpty()) {
        mtp.add(List.copyOf(layer));
      }
    }
    return new Stack(stack, mtp);
  }

  private static String nemotronPattern(HuggingFaceConfig config, String field) {
    StringBuilder pattern = new StringBuilder();
    for (String type : config.optionalStrings(field)) {
      pattern.append(
          switch (type) {
            case "mamba" -> 'M';
            case "attention" -> '*';
            case "moe" -> 'E';
            case "mlp" -> '-';
            default ->
                throw config.invalid(field, "made of mamba, attention, moe and mlp entries", type);
          });
    }
    return pattern.toString();
  }

  private static Block nemotronBlock(
      HuggingFaceConfig config,
      Precisions precisions,
      int hidden,
      char symbol,
      Map<Character, Block> blocks) {
    Block known = blocks.get(symbol);
    if (known != null) {
      return known;
    }
    Block block =
        switch (symbol) {
          case 'M' ->
              new Mamba2MixerBlock(
                  hidden,
                  config.positiveInt("mamba_num_heads"),
                  config.positiveInt("mamba_head_dim"),
                  config.positiveInt("ssm_state_size"),
                  config.positiveInt("n_groups"),
                  config.positiveInt("conv_kernel"),
                  precisions.attention(),
                  ACTIVATIONS);
          case '*' -> {
            int heads = config.positiveInt("num_attention_heads");
            yield gqa(
                hidden,
                heads,
                config.optionalPositiveInt("num_key_value_heads", heads),
                config.optionalPositiveInt("head_dim", hidden / heads),
                0,
                precisions);
          }
          case '-' ->
              new DenseFfnBlock(
                  hidden,
                  config.positiveInt("intermediate_size"),
                  false,
                  precisions.feedForward(),
                  ACTIVATIONS);
          case 'E' -> {
            int experts = config.positiveInt("n_routed_experts");
            int topK = config.positiveInt("num_experts_per_tok");
            config.requireAtMost("num_experts_per_tok", topK, "n_routed_experts", experts);
            int shared = config.optionalNonNegativeInt("n_shared_experts", 0);
            yield new MoeFfnBlock(
                hidden,
                experts,
                topK,
                config.positiveInt("moe_intermediate_size"),
                shared,
                shared > 0 ? config.positiveInt("moe_shared_expert_intermediate_size") : 0,
                false,
                config.optionalNonNegativeInt("moe_latent_size", 0),
                true,
                precisions.experts(),
                precisions.feedForward(),
                ACTIVATIONS,
                DISPATCH);
          }
          default ->
              throw config.invalid(
                  "hybrid_override_pattern",
                  "made of 'M' (Mamba2), '*' (attention), 'E' (MoE) and '-' (MLP)",
                  String.valueOf(symbol));
        };
    blocks.put(symbol, block);
    return block;
  }

  /** Groups identical layers, in order of first appearance, named after their block kinds. */
  private static List<LayerGroup> group(List<List<Block>> layers) {
    Map<List<Block>, Integer> counts = new LinkedHashMap<>();
    for (List<Block> layer : layers) {
      counts.merge(layer, 1, Integer::sum);
    }
    List<LayerGroup> groups = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Map.Entry<List<Block>, Integer> entry : counts.entrySet()) {
      List<String> kinds = new ArrayList<>();
      for (Block block : entry.getKey()) {
        kinds.add(block.kind());
      }
      String base = String.join("+", kinds);
      String name = base;
      for (int suffix = 2; !names.add(name); suffix++) {
        name = base + "-" + suffix;
      }
      groups.add(new LayerGroup(name, entry.getValue(), entry.getKey()));
    }
    return groups;
  }
}
