package dev.afd.plugin.models.stepfun;

import static dev.afd.plugin.models.internal.Catalog.model;
import static dev.afd.plugin.models.internal.Catalog.repeating;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;

/**
 * Step-3.7-Flash (sliding-window/global GQA 3:1, 288-expert MoE), BF16.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class StepFunModelProvider implements ModelProvider {

  /** Creates the provider. */
  public StepFunModelProvider() {}

  @Override
  public String id() {
    return "stepfun";
  }

  @Override
  public String description() {
    return "Step-3.7-Flash (sliding-window/global GQA 3:1, 288-expert MoE), BF16.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(step37Flash());
  }

  /** stepfun-ai/Step-3.7-Flash config.json (Step3p7FlashForCausalLM). */
  private static MoeModelSpec step37Flash() {
    return model(
        "step-3.7-flash",
        "Step-3.7-Flash",
        "stepfun-ai/Step-3.7-Flash",
        "architectures",
        List.of("Step3p7FlashForCausalLM"),
        "hidden_size",
        4096,
        "num_hidden_layers",
        45,
        "vocab_size",
        128896,
        "max_position_embeddings",
        65536,
        "num_attention_heads",
        64,
        "num_key_value_heads",
        8,
        "head_dim",
        128,
        "sliding_window",
        512,
        "layer_types",
        repeating(
            45, "full_attention", "sliding_attention", "sliding_attention", "sliding_attention"),
        "intermediate_size",
        11264,
        "first_k_dense_replace",
        3,
        "num_experts",
        288,
        "num_experts_per_tok",
        8,
        "moe_intermediate_size",
        1280,
        "share_expert_dim",
        1280,
        "n_shared_experts",
        1,
        "use_moe_router_bias",
        true,
        "num_nextn_predict_layers",
        3);
  }
}
