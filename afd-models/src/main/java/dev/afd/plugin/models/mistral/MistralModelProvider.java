package dev.afd.plugin.models.mistral;

import static dev.afd.plugin.models.internal.Catalog.gqa;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.plugin.models.internal.Catalog.GqaDims;
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
            new GqaDims(4096, 32, 32000, 32768, 32, 8, 14336)),
        // mistralai/Mixtral-8x22B-v0.1 config.json
        mixtral(
            "mixtral-8x22b",
            "Mixtral-8x22B",
            "mistralai/Mixtral-8x22B-v0.1",
            new GqaDims(6144, 56, 32000, 65536, 48, 8, 16384)));
  }

  private static MoeModelSpec mixtral(String id, String name, String huggingFaceId, GqaDims dims) {
    return gqa(
        id,
        name,
        huggingFaceId,
        "MixtralForCausalLM",
        dims,
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
