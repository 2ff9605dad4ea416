package dev.afd.plugin.models.internal;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.huggingface.HuggingFaceArchitectures;
import dev.afd.huggingface.HuggingFaceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds catalog entries from transcribed Hugging Face configs. */
public final class Catalog {
  private Catalog() {}

  /**
   * {@return a model assembled from a transcribed {@code config.json}}
   *
   * @param id the stable id
   * @param name the display name
   * @param huggingFaceId the Hugging Face repository the config comes from
   * @param namesAndValues the transcribed fields, alternating names and values
   */
  public static MoeModelSpec model(
      String id, String name, String huggingFaceId, @Nullable Object... namesAndValues) {
    String file = huggingFaceId.replace("/", "--") + "_config.json";
    return HuggingFaceArchitectures.assemble(
        id,
        name,
        "https://huggingface.co/" + huggingFaceId + " (config.json)",
        HuggingFaceConfig.of(file, namesAndValues),
        null);
  }

  /**
   * {@return {@code count} entries cycling through {@code pattern}}
   *
   * @param count entries
   * @param pattern the repeating pattern
   */
  public static List<String> repeating(int count, String... pattern) {
    List<String> values = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      values.add(pattern[index % pattern.length]);
    }
    return List.copyOf(values);
  }

  /**
   * The {@code quantization_config} of DeepSeek-style FP8 checkpoints: E4M3 weights with one scale
   * per 128×128 block ({@code "quant_method": "fp8", "weight_block_size": [128, 128]}).
   */
  public static final Map<String, Object> FP8_BLOCK_QUANTIZATION =
      Map.of("quant_method", "fp8", "weight_block_size", List.of(128, 128));
}
