package dev.afd.plugin.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.engine.model.HuggingFaceConfigImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Importing the config behind each catalog entry reproduces the entry exactly. */
class CatalogImportTest {

  static Optional<Path> modelConfigs() {
    for (Path directory = Path.of("").toAbsolutePath();
        directory != null;
        directory = directory.getParent()) {
      Path candidate = directory.resolve("../shared/data/model-configs").normalize();
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @ParameterizedTest(name = "{0} from {1}")
  @CsvSource({
    "deepseek-v3, deepseek-ai--DeepSeek-V3_config.json",
    "deepseek-r1, deepseek-ai--DeepSeek-R1_config.json",
    "deepseek-v3.2, deepseek-ai--DeepSeek-V3.2_config.json",
    "kimi-k2, moonshotai--Kimi-K2-Instruct_config.json",
    "qwen3-235b-a22b, Qwen--Qwen3-235B-A22B_config.json",
    "qwen3-30b-a3b, Qwen--Qwen3-30B-A3B_config.json",
    "qwen3-coder-480b-a35b, Qwen--Qwen3-Coder-480B-A35B-Instruct_config.json",
    "gpt-oss-120b, openai--gpt-oss-120b_config.json",
    "gpt-oss-20b, openai--gpt-oss-20b_config.json",
    "mixtral-8x7b, mistralai--Mixtral-8x7B-v0.1_config.json",
    "mixtral-8x22b, mistralai--Mixtral-8x22B-v0.1_config.json",
    "llama-4-maverick, meta-llama--Llama-4-Maverick-17B-128E-Instruct_config.json",
    "llama-4-scout, meta-llama--Llama-4-Scout-17B-16E-Instruct_config.json",
    "glm-5, zai-org--GLM-5-FP8_config.json",
    "minimax-m2.5, MiniMaxAI--MiniMax-M2.5_config.json",
    "nemotron-3-super-120b-a12b, nvidia--NVIDIA-Nemotron-3-Super-120B-A12B-FP8_config.json",
    "step-3.7-flash, stepfun-ai--Step-3.7-Flash_config.json",
    "qwen3-32b, Qwen--Qwen3-32B_config.json",
    "llama-3.1-70b, meta-llama--Meta-Llama-3.1-70B_config.json",
    "llama-3.1-8b, meta-llama--Meta-Llama-3.1-8B_config.json"
  })
  void importReproducesTheEntry(String id, String configFile) {
    Optional<Path> configs = modelConfigs();
    assumeThat(configs).as("../shared/data/model-configs").isPresent();
    MoeModelSpec entry = CatalogParameterCountTest.catalog().get(id);
    MoeModelSpec imported =
        HuggingFaceConfigImporter.read(configs.orElseThrow().resolve(configFile), id);
    assertThat(imported.totalParameters()).as("total").isEqualTo(entry.totalParameters());
    assertThat(imported.activeParameters()).as("active").isEqualTo(entry.activeParameters());
    assertThat(imported.nextTokenPredictionParameters())
        .as("MTP")
        .isEqualTo(entry.nextTokenPredictionParameters());
    assertThat(imported.kvBytesPerToken()).as("KV").isEqualTo(entry.kvBytesPerToken());
    // same blocks, precisions included
    assertThat(imported.layers()).isEqualTo(entry.layers());
    assertThat(imported.edges()).isEqualTo(entry.edges());
  }
}
