package dev.afd.plugin.models.moonshot;

import static dev.afd.plugin.models.internal.Catalog.FP8_BLOCK_QUANTIZATION;
import static dev.afd.plugin.models.internal.Catalog.model;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;

/**
 * Kimi-K2 (MLA, 384-expert MoE) in Moonshot's FP8 block format.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class MoonshotModelProvider implements ModelProvider {

  /** Creates the provider. */
  public MoonshotModelProvider() {}

  @Override
  public String id() {
    return "moonshot";
  }

  @Override
  public String description() {
    return "Kimi-K2 (MLA, 384-expert MoE) in Moonshot's FP8 block format.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(kimiK2());
  }

  /** moonshotai/Kimi-K2-Instruct config.json (DeepseekV3ForCausalLM, model_type kimi_k2). */
  private static MoeModelSpec kimiK2() {
    return model(
        "kimi-k2",
        "Kimi-K2",
        "moonshotai/Kimi-K2-Instruct",
        "architectures",
        List.of("DeepseekV3ForCausalLM"),
        "hidden_size",
        7168,
        "num_hidden_layers",
        61,
        "vocab_size",
        163840,
        "max_position_embeddings",
        131072,
        "num_attention_heads",
        64,
        "q_lora_rank",
        1536,
        "kv_lora_rank",
        512,
        "qk_nope_head_dim",
        128,
        "qk_rope_head_dim",
        64,
        "v_head_dim",
        128,
        "intermediate_size",
        18432,
        "moe_intermediate_size",
        2048,
        "n_routed_experts",
        384,
        "num_experts_per_tok",
        8,
        "n_shared_experts",
        1,
        "first_k_dense_replace",
        1,
        "moe_layer_freq",
        1,
        "topk_method",
        "noaux_tc",
        "num_nextn_predict_layers",
        0,
        "tie_word_embeddings",
        false,
        "quantization_config",
        FP8_BLOCK_QUANTIZATION);
  }
}
