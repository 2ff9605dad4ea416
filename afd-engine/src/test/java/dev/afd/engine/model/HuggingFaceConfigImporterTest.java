package dev.afd.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.unit.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceConfigImporterTest {
  @TempDir Path directory;

  /** A small Mixtral-shaped config: 2 layers, 4 experts, top-2. */
  private static final String MIXTRAL =
      """
      {
        "architectures": ["MixtralForCausalLM"],
        "hidden_size": 64,
        "num_hidden_layers": 2,
        "vocab_size": 100,
        "max_position_embeddings": 4096,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "intermediate_size": 128,
        "num_local_experts": 4,
        "num_experts_per_tok": 2,
        "sliding_window": null,
        "tie_word_embeddings": false
      }
      """;

  private Path write(String name, String json) throws IOException {
    return Files.writeString(directory.resolve(name), json);
  }

  @Test
  void importsASmallMixtral() throws IOException {
    Path config = write("tiny--Mixtral_config.json", MIXTRAL);
    MoeModelSpec model = HuggingFaceConfigImporter.read(config, "tiny-mixtral");
    // per layer: attention q 64·64 + k,v 2·64·32 + o 64·64 + norm 64 = 12352;
    // MoE router 64·4 + norm 64 + experts 4·3·64·128 = 98624; edges 2·100·64 + final norm 64
    assertThat(model.totalParameters()).isEqualTo(2L * (12352 + 98624) + 12800 + 64);
    assertThat(model.name()).isEqualTo("tiny/Mixtral");
    assertThat(model.layers()).hasSize(1);
    assertThat(model.layers().get(0).count()).isEqualTo(2);
  }

  @Test
  void readsTheQuantizationConfigBesideTheConfig() throws IOException {
    Path config = write("tiny--Mixtral_config.json", MIXTRAL);
    write(
        "tiny--Mixtral_hf_quant_config.json",
        """
        {"quantization": {"quant_algo": "NVFP4", "kv_cache_quant_algo": "FP8"}}
        """);
    MoeModelSpec model = HuggingFaceConfigImporter.read(config, "tiny-mixtral");
    MoeFfnBlock moe = (MoeFfnBlock) model.layers().get(0).blocks().get(1);
    assertThat(moe.expertWeightPrecision()).isEqualTo(Precision.NVFP4);
    // KV cache: 2 layers · 2·2·16 elements · 1 byte
    assertThat(model.kvBytesPerToken()).isEqualTo(2.0 * 2 * 2 * 16);
  }

  @Test
  void missingField() throws IOException {
    Path config = write("config.json", MIXTRAL.replace("\"hidden_size\": 64,", ""));
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(config + ": missing required field 'hidden_size'");
  }

  @Test
  void negativeSize() throws IOException {
    Path config =
        write(
            "config.json",
            MIXTRAL.replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": -2"));
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(config + ": field 'num_hidden_layers' must be > 0, got '-2'");
  }

  @Test
  void topKAboveExperts() throws IOException {
    Path config =
        write(
            "config.json",
            MIXTRAL.replace("\"num_experts_per_tok\": 2", "\"num_experts_per_tok\": 9"));
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            config
                + ": field 'num_experts_per_tok' must be <= field 'num_local_experts' (4), got '9'");
  }

  @Test
  void wrongType() throws IOException {
    Path config =
        write("config.json", MIXTRAL.replace("\"hidden_size\": 64", "\"hidden_size\": \"large\""));
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(config + ": field 'hidden_size' must be an integer, got 'large'");
  }

  @Test
  void wrongTypeOfBoolean() throws IOException {
    Path config =
        write(
            "config.json",
            MIXTRAL.replace("\"tie_word_embeddings\": false", "\"tie_word_embeddings\": 3"));
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(config + ": field 'tie_word_embeddings' must be true or false, got '3'");
  }

  @Test
  void nestedFieldsAreNamedWithTheirPath() throws IOException {
    Path config =
        write(
            "config.json",
            """
            {"architectures": ["Llama4ForConditionalGeneration"],
             "text_config": {"hidden_size": 5120, "num_hidden_layers": 0}}
            """);
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(config + ": field 'text_config.num_hidden_layers' must be > 0, got '0'");
  }

  @Test
  void unsupportedArchitecture() throws IOException {
    Path config =
        write("config.json", MIXTRAL.replace("MixtralForCausalLM", "GemmaMysteryForCausalLM"));
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "unsupported architecture 'GemmaMysteryForCausalLM' in "
                + config
                + "; supported: [DeepseekV32ForCausalLM, DeepseekV3ForCausalLM,"
                + " GlmMoeDsaForCausalLM, GptOssForCausalLM, Llama4ForConditionalGeneration,"
                + " LlamaForCausalLM, MiniMaxM2ForCausalLM, MixtralForCausalLM,"
                + " NemotronHForCausalLM, Qwen3ForCausalLM, Qwen3MoeForCausalLM,"
                + " Step3p7FlashForCausalLM]");
  }

  @Test
  void missingArchitectures() throws IOException {
    Path config = write("config.json", "{\"hidden_size\": 64}");
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(config + ": missing required field 'architectures'");
  }

  @Test
  void notJson() throws IOException {
    Path config = write("config.json", "[1, 2]");
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(config + ": expected a JSON object");
  }

  @Test
  void defaultIds() {
    assertThat(HuggingFaceConfigImporter.defaultId(Path.of("deepseek-ai--DeepSeek-V3_config.json")))
        .isEqualTo("deepseek-v3");
    assertThat(
            HuggingFaceConfigImporter.defaultId(Path.of("deepseek-ai--DeepSeek-V3.2_config.json")))
        .isEqualTo("deepseek-v3.2");
    assertThat(HuggingFaceConfigImporter.defaultId(Path.of("models/Qwen3-32B/config.json")))
        .isEqualTo("qwen3-32b");
    // Any other file name names the model, not its directory.
    assertThat(HuggingFaceConfigImporter.defaultId(Path.of("models/Qwen3-32B/qwen.json")))
        .isEqualTo("qwen");
  }

  @Test
  void unknownCheckpointDtype() throws IOException {
    Path config =
        write(
            "config.json",
            MIXTRAL.replace(
                "\"vocab_size\": 100,", "\"vocab_size\": 100, \"torch_dtype\": \"float13\","));
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            config
                + ": field 'torch_dtype' must be one of [bfloat16, float16, float32,"
                + " float8_e4m3fn], got 'float13'");
  }

  @Test
  void denseOnlyLayerOutsideTheModel() throws IOException {
    Path config =
        write(
            "config.json",
            MIXTRAL.replace(
                "\"vocab_size\": 100,", "\"vocab_size\": 100, \"mlp_only_layers\": [0, 5],"));
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            config
                + ": field 'mlp_only_layers' must be layer indexes from 0 to 1"
                + " (num_hidden_layers − 1), got '5'");
  }

  @Test
  void everyLayerDenseIsNotAnMoeModel() throws IOException {
    Path config =
        write(
            "config.json",
            MIXTRAL.replace(
                "\"vocab_size\": 100,", "\"vocab_size\": 100, \"first_k_dense_replace\": 2,"));
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            config
                + ": field 'first_k_dense_replace' must be < field 'num_hidden_layers' (2),"
                + " got '2'");
  }

  @Test
  void aModelConfigGivenAsTheQuantizationConfig() throws IOException {
    Path config = write("tiny--Mixtral_config.json", MIXTRAL);
    Path notQuant = write("other_config.json", MIXTRAL);
    assertThatThrownBy(() -> HuggingFaceConfigImporter.read(config, notQuant, "tiny"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            notQuant
                + ": not a quantization config: expected an hf_quant_config.json with a"
                + " 'quantization' object (or 'quant_algo'), got fields [architectures,"
                + " hidden_size, intermediate_size, max_position_embeddings, num_attention_heads,"
                + " num_experts_per_tok, num_hidden_layers, num_key_value_heads]");
  }
}
