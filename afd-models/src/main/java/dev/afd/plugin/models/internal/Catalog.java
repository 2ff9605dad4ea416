package dev.afd.plugin.models.internal;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.huggingface.HuggingFaceArchitectures;
import dev.afd.huggingface.HuggingFaceConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    return model(id, name, huggingFaceId, changed(Map.of(), namesAndValues));
  }

  /**
   * {@return a model whose {@code config.json} is another's with some fields changed or added}
   *
   * @param id the stable id
   * @param name the display name
   * @param huggingFaceId the Hugging Face repository the config comes from
   * @param base the fields of the config it derives from
   * @param namesAndValues the fields that differ, alternating names and values
   */
  public static MoeModelSpec derived(
      String id,
      String name,
      String huggingFaceId,
      Map<String, @Nullable Object> base,
      @Nullable Object... namesAndValues) {
    return model(id, name, huggingFaceId, changed(base, namesAndValues));
  }

  /**
   * {@return a grouped-query-attention model: the fields every Llama-style {@code config.json} has,
   * then its architecture's own}
   *
   * @param id the stable id
   * @param name the display name
   * @param huggingFaceId the Hugging Face repository the config comes from
   * @param architecture the {@code architectures} entry
   * @param dims the shared fields
   * @param namesAndValues the architecture's own fields, alternating names and values
   */
  public static MoeModelSpec gqa(
      String id,
      String name,
      String huggingFaceId,
      String architecture,
      GqaDims dims,
      @Nullable Object... namesAndValues) {
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
    fields.put("architectures", List.of(architecture));
    fields.put("hidden_size", dims.hidden());
    fields.put("num_hidden_layers", dims.layers());
    fields.put("vocab_size", dims.vocab());
    fields.put("max_position_embeddings", dims.context());
    fields.put("num_attention_heads", dims.heads());
    fields.put("num_key_value_heads", dims.kvHeads());
    fields.put("intermediate_size", dims.intermediate());
    return model(id, name, huggingFaceId, changed(fields, namesAndValues));
  }

  /**
   * The fields every Llama-style {@code config.json} has.
   *
   * @param hidden {@code hidden_size}
   * @param layers {@code num_hidden_layers}
   * @param vocab {@code vocab_size}
   * @param context {@code max_position_embeddings}
   * @param heads {@code num_attention_heads}
   * @param kvHeads {@code num_key_value_heads}
   * @param intermediate {@code intermediate_size}
   */
  public record GqaDims(
      int hidden, int layers, int vocab, int context, int heads, int kvHeads, int intermediate) {}

  /**
   * {@return {@code base} with fields changed or added}
   *
   * @param base the fields
   * @param namesAndValues the changes, alternating names and values
   */
  public static Map<String, @Nullable Object> changed(
      Map<String, @Nullable Object> base, @Nullable Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must alternate");
    }
    Map<String, @Nullable Object> fields = new LinkedHashMap<>(base);
    for (int index = 0; index < namesAndValues.length; index += 2) {
      fields.put((String) namesAndValues[index], namesAndValues[index + 1]);
    }
    return Collections.unmodifiableMap(fields);
  }

  private static MoeModelSpec model(
      String id, String name, String huggingFaceId, Map<String, @Nullable Object> fields) {
    String file = huggingFaceId.replace("/", "--") + "_config.json";
    return HuggingFaceArchitectures.assemble(
        id,
        name,
        "https://huggingface.co/" + huggingFaceId + " (config.json)",
        new HuggingFaceConfig(file, fields),
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
