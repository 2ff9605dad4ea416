package dev.afd.plugin.models.qwen;

import static dev.afd.plugin.models.internal.Catalog.gqa;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.plugin.models.internal.Catalog.GqaDims;
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
            new GqaDims(4096, 94, 151936, 40960, 64, 4, 12288),
            1536,
            128),
        // Qwen/Qwen3-30B-A3B config.json
        moe(
            "qwen3-30b-a3b",
            "Qwen3-30B-A3B",
            "Qwen/Qwen3-30B-A3B",
            new GqaDims(2048, 48, 151936, 40960, 32, 4, 6144),
            768,
            128),
        // Qwen/Qwen3-Coder-480B-A35B-Instruct config.json
        moe(
            "qwen3-coder-480b-a35b",
            "Qwen3-Coder-480B-A35B",
            "Qwen/Qwen3-Coder-480B-A35B-Instruct",
            new GqaDims(6144, 62, 151936, 262144, 96, 8, 8192),
            2560,
            160),
        // Qwen/Qwen3-32B config.json
        gqa(
            "qwen3-32b",
            "Qwen3-32B",
            "Qwen/Qwen3-32B",
            "Qwen3ForCausalLM",
            new GqaDims(5120, 64, 151936, 40960, 64, 8, 25600),
            "head_dim",
            128,
            "use_sliding_window",
            false,
            "tie_word_embeddings",
            false));
  }

  private static MoeModelSpec moe(
      String id,
      String name,
      String huggingFaceId,
      GqaDims dims,
      int expertIntermediate,
      int experts) {
    return gqa(
        id,
        name,
        huggingFaceId,
        "Qwen3MoeForCausalLM",
        dims,
        "head_dim",
        128,
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
