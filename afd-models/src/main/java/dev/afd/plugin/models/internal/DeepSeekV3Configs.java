package dev.afd.plugin.models.internal;

import static dev.afd.plugin.models.internal.Catalog.FP8_BLOCK_QUANTIZATION;
import static dev.afd.plugin.models.internal.Catalog.changed;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code config.json} fields of DeepSeek-V3 and DeepSeek-V3.2, which later models keep and
 * change in a few fields: Kimi-K2 ships as {@code DeepseekV3ForCausalLM}, GLM-5 keeps V3.2's MLA
 * with sparse attention at other sizes.
 */
public final class DeepSeekV3Configs {
  private DeepSeekV3Configs() {}

  /** deepseek-ai/DeepSeek-V3 config.json (DeepSeek-R1's is the same architecture). */
  public static final Map<String, @Nullable Object> V3 =
      changed(
          Map.of(),
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

  /** deepseek-ai/DeepSeek-V3.2 config.json: V3 plus the lightning indexer. */
  public static final Map<String, @Nullable Object> V3_2 =
      changed(
          V3,
          "architectures",
          List.of("DeepseekV32ForCausalLM"),
          "index_n_heads",
          64,
          "index_head_dim",
          128,
          "index_topk",
          2048);
}
