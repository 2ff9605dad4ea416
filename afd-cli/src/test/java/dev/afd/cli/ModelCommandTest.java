package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {
  /** A small Mixtral-shaped config: 2 layers, 4 experts, top-2, GQA with 2 KV heads of 16. */
  static final String MIXTRAL =
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

  @TempDir Path directory;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(directory.resolve(name), text);
  }

  private static List<String> firstColumn(CommandResult result) {
    return result.outLines().stream().skip(1).map(line -> line.split("\\s+")[0]).toList();
  }

  @Test
  void listsEveryModelSortedById() {
    CommandResult result = CommandResult.run("model", "list");

    assertThat(result.status()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.outLines().get(0))
        .startsWith("ID ")
        .contains("NAME", "TOTAL PARAMETERS", "ACTIVE PARAMETERS", "KV BYTES/TOKEN")
        .endsWith("LAYERS");
    List<String> expected =
        AfdEngine.builder().discoverPlugins().build().models().stream()
            .map(model -> model.id())
            .sorted()
            .toList();
    assertThat(firstColumn(result)).containsExactlyElementsOf(expected);
    assertThat(result.outLines())
        .anySatisfy(
            line ->
                assertThat(line.split("\\s+"))
                    .containsExactly(
                        "deepseek-v3", "DeepSeek-V3", "671.03B", "36.63B", "70272", "61"));
  }

  @Test
  void listIsTheSameEveryRun() {
    assertThat(CommandResult.run("model", "list").out())
        .isEqualTo(CommandResult.run("model", "list").out());
  }

  @Test
  void listsJson() throws IOException {
    CommandResult result = CommandResult.run("model", "list", "--json");

    assertThat(result.status()).isZero();
    JsonNode models = Json.mapper().readTree(result.out()).get("models");
    assertThat(models.get(0).get("id").asText()).isEqualTo("deepseek-r1");
    assertThat(models.get(0).get("layerCount").asInt()).isEqualTo(61);
  }

  @Test
  void showsDeepSeekV3KvCacheAsMlaLatentPlusRopeKeyPerLayer() throws IOException {
    CommandResult result = CommandResult.run("model", "show", "deepseek-v3", "--json");

    assertThat(result.status()).isZero();
    assertThat(result.err()).isEmpty();
    JsonNode json = Json.mapper().readTree(result.out());
    assertThat(json.get("id").asText()).isEqualTo("deepseek-v3");
    // MLA caches the 512-wide KV latent plus the 64-wide RoPE key: 576 elements per layer.
    assertThat(json.get("kvCachePrecisions").get(0).asText()).isEqualTo("bf16");
    assertThat(json.get("kvCacheBytesPerToken").asDouble()).isEqualTo(61 * 576 * 2.0);
    // DeepSeek-V3 model card: 671B total, 37B active, without the 14B MTP module.
    assertThat(json.get("totalParameters").asLong()).isEqualTo(671_026_419_200L);
    assertThat(json.get("activeParameters").asLong()).isEqualTo(36_625_618_432L);
    assertThat(json.get("weightsByComponent").get("moe").get("weightPrecisions").get(0).asText())
        .isEqualTo("fp8-block");
    assertThat(json.get("layers"))
        .extracting(group -> group.get("name").asText() + " x" + group.get("count").asInt())
        .containsExactly("mla+dense-ffn x3", "mla+moe x58");
  }

  @Test
  void showsQwen3KvCacheAsKeysAndValuesOfFourKvHeads() throws IOException {
    CommandResult result = CommandResult.run("model", "show", "qwen3-235b-a22b", "--json");

    assertThat(result.status()).isZero();
    JsonNode json = Json.mapper().readTree(result.out());
    // 94 layers · (K and V) · 4 KV heads · head dim 128 · 2 bytes (BF16)
    assertThat(json.get("kvCachePrecisions").get(0).asText()).isEqualTo("bf16");
    assertThat(json.get("kvCacheBytesPerToken").asDouble()).isEqualTo(94 * 2 * 4 * 128 * 2.0);
  }

  @Test
  void showsYamlByDefault() {
    CommandResult result = CommandResult.run("model", "show", "mixtral-8x7b");

    assertThat(result.status()).isZero();
    assertThat(result.outLines())
        .startsWith("id: mixtral-8x7b", "name: Mixtral-8x7B")
        .contains("kvCacheBytesPerToken: 131072.0");
  }

  @Test
  void rejectsAnUnknownIdListingTheKnownOnes() {
    CommandResult result = CommandResult.run("model", "show", "deepseek");

    List<String> known =
        AfdEngine.builder().discoverPlugins().build().models().stream()
            .map(model -> model.id())
            .toList();
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("afd: Unknown model 'deepseek'. Known models: " + known + "\n");
  }

  @Test
  void aHuggingFaceConfigIsAModelFile() throws IOException {
    Path config = write("tiny--Mixtral_config.json", MIXTRAL);

    CommandResult list = CommandResult.run("--model-file", config.toString(), "model", "list");
    CommandResult show =
        CommandResult.run("model", "show", "mixtral", "--json", "--model-file", config.toString());

    assertThat(list.err()).isEmpty();
    assertThat(firstColumn(list)).isSorted().contains("mixtral", "mixtral-8x7b");
    assertThat(show.err()).isEmpty();
    JsonNode json = Json.mapper().readTree(show.out());
    assertThat(json.get("name").asText()).isEqualTo("tiny/Mixtral");
    // 2 layers · (K and V) · 2 KV heads · head dim 16 · 2 bytes (BF16)
    assertThat(json.get("kvCacheBytesPerToken").asDouble()).isEqualTo(2 * 2 * 2 * 16 * 2.0);
  }

  @Test
  void aModelFileMustNotReuseABuiltInId() throws IOException {
    Path config = write("deepseek-ai--DeepSeek-V3_config.json", MIXTRAL);

    CommandResult result = CommandResult.run("--model-file", config.toString(), "model", "list");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "afd: model file '"
                + config
                + "' defines model 'deepseek-v3', which is already a known model; give it another"
                + " id, for example with 'afd import-hf --id'\n");
  }

  @Test
  void twoModelFilesMustNotShareAnId() throws IOException {
    Path first = write("tiny--Mixtral_config.json", MIXTRAL);
    Files.createDirectories(directory.resolve("copy"));
    Path second = Files.writeString(directory.resolve("copy/tiny--Mixtral_config.json"), MIXTRAL);

    CommandResult result =
        CommandResult.run(
            "--model-file", first.toString(), "--model-file", second.toString(), "model", "list");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: model file '"
                + second
                + "' defines model 'mixtral', which model file '"
                + first
                + "' already defines; give one of them another id, for example with 'afd"
                + " import-hf --id'\n");
  }

  @Test
  void everySubcommandHasHelp() {
    CommandResult result = CommandResult.run("model", "show", "--help");

    assertThat(result.status()).isZero();
    assertThat(result.outLines().get(0)).startsWith("Usage: afd model show [-hV] [--json]");
  }

  @Test
  void aMissingModelFileExitsWithOneLine() {
    CommandResult result = CommandResult.run("model", "list", "--model-file", "missing.yaml");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("afd: model file 'missing.yaml' does not exist\n");
  }
}
