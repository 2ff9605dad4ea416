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
}
