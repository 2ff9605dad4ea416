package dev.afd.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.afd.api.model.MoeModelSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelDescriptionTest {
  @Test
  void describesDeepSeekV3() throws Exception {
    Optional<Path> configs = SharedData.modelConfigs();
    assumeThat(configs).as("../shared/data/model-configs").isPresent();
    MoeModelSpec model =
        HuggingFaceConfigImporter.read(
            configs.orElseThrow().resolve("deepseek-ai--DeepSeek-V3_config.json"), "deepseek-v3");
    JsonNode json = new ObjectMapper().readTree(ModelDescription.json(model));
    assertThat(json.get("totalParameters").asLong()).isEqualTo(model.totalParameters());
    assertThat(json.get("activeParameters").asLong()).isEqualTo(model.activeParameters());
    // 61 layers × 576 latent elements × 2 bytes (BF16 KV cache)
    assertThat(json.get("kvCacheBytesPerToken").asDouble()).isEqualTo(61.0 * 576 * 2);
    assertThat(json.get("kvCachePrecisions").get(0).asText()).isEqualTo("bf16");
    assertThat(json.get("weightsByComponent").get("moe").get("weightPrecisions").get(0).asText())
        .isEqualTo("fp8-block");
    assertThat(json.get("layers").get(0).get("name").asText()).isEqualTo("mla+dense-ffn");
    assertThat(json.get("layers").get(1).get("count").asInt()).isEqualTo(58);
    assertThat(json.get("nextTokenPredictionLayers").size()).isEqualTo(1);
  }
}
