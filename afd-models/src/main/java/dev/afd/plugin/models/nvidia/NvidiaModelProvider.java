package dev.afd.plugin.models.nvidia;

import static dev.afd.plugin.models.internal.Catalog.model;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;
import java.util.Map;

/**
 * Nemotron-3-Super-120B-A12B (Mamba2/attention hybrid, latent MoE) in NVIDIA's FP8 checkpoint.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class NvidiaModelProvider implements ModelProvider {

  /** Creates the provider. */
  public NvidiaModelProvider() {}

  @Override
  public String id() {
    return "nvidia";
  }

  @Override
  public String description() {
    return "Nemotron-3-Super-120B-A12B (Mamba2/attention hybrid, latent MoE) in NVIDIA's FP8 checkpoint.";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(nemotron3Super());
  }

  /**
   * nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-FP8 config.json (NemotronHForCausalLM) with its
   * hf_quant_config.json ({@code quant_algo FP8}, {@code kv_cache_quant_algo FP8}).
   */
  private static MoeModelSpec nemotron3Super() {
    return model(
        "nemotron-3-super-120b-a12b",
        "Nemotron-3-Super-120B-A12B",
        "nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-FP8",
        "architectures",
        List.of("NemotronHForCausalLM"),
        "hidden_size",
        4096,
        "num_hidden_layers",
        88,
        "vocab_size",
        131072,
        "max_position_embeddings",
        262144,
        "hybrid_override_pattern",
        "MEMEMEM*EMEMEMEM*EMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEM*EMEMEMEME",
        "mamba_num_heads",
        128,
        "mamba_head_dim",
        64,
        "ssm_state_size",
        128,
        "n_groups",
        8,
        "conv_kernel",
        4,
        "num_attention_heads",
        32,
        "num_key_value_heads",
        2,
        "head_dim",
        128,
        "n_routed_experts",
        512,
        "num_experts_per_tok",
        22,
        "moe_intermediate_size",
        2688,
        "n_shared_experts",
        1,
        "moe_shared_expert_intermediate_size",
        5376,
        "moe_latent_size",
        1024,
        "num_nextn_predict_layers",
        1,
        "mtp_hybrid_override_pattern",
        "*E",
        "tie_word_embeddings",
        false,
        "quantization_config",
        Map.of("quant_algo", "FP8", "kv_cache_quant_algo", "FP8"));
  }
}
