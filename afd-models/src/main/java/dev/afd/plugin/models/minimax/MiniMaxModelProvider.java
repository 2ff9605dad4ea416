package dev.afd.plugin.models.minimax;

import static dev.afd.plugin.models.internal.Catalog.FP8_BLOCK_QUANTIZATION;
import static dev.afd.plugin.models.internal.Catalog.model;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;

/**
 * MiniMax-M2.5 (GQA, 256-expert MoE) in MiniMax's FP8 block format.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class MiniMaxModelProvider implements ModelProvider {

  /** Creates the provider. */
  public MiniMaxModelProvider() {}

  @Override
  public String id() {
    return "minimax";
  }

  @Override
  public String description() {
    return "MiniMax-M2.5 (GQA, 256-expert MoE) in MiniMax's FP8 block format.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(m25());
  }

  /** MiniMaxAI/MiniMax-M2.5 config.json (MiniMaxM2ForCausalLM). */
  private static MoeModelSpec m25() {
    return model(
        "minimax-m2.5",
        "MiniMax-M2.5",
        "MiniMaxAI/MiniMax-M2.5",
        "architectures",
        List.of("MiniMaxM2ForCausalLM"),
        "hidden_size",
        3072,
        "num_hidden_layers",
        62,
        "vocab_size",
        200064,
        "max_position_embeddings",
        196608,
        "num_attention_heads",
        48,
        "num_key_value_heads",
        8,
        "head_dim",
        128,
        "use_qk_norm",
        true,
        "intermediate_size",
        1536,
        "num_local_experts",
        256,
        "num_experts_per_tok",
        8,
        "shared_intermediate_size",
        0,
        "use_routing_bias",
        true,
        "use_mtp",
        true,
        "num_mtp_modules",
        3,
        "tie_word_embeddings",
        false,
        "quantization_config",
        FP8_BLOCK_QUANTIZATION);
  }
}
