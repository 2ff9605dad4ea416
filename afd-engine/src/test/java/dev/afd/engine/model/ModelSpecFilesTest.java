package dev.afd.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.model.MoeModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSpecFilesTest {
  @TempDir Path directory;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "deepseek-ai--DeepSeek-V3.2_config.json",
        "openai--gpt-oss-120b_config.json",
        "nvidia--NVIDIA-Nemotron-3-Super-120B-A12B-FP8_config.json",
        "meta-llama--Llama-4-Maverick-17B-128E-Instruct_config.json"
      })
  void roundTripsImportedModelsThroughJsonAndYaml(String configName) {
    Optional<Path> configs = SharedData.modelConfigs();
    assumeThat(configs).as("../shared/data/model-configs").isPresent();
    MoeModelSpec model =
        HuggingFaceConfigImporter.read(configs.orElseThrow().resolve(configName), "imported");
    for (String fileName : new String[] {"model.json", "model.yaml"}) {
      Path file = directory.resolve(fileName);
      ModelSpecFiles.write(model, file);
      MoeModelSpec read = ModelSpecFiles.read(file);
      assertThat(read).as(fileName).isEqualTo(model);
      assertThat(read.totalParameters()).isEqualTo(model.totalParameters());
    }
  }

  @Test
  void readsAHuggingFaceConfigDirectly() throws IOException {
    Path config =
        Files.writeString(
            directory.resolve("tiny--Llama-Tiny_config.json"),
            """
            {"architectures": ["LlamaForCausalLM"], "hidden_size": 64, "num_hidden_layers": 2,
             "vocab_size": 100, "max_position_embeddings": 2048, "num_attention_heads": 4,
             "intermediate_size": 128}
            """);
    MoeModelSpec model = ModelSpecFiles.read(config);
    assertThat(model.id()).isEqualTo("llama-tiny");
    assertThat(model.layerCount()).isEqualTo(2);
  }

  @Test
  void namesTheFieldOfAnInvalidSpec() throws IOException {
    Path file =
        Files.writeString(
            directory.resolve("bad.yaml"),
            """
            format: afd-model-spec/1
            model:
              id: bad
              name: bad
              source: test
              hiddenSize: 64
              maxContextTokens: 1024
              activationPrecision: bf17
              edges: []
              layers: []
              nextTokenPredictionLayers: []
            """);
    assertThatThrownBy(() -> ModelSpecFiles.read(file))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            file
                + ": invalid model spec at 'model.activationPrecision': Unknown precision 'bf17'."
                + " Known precisions: [bf16, fp16, fp32, fp8, fp8-block, int4, int8, mxfp4,"
                + " nvfp4]");
  }

  @Test
  void rejectsABlockWiderOrNarrowerThanItsModel() throws IOException {
    Path config =
        Files.writeString(
            directory.resolve("tiny--Llama-Tiny_config.json"),
            """
            {"architectures": ["LlamaForCausalLM"], "hidden_size": 64, "num_hidden_layers": 2,
             "vocab_size": 100, "max_position_embeddings": 2048, "num_attention_heads": 4,
             "intermediate_size": 128}
            """);
    Path file = directory.resolve("tiny.yaml");
    ModelSpecFiles.write(ModelSpecFiles.read(config), file);
    // The first block with hiddenSize 64 after the model's own: the embedding of the edges.
    String text = Files.readString(file);
    int model = text.indexOf("hiddenSize: 64");
    int block = text.indexOf("hiddenSize: 64", model + 1);
    Files.writeString(
        file, text.substring(0, block) + "hiddenSize: 96" + text.substring(block + 14));

    assertThatThrownBy(() -> ModelSpecFiles.read(file))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessageStartingWith(file + ": layer group '")
        .hasMessageEndingWith("has hiddenSize 96; expected the model's hiddenSize 64");
  }

  @Test
  void rejectsAnotherFormat() throws IOException {
    Path file = Files.writeString(directory.resolve("other.json"), "{\"format\": \"x\"}");
    assertThatThrownBy(() -> ModelSpecFiles.read(file))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessageStartingWith(file + ": invalid model spec at");
  }

  @Test
  void missingFile() {
    Path file = directory.resolve("absent.yaml");
    assertThatThrownBy(() -> ModelSpecFiles.read(file))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("model file " + file + " does not exist");
  }
}
