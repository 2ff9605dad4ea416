package dev.afd.engine.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.afd.api.AfdConfigurationException;
import dev.afd.api.internal.Checks;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.huggingface.HuggingFaceArchitectures;
import dev.afd.huggingface.HuggingFaceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Imports a Hugging Face {@code config.json} (and optionally the checkpoint's {@code
 * hf_quant_config.json}) as a {@link MoeModelSpec}.
 *
 * <p>Supports the architectures in {@link HuggingFaceArchitectures#SUPPORTED} (DeepSeek-V3/V3.2,
 * Kimi-K2, GLM-5, Qwen3 and Qwen3-MoE, gpt-oss, Mixtral, Llama 3 and 4, MiniMax-M2, Nemotron-H,
 * Step-3.7). Every failure is an {@link AfdConfigurationException} whose message names the file and
 * the field. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class HuggingFaceConfigImporter {
  /**
   * Python's json module writes Infinity and NaN (Nemotron-H's time_step_limit): accept them. A
   * repeated key is an error: Python keeps the last value, and silently doing the same would hide a
   * hand-edited config's mistake.
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private HuggingFaceConfigImporter() {}

  /**
   * Imports a config, reading the quantization config beside it when there is one ({@code
   * X_hf_quant_config.json} next to {@code X_config.json}, or {@code hf_quant_config.json} next to
   * {@code config.json}).
   *
   * @param configJson the {@code config.json}
   * @param id the model id to give the result
   * @return the model
   * @throws AfdConfigurationException if the file is unreadable, malformed or unsupported
   */
  public static MoeModelSpec read(Path configJson, String id) {
    Path quantization = siblingQuantizationConfig(configJson);
    return read(configJson, Files.isRegularFile(quantization) ? quantization : null, id);
  }

  /**
   * Imports a config.
   *
   * @param configJson the {@code config.json}
   * @param quantizationConfigJson the {@code hf_quant_config.json}, or null
   * @param id the model id to give the result
   * @return the model
   * @throws AfdConfigurationException if a file is unreadable, malformed or unsupported
   */
  public static MoeModelSpec read(
      Path configJson, @Nullable Path quantizationConfigJson, String id) {
    HuggingFaceConfig config = parse(configJson);
    HuggingFaceConfig quantization =
        quantizationConfigJson == null ? null : parse(quantizationConfigJson);
    if (quantization != null
        && !quantization.has("quantization")
        && !quantization.has("quant_algo")) {
      // A model config (or any other JSON) given as the quantization file would import as BF16.
      throw new AfdConfigurationException(
          quantizationConfigJson
              + ": not a quantization config: expected an hf_quant_config.json with a"
              + " 'quantization' object (or 'quant_algo'), got fields "
              + quantization.fieldNames());
    }
    try {
      return HuggingFaceArchitectures.assemble(
          id, displayName(configJson), configJson.toString(), config, quantization);
    } catch (IllegalArgumentException e) {
      throw new AfdConfigurationException(configJson + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@return whether the JSON file looks like a Hugging Face config (it has {@code architectures})}
   *
   * @param file the file
   */
  public static boolean isHuggingFaceConfig(Path file) {
    try {
      JsonNode root = JSON.readTree(file.toFile());
      return root != null && root.isObject() && root.has("architectures");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * {@return the quantization config that would sit beside {@code configJson}}
   *
   * @param configJson the config
   */
  public static Path siblingQuantizationConfig(Path configJson) {
    String fileName = configJson.getFileName().toString();
    String sibling =
        fileName.endsWith("_config.json")
            ? fileName.substring(0, fileName.length() - "_config.json".length())
                + "_hf_quant_config.json"
            : "hf_quant_config.json";
    return configJson.resolveSibling(sibling);
  }

  /**
   * {@return a kebab-case model id derived from a config file name, for example {@code
   * "deepseek-v3"} for {@code deepseek-ai--DeepSeek-V3_config.json}}
   *
   * @param configJson the config
   */
  public static String defaultId(Path configJson) {
    String name = displayName(configJson);
    int slash = name.lastIndexOf('/');
    String model = slash >= 0 ? name.substring(slash + 1) : name;
    String id =
        model
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9.]+", "-")
            .replaceAll("^[-.]+|[-.]+$", "");
    if (!Checks.isValidId(id)) {
      id = id.replace('.', '-').replaceAll("-+", "-");
    }
    if (id.length() > 64) {
      id = id.substring(0, 64).replaceAll("-+$", "");
    }
    return id.isEmpty() ? "imported-model" : id;
  }

  private static String displayName(Path configJson) {
    String fileName = configJson.getFileName().toString();
    if (fileName.endsWith("_config.json")) {
      return fileName.substring(0, fileName.length() - "_config.json".length()).replace("--", "/");
    }
    if (!fileName.equals("config.json")) {
      // Only a plain config.json is named after its directory (a downloaded checkpoint).
      return fileName.endsWith(".json")
          ? fileName.substring(0, fileName.length() - ".json".length())
          : fileName;
    }
    Path parent = configJson.toAbsolutePath().getParent();
    return parent != null && parent.getFileName() != null
        ? parent.getFileName().toString()
        : fileName;
  }

  private static HuggingFaceConfig parse(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new AfdConfigurationException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new AfdConfigurationException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new AfdConfigurationException(file + ": expected a JSON object");
    }
    @SuppressWarnings("unchecked") // a JSON object converts to a map with string keys
    Map<String, @Nullable Object> values = JSON.convertValue(root, LinkedHashMap.class);
    return new HuggingFaceConfig(file.toString(), values);
  }

  /** {@return the supported architectures, sorted} */
  public static List<String> supportedArchitectures() {
    return HuggingFaceArchitectures.SUPPORTED;
  }
}
