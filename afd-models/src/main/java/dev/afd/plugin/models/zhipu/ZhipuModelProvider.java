package dev.afd.plugin.models.zhipu;

import static dev.afd.plugin.models.internal.Catalog.derived;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.plugin.models.internal.DeepSeekV3Configs;
import dev.afd.spi.ModelProvider;
import java.util.List;

/**
 * GLM-5 (MLA with DeepSeek sparse attention, 256-expert MoE) in Z.ai's FP8 block format.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class ZhipuModelProvider implements ModelProvider {

  /** Creates the provider. */
  public ZhipuModelProvider() {}

  @Override
  public String id() {
    return "zhipu";
  }

  @Override
  public String description() {
    return "GLM-5 (MLA with DeepSeek sparse attention, 256-expert MoE) in Z.ai's FP8 block format.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(glm5());
  }

  /** zai-org/GLM-5-FP8 config.json (GlmMoeDsaForCausalLM): DeepSeek-V3.2's fields but for these. */
  private static MoeModelSpec glm5() {
    return derived(
        "glm-5",
        "GLM-5",
        "zai-org/GLM-5-FP8",
        DeepSeekV3Configs.V3_2,
        "architectures",
        List.of("GlmMoeDsaForCausalLM"),
        "hidden_size",
        6144,
        "num_hidden_layers",
        78,
        "vocab_size",
        154880,
        "max_position_embeddings",
        202752,
        "num_attention_heads",
        64,
        "q_lora_rank",
        2048,
        "qk_nope_head_dim",
        192,
        "v_head_dim",
        256,
        "index_n_heads",
        32,
        "intermediate_size",
        12288);
  }
}
