package dev.afd.plugin.models.openai;

import static dev.afd.plugin.models.internal.Catalog.model;
import static dev.afd.plugin.models.internal.Catalog.repeating;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;
import java.util.Map;

/**
 * gpt-oss-120b and gpt-oss-20b: alternating window-128 and full GQA with sinks, MXFP4 experts.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class OpenAiModelProvider implements ModelProvider {

  /** Creates the provider. */
  public OpenAiModelProvider() {}

  @Override
  public String id() {
    return "openai";
  }

  @Override
  public String description() {
    return "gpt-oss-120b and gpt-oss-20b: alternating window-128 and full GQA with sinks, MXFP4 experts.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(
        // openai/gpt-oss-120b config.json
        gptOss("gpt-oss-120b", "gpt-oss-120b", "openai/gpt-oss-120b", 36, 128),
        // openai/gpt-oss-20b config.json
        gptOss("gpt-oss-20b", "gpt-oss-20b", "openai/gpt-oss-20b", 24, 32));
  }

  private static MoeModelSpec gptOss(
      String id, String name, String huggingFaceId, int layers, int experts) {
    return model(
        id,
        name,
        huggingFaceId,
        "architectures",
        List.of("GptOssForCausalLM"),
        "hidden_size",
        2880,
        "num_hidden_layers",
        layers,
        "vocab_size",
        201088,
        "max_position_embeddings",
        131072,
        "num_attention_heads",
        64,
        "num_key_value_heads",
        8,
        "head_dim",
        64,
        "attention_bias",
        true,
        "layer_types",
        repeating(layers, "sliding_attention", "full_attention"),
        "sliding_window",
        128,
        "intermediate_size",
        2880,
        "num_local_experts",
        experts,
        "num_experts_per_tok",
        4,
        "tie_word_embeddings",
        false,
        "quantization_config",
        Map.of("quant_method", "mxfp4"));
  }
}
