package dev.afd.plugin.models.moonshot;

import static dev.afd.plugin.models.internal.Catalog.derived;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.plugin.models.internal.DeepSeekV3Configs;
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

  /**
   * moonshotai/Kimi-K2-Instruct config.json ({@code DeepseekV3ForCausalLM}, model_type kimi_k2):
   * DeepSeek-V3's fields but for these.
   */
  private static MoeModelSpec kimiK2() {
    return derived(
        "kimi-k2",
        "Kimi-K2",
        "moonshotai/Kimi-K2-Instruct",
        DeepSeekV3Configs.V3,
        "vocab_size",
        163840,
        "max_position_embeddings",
        131072,
        "num_attention_heads",
        64,
        "n_routed_experts",
        384,
        "first_k_dense_replace",
        1,
        "num_nextn_predict_layers",
        0);
  }
}
