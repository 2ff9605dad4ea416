package dev.afd.plugin.models.qwen;

import static dev.afd.plugin.models.internal.Catalog.model;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;

/**
 * Qwen3-235B-A22B, Qwen3-30B-A3B, Qwen3-Coder-480B-A35B (MoE) and Qwen3-32B (dense), BF16.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class QwenModelProvider implements ModelProvider {

  /** Creates the provider. */
  public QwenModelProvider() {}

  @Override
  public String id() {
    return "qwen";
  }

  @Override
  public String description() {
    return "Qwen3-235B-A22B, Qwen3-30B-A3B, Qwen3-Coder-480B-A35B (MoE) and Qwen3-32B (dense), BF16.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(
        // Qwen/Qwen3-235B-A22B config.json
        moe(
            "qwen3-235b-a22b",
            "Qwen3-235B-A22B",
            "Qwen/Qwen3-235B-A22B",
            4096,
            94,
            64,
            4,
            12288,
            1536,
            128,
            40960),
        // Qwen/Qwen3-30B-A3B config.json
        moe(
            "qwen3-30b-a3b",
            "Qwen3-30B-A3B",
            "Qwen/Qwen3-30B-A3B",
            2048,
            48,
            32,
            4,
            6144,
            768,
            128,
            40960),
        // Qwen/Qwen3-Coder-480B-A35B-Instruct config.json
        moe(
            "qwen3-coder-480b-a35b",
            "Qwen3-Coder-480B-A35B",
            "Qwen/Qwen3-Coder-480B-A35B-Instruct",
            6144,
            62,
            96,
            8,
            8192,
            2560,
            160,
            262144),
        // Qwen/Qwen3-32B config.json
        model(
            "qwen3-32b",
            "Qwen3-32B",
            "Qwen/Qwen3-32B",
            "architectures",
            List.of("Qwen3ForCausalLM"),
            "hidden_size",
            5120,
            "num_hidden_layers",
            64,
            "vocab_size",
            151936,
            "max_position_embeddings",
            40960,
            "num_attention_heads",
            64,
            "num_key_value_heads",
            8,
            "head_dim",
            128,
            "intermediate_size",
            25600,
            "use_sliding_window",
            false,
            "tie_word_embeddings",
            false));
  }

  private static MoeModelSpec moe(
      String id,
      String name,
      String huggingFaceId,
      int hidden,
      int layers,
      int heads,
      int kvHeads,
      int intermediate,
      int expertIntermediate,
      int experts,
      int context) {
    return model(
        id,
        name,
        huggingFaceId,
        "architectures",
        List.of("Qwen3MoeForCausalLM"),
        "hidden_size",
        hidden,
        "num_hidden_layers",
        layers,
        "vocab_size",
        151936,
        "max_position_embeddings",
        context,
        "num_attention_heads",
        heads,
        "num_key_value_heads",
        kvHeads,
        "head_dim",
        128,
        "intermediate_size",
        intermediate,
        "moe_intermediate_size",
        expertIntermediate,
        "num_experts",
        experts,
        "num_experts_per_tok",
        8,
        "decoder_sparse_step",
        1,
        "mlp_only_layers",
        List.of(),
        "use_sliding_window",
        false,
        "tie_word_embeddings",
        false);
  }
}
