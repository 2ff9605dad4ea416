package dev.afd.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportAllConfigsCheckTest {
  @Test
  void everyConfigImportsOrIsAnUnsupportedArchitecture() {
    Optional<Path> configs = SharedData.modelConfigs();
    assumeThat(configs).as("../shared/data/model-configs").isPresent();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    List<ImportAllConfigsCheck.Outcome> outcomes =
        ImportAllConfigsCheck.run(
            configs.orElseThrow(), new PrintStream(buffer, true, StandardCharsets.UTF_8));
    assertThat(outcomes).isNotEmpty();
    for (ImportAllConfigsCheck.Outcome outcome : outcomes) {
      if (!outcome.imported()) {
        assertThat(outcome.detail())
            .as(outcome.file())
            .startsWith("unsupported architecture '")
            .contains("; supported: [");
      }
    }
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("tally: ");
  }

  @Test
  void everyImportedModelHasNoMoreActiveThanTotalParameters() throws Exception {
    Optional<Path> configs = SharedData.modelConfigs();
    assumeThat(configs).as("../shared/data/model-configs").isPresent();
    try (var files = java.nio.file.Files.list(configs.orElseThrow())) {
      for (Path file :
          files.filter(path -> path.toString().endsWith("_config.json")).sorted().toList()) {
        if (file.getFileName().toString().contains("hf_quant")) {
          continue;
        }
        dev.afd.api.model.MoeModelSpec model;
        try {
          model = HuggingFaceConfigImporter.read(file, "checked");
        } catch (dev.afd.api.AfdConfigurationException unsupported) {
          continue;
        }
        // Tied embeddings count once: a tied head must not push active above total.
        assertThat(model.activeParameters())
            .as(file.getFileName().toString())
            .isPositive()
            .isLessThanOrEqualTo(model.totalParameters());
      }
    }
  }
}
