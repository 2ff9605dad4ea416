package dev.afd.engine.explore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.conventions.ConventionProfiles;
import dev.afd.engine.json.Json;
import dev.afd.spi.Conventions;
import dev.afd.spi.StrategyOptions;
import dev.afd.spi.StrategyProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a study file (YAML or JSON, by extension):
 *
 * <pre>{@code
 * name: my-study
 * models: [deepseek-v3]
 * systems:
 *   - {system: h200-nvl8, gpus: 64}
 * workloads:
 *   - chat                                   # a preset with its strict SLO
 *   - {id: long-doc, prefix: 0, isl: 32768, osl: 512, ttft: "2 s", tpot: "30 ms"}
 * strategies: [agg, pd]                     # default: the reference study's four
 * options:                                  # per strategy, unit strings where they apply
 *   agg: {tp: "4,8", batch: "16,32,64"}
 * network: analytical                       # or simulated
 * conventions: aic                          # afd (default) or aic; or a mapping:
 * # conventions: {profile: aic, memory: afd}  # a profile with some assumptions overridden
 * }</pre>
 *
 * <p>Every error names the file and the field.
 */
public final class StudyFiles {
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "models",
          "systems",
          "workloads",
          "strategies",
          "options",
          "network",
          "conventions");

  private StudyFiles() {}

  /**
   * Reads a study file.
   *
   * @throws AfdConfigurationException naming the file and field for anything malformed
   */
  public static StudySpec read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw error(file, "", "does not exist");
    } catch (IOException e) {
      throw error(file, "", "cannot be read: " + e.getMessage());
    }
    return parse(file, text);
  }

  /**
   * Parses a study file's text.
   *
   * @param file the file, named in errors; its extension picks YAML or JSON
   * @param text the file's text
   * @throws AfdConfigurationException naming the file and field for anything malformed
   */
  static StudySpec parse(Path file, String text) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper =
        name.endsWith(".json") ? JsonMapper.builder().build() : YAMLMapper.builder().build();
    // A repeated key would silently keep the last value: refuse it, as hardware files do.
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw error(file, "", "is not valid " + format(name) + ": " + Json.syntaxError(e));
    }
    if (root == null || !root.isObject()) {
      throw error(file, "", "must be a mapping with fields " + new java.util.TreeSet<>(FIELDS));
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw error(
            file,
            field,
            "is not a study field; expected one of " + new java.util.TreeSet<>(FIELDS));
      }
    }
    JsonNode nameNode = root.path("name");
    if (!nameNode.isMissingNode() && !nameNode.isTextual()) {
      throw error(file, "name", "must be a text, got '" + shown(nameNode) + "'");
    }
    String studyName = nameNode.asText("study");
    List<String> models = strings(file, root, "models", true);
    List<StudySpec.SystemBudget> systems = new ArrayList<>();
    JsonNode systemNodes = array(file, root, "systems", true);
    for (int index = 0; index < systemNodes.size(); index++) {
      JsonNode system = systemNodes.get(index);
      String field = "systems[" + index + "]";
      if (!system.hasNonNull("system") || !system.path("system").isTextual()) {
        throw error(file, field + ".system", "must name a system id, for example h200-nvl8");
      }
      JsonNode gpus = system.path("gpus");
      if (!gpus.isIntegralNumber()
          || !gpus.canConvertToInt()
          || gpus.asInt() < 1
          || gpus.asInt() > SystemSpec.MAX_DEVICES) {
        throw error(
            file,
            field + ".gpus",
            "must be a GPU budget between 1 and "
                + SystemSpec.MAX_DEVICES
                + " (the most devices afd models), got '"
                + gpus.asText()
                + "'");
      }
      systems.add(
          new StudySpec.SystemBudget(system.path("system").asText(), system.path("gpus").asInt()));
    }
    List<StudySpec.WorkloadSlo> workloads = new ArrayList<>();
    JsonNode workloadNodes = array(file, root, "workloads", true);
    for (int index = 0; index < workloadNodes.size(); index++) {
      workloads.add(workload(file, "workloads[" + index + "]", workloadNodes.get(index)));
    }
    List<String> strategyIds =
        root.has("strategies")
            ? strings(file, root, "strategies", true)
            : StudySpec.referenceStrategies();
    Map<String, Map<String, String>> options = new TreeMap<>();
    JsonNode optionNodes = root.path("options");
    if (!optionNodes.isMissingNode()) {
      if (!optionNodes.isObject()) {
        throw error(file, "options", "must map strategy ids to their options");
      }
      for (Map.Entry<String, JsonNode> entry : optionNodes.properties()) {
        if (!strategyIds.contains(entry.getKey())) {
          throw error(
              file,
              "options." + entry.getKey(),
              "names a strategy the study does not run; strategies: " + strategyIds);
        }
        if (!entry.getValue().isObject()) {
          throw error(
              file,
              "options." + entry.getKey(),
              "must map option names to values, got '" + shown(entry.getValue()) + "'");
        }
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> option : entry.getValue().properties()) {
          if (!option.getValue().isValueNode() || option.getValue().isNull()) {
            throw error(
                file,
                "options." + entry.getKey() + "." + option.getKey(),
                "must be a value such as \"8,16\", got '" + shown(option.getValue()) + "'");
          }
          values.put(option.getKey(), option.getValue().asText());
        }
        options.put(entry.getKey(), values);
      }
    }
    List<StrategyRun> runs = new ArrayList<>();
    for (int index = 0; index < strategyIds.size(); index++) {
      String id = strategyIds.get(index);
      try {
        runs.add(new StrategyRun(id, options.getOrDefault(id, Map.of())));
      } catch (AfdConfigurationException e) {
        throw error(file, "strategies[" + index + "]", e.getMessage());
      }
    }
    String network = root.path("network").asText("analytical");
    if (!network.equals("analytical") && !network.equals("simulated")) {
      throw error(file, "network", "must be analytical or simulated, got '" + network + "'");
    }
    return new StudySpec(
        studyName, models, systems, workloads, runs, network, conventions(file, root));
  }

  /** {@return the study's conventions: a profile id, or a mapping of profile and overrides} */
  private static Conventions conventions(Path file, JsonNode root) {
    JsonNode node = root.path("conventions");
    if (node.isMissingNode() || node.isNull()) {
      return Conventions.defaults();
    }
    String subject = "study file '" + file + "': conventions";
    if (node.isTextual()) {
      return ConventionProfiles.profile(node.asText(), subject);
    }
    if (!node.isObject()) {
      throw error(
          file,
          "conventions",
          "must be a profile id (afd or aic) or a mapping of profile and assumption overrides");
    }
    String profile = node.path("profile").asText(Conventions.AFD);
    Map<String, String> overrides = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getKey().equals("profile")) {
        overrides.put(entry.getKey(), entry.getValue().asText());
      }
    }
    return ConventionProfiles.resolve(profile, overrides, subject + ".profile", subject);
  }

  /**
   * Reads a study file and checks every id it names (models, systems, strategies) and every
   * strategy option against the engine, so that an unknown one is reported against the file.
   *
   * @param file the study file
   * @param engine the engine whose plugins the ids must name
   * @return the study
   * @throws AfdConfigurationException naming the file for anything malformed or unknown
   */
  public static StudySpec read(Path file, AfdEngine engine) {
    StudySpec study = read(file);
    try {
      study.models().forEach(engine::model);
      study.systems().forEach(budget -> engine.system(budget.system()));
      for (StrategyRun run : study.strategies()) {
        StrategyProvider provider = engine.strategy(run.strategyId());
        StrategyOptions.parse(run.strategyId(), provider.options(), run.options());
      }
    } catch (AfdConfigurationException e) {
      throw new AfdConfigurationException("study file '" + file + "': " + e.getMessage(), e);
    }
    return study;
  }

  private static StudySpec.WorkloadSlo workload(Path file, String field, JsonNode node) {
    try {
      if (node.isTextual()) {
        WorkloadSpec preset = WorkloadSpec.preset(node.asText());
        return new StudySpec.WorkloadSlo(preset, SloSpec.strict(preset));
      }
      if (!node.isObject()) {
        throw error(file, field, "must be a preset name or a mapping with id, prefix, isl, osl");
      }
      for (String required : List.of("id", "isl", "osl")) {
        if (!node.has(required)) {
          throw error(file, field + "." + required, "is required");
        }
      }
      if (!node.path("id").isTextual()) {
        throw error(file, field + ".id", "must be a text, got '" + shown(node.path("id")) + "'");
      }
      WorkloadSpec workload =
          new WorkloadSpec(
              node.path("id").asText(),
              tokens(file, field, node, "prefix"),
              tokens(file, field, node, "isl"),
              tokens(file, field, node, "osl"));
      for (WorkloadSpec preset : WorkloadSpec.presets()) {
        // Results are keyed by workload id: a custom workload under a preset's name could not be
        // told apart from the preset in the outputs.
        if (preset.id().equals(workload.id()) && !preset.equals(workload)) {
          throw error(
              file,
              field + ".id",
              "'"
                  + workload.id()
                  + "' is the name of a preset with other lengths (prefix "
                  + preset.prefixTokens()
                  + ", isl "
                  + preset.inputTokens()
                  + ", osl "
                  + preset.outputTokens()
                  + "); name a custom workload differently, or give the preset by name");
        }
      }
      SloSpec strict = SloSpec.strict(workload);
      TimeSpan ttft = latency(file, field, node, "ttft", strict.timeToFirstToken());
      TimeSpan tpot = latency(file, field, node, "tpot", strict.timePerOutputToken());
      return new StudySpec.WorkloadSlo(workload, new SloSpec(ttft, tpot));
    } catch (AfdConfigurationException | IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("study file '")) {
        throw e;
      }
      throw error(file, field, e.getMessage());
    }
  }

  /**
   * {@return a workload's token count {@code key}: a whole number (0 when an absent prefix)}; a
   * fraction, text or list is refused rather than read as 0 or truncated
   */
  private static long tokens(Path file, String field, JsonNode node, String key) {
    JsonNode value = node.path(key);
    if (value.isMissingNode() && key.equals("prefix")) {
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw error(
          file, field + "." + key, "must be a whole number of tokens, got '" + shown(value) + "'");
    }
    return value.asLong();
  }

  /** {@return a workload's latency target {@code key} ("2 s"), or {@code fallback} when absent} */
  private static TimeSpan latency(
      Path file, String field, JsonNode node, String key, TimeSpan fallback) {
    JsonNode value = node.path(key);
    if (value.isMissingNode()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw error(
          file, field + "." + key, "must be a time such as \"2 s\", got '" + shown(value) + "'");
    }
    try {
      return TimeSpan.parse(value.asText());
    } catch (AfdConfigurationException | IllegalArgumentException e) {
      throw error(file, field + "." + key, e.getMessage());
    }
  }

  /** {@return a value as it reads in the file: text as is, a list or mapping as JSON} */
  private static String shown(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static JsonNode array(Path file, JsonNode root, String field, boolean required) {
    JsonNode node = root.path(field);
    if (node.isMissingNode() && required) {
      throw error(file, field, "is required");
    }
    if (!node.isArray() || node.isEmpty()) {
      throw error(file, field, "must be a non-empty list");
    }
    return node;
  }

  private static List<String> strings(Path file, JsonNode root, String field, boolean required) {
    JsonNode node = array(file, root, field, required);
    List<String> values = new ArrayList<>();
    for (int index = 0; index < node.size(); index++) {
      if (!node.get(index).isTextual()) {
        throw error(file, field + "[" + index + "]", "must be a string id");
      }
      values.add(node.get(index).asText());
    }
    return values;
  }

  private static String format(String lowerCaseName) {
    return lowerCaseName.endsWith(".json") ? "JSON" : "YAML";
  }

  private static AfdConfigurationException error(Path file, String field, String problem) {
    return new AfdConfigurationException(
        "study file '" + file + "'" + (field.isEmpty() ? "" : ": " + field) + " " + problem);
  }
}
