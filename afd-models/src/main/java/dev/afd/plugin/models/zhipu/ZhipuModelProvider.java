package dev.afd.plugin.models.zhipu;

import static dev.afd.plugin.models.internal.Catalog.FP8_BLOCK_QUANTIZATION;
import static dev.afd.plugin.models.internal.Catalog.model;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;

/**
 * GLM-5 (MLA with DeepSeek sparse attention, 256-expert MoE) in Z.ai's FP8 block format.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class ZhipuModelProvider implements ModelProvider {

  /** Creates the provider. */
  public ZhipuModelProvider() {}

  @Override
  public String id() {
    return "zhipu";
  }

  @Override
  public String description() {
    return "GLM-5 (MLA with DeepSeek sparse attention, 256-expert MoE) in Z.ai's FP8 block format.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(glm5());
  }

  /** zai-org/GLM-5-FP8 config.json (GlmMoeDsaForCausalLM). */
  private static MoeModelSpec glm5() {
    return model(
        "glm-5",
        "GLM-5",
        "zai-org/GLM-5-FP8",
        "architectures",
        List.of("GlmMoeDsaForCausalLM"),
        "hidden_size",
        6144,
        "num_hidden_layers",
        78,
        "vocab_size",
        154880,
        "max_position_embeddings",
        202752,
        "num_attention_heads",
        64,
        "q_lora_rank",
        2048,
        "kv_lora_rank",
        512,
        "qk_nope_head_dim",
        192,
        "qk_rope_head_dim",
        64,
        "v_head_dim",
        256,
        "index_n_heads",
        32,
        "index_head_dim",
        128,
        "index_topk",
        2048,
        "intermediate_size",
        12288,
        "moe_intermediate_size",
        2048,
        "n_routed_experts",
        256,
        "num_experts_per_tok",
        8,
        "n_shared_experts",
        1,
        "first_k_dense_replace",
        3,
        "moe_layer_freq",
        1,
        "topk_method",
        "noaux_tc",
        "num_nextn_predict_layers",
        1,
        "tie_word_embeddings",
        false,
        "quantization_config",
        FP8_BLOCK_QUANTIZATION);
  }
}
