package dev.afd.plugin.models.mistral;

import static dev.afd.plugin.models.internal.Catalog.model;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;

/**
 * Mixtral-8x7B and Mixtral-8x22B (8 experts, top-2), BF16.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class MistralModelProvider implements ModelProvider {

  /** Creates the provider. */
  public MistralModelProvider() {}

  @Override
  public String id() {
    return "mistral";
  }

  @Override
  public String description() {
    return "Mixtral-8x7B and Mixtral-8x22B (8 experts, top-2), BF16.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(
        // mistralai/Mixtral-8x7B-v0.1 config.json
        mixtral(
            "mixtral-8x7b",
            "Mixtral-8x7B",
            "mistralai/Mixtral-8x7B-v0.1",
            4096,
            32,
            32,
            14336,
            32768),
        // mistralai/Mixtral-8x22B-v0.1 config.json
        mixtral(
            "mixtral-8x22b",
            "Mixtral-8x22B",
            "mistralai/Mixtral-8x22B-v0.1",
            6144,
            56,
            48,
            16384,
            65536));
  }

  private static MoeModelSpec mixtral(
      String id,
      String name,
      String huggingFaceId,
      int hidden,
      int layers,
      int heads,
      int intermediate,
      int context) {
    return model(
        id,
        name,
        huggingFaceId,
        "architectures",
        List.of("MixtralForCausalLM"),
        "hidden_size",
        hidden,
        "num_hidden_layers",
        layers,
        "vocab_size",
        32000,
        "max_position_embeddings",
        context,
        "num_attention_heads",
        heads,
        "num_key_value_heads",
        8,
        "intermediate_size",
        intermediate,
        "num_local_experts",
        8,
        "num_experts_per_tok",
        2,
        "sliding_window",
        null,
        "tie_word_embeddings",
        false);
  }
}
