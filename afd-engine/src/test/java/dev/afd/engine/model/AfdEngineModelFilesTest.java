package dev.afd.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.spi.ModelProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AfdEngineModelFilesTest {
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
        "tie_word_embeddings": false
      }
      """;

  @TempDir Path directory;

  /** Provides one model, {@code tiny-builtin}, imported from the same config. */
  private final class TestingModelProvider implements ModelProvider {
    private final MoeModelSpec model;

    TestingModelProvider() throws IOException {
      model = HuggingFaceConfigImporter.read(write("builtin_config.json"), "tiny-builtin");
    }

    @Override
    public String id() {
      return "testing";
    }

    @Override
    public List<MoeModelSpec> models() {
      return List.of(model);
    }
  }

  private Path write(String name) throws IOException {
    return Files.writeString(directory.resolve(name), MIXTRAL);
  }

  @Test
  void modelsOfSpecFilesAndConfigsJoinTheDiscoveredModels() throws IOException {
    Path specFile = directory.resolve("spec.yaml");
    ModelSpecFiles.write(
        HuggingFaceConfigImporter.read(write("a_config.json"), "from-spec"), specFile);
    Path config = write("tiny--Mixtral_config.json");

    AfdEngine engine =
        AfdEngine.builder()
            .addModelProvider(new TestingModelProvider())
            .modelFiles(List.of(specFile, config))
            .build();

    assertThat(engine.models())
        .extracting(MoeModelSpec::id)
        .containsExactly("from-spec", "mixtral", "tiny-builtin");
    assertThat(engine.model("from-spec").totalParameters())
        .isEqualTo(engine.model("tiny-builtin").totalParameters());
    assertThat(engine.modelFiles()).containsExactly(specFile, config);
  }

  @Test
  void rejectsAModelFileThatReusesAKnownId() throws IOException {
    Path specFile = directory.resolve("spec.json");
    ModelSpecFiles.write(
        HuggingFaceConfigImporter.read(write("a_config.json"), "tiny-builtin"), specFile);

    assertThatThrownBy(
            () ->
                AfdEngine.builder()
                    .addModelProvider(new TestingModelProvider())
                    .modelFiles(List.of(specFile))
                    .build())
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "model file '"
                + specFile
                + "' defines model 'tiny-builtin', which is already a known model; give it another"
                + " id, for example with 'afd import-hf --id'");
  }

  @Test
  void rejectsAMissingModelFile() {
    Path missing = directory.resolve("missing.yaml");

    assertThatThrownBy(() -> AfdEngine.builder().modelFiles(List.of(missing)).build())
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("model file '" + missing + "' does not exist");
  }
}
