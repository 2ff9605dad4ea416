package dev.afd.plugin.models.deepseek;

import static dev.afd.plugin.models.internal.Catalog.FP8_BLOCK_QUANTIZATION;
import static dev.afd.plugin.models.internal.Catalog.model;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;

/**
 * DeepSeek-V3, DeepSeek-R1 (same architecture) and DeepSeek-V3.2 (adds DeepSeek sparse attention),
 * in the FP8 block format DeepSeek publishes.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class DeepSeekModelProvider implements ModelProvider {

  /** Creates the provider. */
  public DeepSeekModelProvider() {}

  @Override
  public String id() {
    return "deepseek";
  }

  @Override
  public String description() {
    return "DeepSeek-V3, DeepSeek-R1 and DeepSeek-V3.2 (MLA, DSA, 256-expert MoE)";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(
        v3("deepseek-v3", "DeepSeek-V3", "deepseek-ai/DeepSeek-V3"),
        v3("deepseek-r1", "DeepSeek-R1", "deepseek-ai/DeepSeek-R1"),
        v32());
  }

  /** deepseek-ai/DeepSeek-V3 and deepseek-ai/DeepSeek-R1 config.json (identical architecture). */
  private static MoeModelSpec v3(String id, String name, String huggingFaceId) {
    return model(
        id,
        name,
        huggingFaceId,
        "architectures",
        List.of("DeepseekV3ForCausalLM"),
        "hidden_size",
        7168,
        "num_hidden_layers",
        61,
        "vocab_size",
        129280,
        "max_position_embeddings",
        163840,
        "num_attention_heads",
        128,
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

  /** deepseek-ai/DeepSeek-V3.2 config.json: V3 plus the lightning indexer. */
  private static MoeModelSpec v32() {
    return model(
        "deepseek-v3.2",
        "DeepSeek-V3.2",
        "deepseek-ai/DeepSeek-V3.2",
        "architectures",
        List.of("DeepseekV32ForCausalLM"),
        "hidden_size",
        7168,
        "num_hidden_layers",
        61,
        "vocab_size",
        129280,
        "max_position_embeddings",
        163840,
        "num_attention_heads",
        128,
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
        "index_n_heads",
        64,
        "index_head_dim",
        128,
        "index_topk",
        2048,
        "intermediate_size",
        18432,
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
