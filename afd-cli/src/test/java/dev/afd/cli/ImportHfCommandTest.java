package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportHfCommandTest {
  @TempDir Path directory;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(directory.resolve(name), text);
  }

  private JsonNode show(String id, Path modelFile) throws IOException {
    CommandResult result =
        CommandResult.run("--model-file", modelFile.toString(), "model", "show", id, "--json");
    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    return Json.mapper().readTree(result.out());
  }

  @Test
  void writesAModelFileThatModelFileLoads() throws IOException {
    Path config = write("tiny--Mixtral_config.json", ModelCommandTest.MIXTRAL);
    Path written = directory.resolve("models/tiny.yaml");

    CommandResult result =
        CommandResult.run(
            "import-hf", config.toString(), "--id", "tiny-moe", "--out", written.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    // total: 2 layers · (attention 12352 + MoE 98624) + embedding and LM head 2·100·64 + norm 64;
    // active: 2 layers · (12352 + router and norm 320 + 2 of 4 experts 2·3·64·128) + the same 12864
    assertThat(result.out())
        .isEqualTo(
            "Wrote model 'tiny-moe' (234816 total, 136512 active parameters, 256 KV bytes/token)"
                + " to "
                + written
                + "\n");
    assertThat(Files.readString(written)).startsWith("format: \"afd-model-spec/1\"");
    try (Stream<Path> files = Files.list(written.getParent())) {
      assertThat(files).containsExactly(written);
    }
    JsonNode fromFile = show("tiny-moe", written);
    JsonNode fromConfig = show("mixtral", config);
    assertThat(fromFile.get("totalParameters").asLong())
        .isEqualTo(2L * (12352 + 98624) + 12800 + 64)
        .isEqualTo(fromConfig.get("totalParameters").asLong());
    assertThat(fromFile.get("activeParameters")).isEqualTo(fromConfig.get("activeParameters"));
    assertThat(fromFile.get("kvCacheBytesPerToken"))
        .isEqualTo(fromConfig.get("kvCacheBytesPerToken"));
    assertThat(fromFile.get("layers")).isEqualTo(fromConfig.get("layers"));
  }

  @Test
  void exploreAcceptsTheImportedModel() throws IOException {
    Path config = write("tiny--Mixtral_config.json", ModelCommandTest.MIXTRAL);
    Path written = directory.resolve("tiny.yaml");
    CommandResult.run(
        "import-hf", config.toString(), "--id", "tiny-moe", "--out", written.toString());

    CommandResult result =
        CommandResult.run(
            "--model-file",
            written.toString(),
            "explore",
            "--model",
            "tiny-moe",
            "--system",
            "h200-nvl8",
            "--gpus",
            "1",
            "--strategies",
            "agg",
            "--json");

    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    assertThat(result.out()).contains("\"tiny-moe\"");
  }

  @Test
  void writesJsonUnlessTheFileEndsInYaml() throws IOException {
    Path config = write("tiny--Mixtral_config.json", ModelCommandTest.MIXTRAL);
    Path written = directory.resolve("tiny.json");

    CommandResult result =
        CommandResult.run("import-hf", config.toString(), "--out", written.toString());

    assertThat(result.status()).isZero();
    assertThat(Json.mapper().readTree(written.toFile()).get("model").get("id").asText())
        .isEqualTo("mixtral");
    assertThat(show("mixtral", written).get("name").asText()).isEqualTo("tiny/Mixtral");
  }

  @Test
  void readsAGivenQuantizationConfig() throws IOException {
    Path config = write("config.json", ModelCommandTest.MIXTRAL);
    Path quantization =
        write(
            "quant.json",
            """
            {"quantization": {"quant_algo": "NVFP4", "kv_cache_quant_algo": "FP8"}}
            """);
    Path written = directory.resolve("tiny.yaml");

    CommandResult result =
        CommandResult.run(
            "import-hf",
            config.toString(),
            "--quant",
            quantization.toString(),
            "--id",
            "tiny-nvfp4",
            "--out",
            written.toString());

    assertThat(result.err()).isEmpty();
    JsonNode json = show("tiny-nvfp4", written);
    // 2 layers · (K and V) · 2 KV heads · head dim 16 · 1 byte (FP8)
    assertThat(json.get("kvCacheBytesPerToken").asDouble()).isEqualTo(2 * 2 * 2 * 16 * 1.0);
    assertThat(json.get("kvCachePrecisions").get(0).asText()).isEqualTo("fp8");
    assertThat(json.get("weightsByComponent").get("moe").get("weightPrecisions").get(0).asText())
        .isEqualTo("nvfp4");
  }

  @Test
  void aMalformedConfigExitsWithTheFileAndField() throws IOException {
    Path config =
        write(
            "config.json",
            ModelCommandTest.MIXTRAL.replace(
                "\"num_experts_per_tok\": 2", "\"num_experts_per_tok\": 9"));
    Path written = directory.resolve("tiny.yaml");

    CommandResult result =
        CommandResult.run("import-hf", config.toString(), "--out", written.toString());

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "afd: "
                + config
                + ": field 'num_experts_per_tok' must be <= field 'num_local_experts' (4), got"
                + " '9'\n");
    assertThat(written).doesNotExist();
  }

  @Test
  void aMissingFieldExitsWithTheFileAndField() throws IOException {
    Path config =
        write("config.json", ModelCommandTest.MIXTRAL.replace("\"hidden_size\": 64,", ""));

    CommandResult result = CommandResult.run("import-hf", config.toString(), "--id", "tiny");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("afd: " + config + ": missing required field 'hidden_size'\n");
  }

  @Test
  void aMissingConfigExitsWithOneLine() {
    CommandResult result = CommandResult.run("import-hf", "missing_config.json");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("afd: config file 'missing_config.json' does not exist\n");
  }

  @Test
  void refusesAnIdThatIsAlreadyKnown() throws IOException {
    Path config = write("deepseek-ai--DeepSeek-V3_config.json", ModelCommandTest.MIXTRAL);
    Path written = directory.resolve("out.yaml");

    CommandResult result =
        CommandResult.run("import-hf", config.toString(), "--out", written.toString());

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: model id 'deepseek-v3' is already a known model, so --model-file could not load"
                + " the result; choose another id with --id\n");
    assertThat(written).doesNotExist();
  }
}
