package dev.afd.plugin.models.meta;

import static dev.afd.plugin.models.internal.Catalog.gqa;
import static dev.afd.plugin.models.internal.Catalog.model;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.plugin.models.internal.Catalog.GqaDims;
import dev.afd.spi.ModelProvider;
import java.util.List;
import java.util.Map;

/**
 * Llama-4 Maverick and Scout (MoE, chunked attention) and the dense Llama-3.1 70B and 8B, BF16.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class MetaModelProvider implements ModelProvider {

  /** Creates the provider. */
  public MetaModelProvider() {}

  @Override
  public String id() {
    return "meta";
  }

  @Override
  public String description() {
    return "Llama-4 Maverick and Scout (MoE, chunked attention) and the dense Llama-3.1 70B and 8B, BF16.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(
        // meta-llama/Llama-4-Maverick-17B-128E-Instruct config.json (text_config)
        llama4(
            "llama-4-maverick",
            "Llama-4-Maverick-17B-128E",
            "meta-llama/Llama-4-Maverick-17B-128E-Instruct",
            2,
            128,
            1048576),
        // meta-llama/Llama-4-Scout-17B-16E-Instruct config.json (text_config)
        llama4(
            "llama-4-scout",
            "Llama-4-Scout-17B-16E",
            "meta-llama/Llama-4-Scout-17B-16E-Instruct",
            1,
            16,
            10485760),
        // meta-llama/Meta-Llama-3.1-70B config.json
        llama3(
            "llama-3.1-70b",
            "Llama-3.1-70B",
            "meta-llama/Meta-Llama-3.1-70B",
            new GqaDims(8192, 80, 128256, 131072, 64, 8, 28672)),
        // meta-llama/Meta-Llama-3.1-8B config.json
        llama3(
            "llama-3.1-8b",
            "Llama-3.1-8B",
            "meta-llama/Meta-Llama-3.1-8B",
            new GqaDims(4096, 32, 128256, 131072, 32, 8, 14336)));
  }

  private static MoeModelSpec llama4(
      String id, String name, String huggingFaceId, int interleave, int experts, int context) {
    return model(
        id,
        name,
        huggingFaceId,
        "architectures",
        List.of("Llama4ForConditionalGeneration"),
        "text_config",
        Map.ofEntries(
            Map.entry("hidden_size", 5120),
            Map.entry("num_hidden_layers", 48),
            Map.entry("vocab_size", 202048),
            Map.entry("max_position_embeddings", context),
            Map.entry("num_attention_heads", 40),
            Map.entry("num_key_value_heads", 8),
            Map.entry("head_dim", 128),
            Map.entry("attention_chunk_size", 8192),
            Map.entry("interleave_moe_layer_step", interleave),
            Map.entry("intermediate_size", 8192),
            Map.entry("intermediate_size_mlp", 16384),
            Map.entry("num_local_experts", experts),
            Map.entry("num_experts_per_tok", 1)));
  }

  private static MoeModelSpec llama3(String id, String name, String huggingFaceId, GqaDims dims) {
    return gqa(id, name, huggingFaceId, "LlamaForCausalLM", dims, "tie_word_embeddings", false);
  }
}
